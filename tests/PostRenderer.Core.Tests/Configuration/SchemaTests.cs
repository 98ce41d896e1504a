using System.Globalization;
using System.Text;
using System.Text.Json;
using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Tests.Configuration;

/// <summary>The JSON Schema editors use, the settings the reader accepts, and the README must agree.</summary>
public sealed class SchemaTests
{
    private static readonly JsonDocument Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schema", "secret-postrenderer.schema.json")));

    [Fact]
    public void A_file_using_every_schema_property_loads()
    {
        var yaml = new StringBuilder();
        WriteObject(Schema.RootElement, yaml, 0);
        var directory = Directory.CreateTempSubdirectory("schema-").FullName;
        File.WriteAllText(Path.Combine(directory, ".secret-postrenderer.yaml"), yaml.ToString());

        var settings = SettingsLoader.Load(new SettingsSources(directory, new Dictionary<string, string>(), null, new Dictionary<string, string?>()) { Registry = TestStores.Registry });

        Assert.Single(settings.Secrets);
        Assert.Single(settings.Stores);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void The_readme_documents_every_setting()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var missing = PropertyNames(Schema.RootElement).Distinct().Where(name => !readme.Contains($"`{name}`", StringComparison.Ordinal)).ToList();
        Assert.Empty(missing);
    }

    private static IEnumerable<string> PropertyNames(JsonElement schema)
    {
        var resolved = Resolve(schema);
        if (resolved.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                yield return property.Name;
                foreach (var nested in PropertyNames(property.Value))
                {
                    yield return nested;
                }
            }
        }

        if (resolved.TryGetProperty("additionalProperties", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var nested in PropertyNames(map))
            {
                yield return nested;
            }
        }

        if (resolved.TryGetProperty("items", out var items))
        {
            foreach (var nested in PropertyNames(items))
            {
                yield return nested;
            }
        }
    }

    private const string SampleStore = "sample-store";

    private static JsonElement Resolve(JsonElement schema) =>
        !schema.TryGetProperty("$ref", out var reference) ? schema
        : reference.GetString()!.StartsWith("#/properties/", StringComparison.Ordinal)
            ? Schema.RootElement.GetProperty("properties").GetProperty(reference.GetString()!["#/properties/".Length..])
            : Schema.RootElement.GetProperty("$defs").GetProperty(reference.GetString()!["#/$defs/".Length..]);

    private static void WriteObject(JsonElement schema, StringBuilder yaml, int indent)
    {
        var resolved = Resolve(schema);
        if (!resolved.TryGetProperty("properties", out var properties))
        {
            // A map of names the user chooses (stores): one entry, named as the samples name it.
            yaml.Append(' ', indent).Append(SampleStore).Append(":\n");
            WriteObject(resolved.GetProperty("additionalProperties"), yaml, indent + 2);
            return;
        }

        var backend = properties.TryGetProperty("backend", out var choices) && properties.TryGetProperty("vault", out _)
            ? choices.GetProperty("enum")[choices.GetProperty("enum").GetArrayLength() - 1].GetString()
            : null;
        foreach (var property in properties.EnumerateObject())
        {
            // A store takes the settings of its own backend only; a rule names a store or a backend, not both.
            if ((property.Name == "backend" && properties.TryGetProperty("store", out _))
                || (backend is not null && property.Name != backend && property.Name != "kes" && property.Value.TryGetProperty("$ref", out var section)
                    && section.GetString()!.StartsWith("#/properties/", StringComparison.Ordinal)))
            {
                continue;
            }

            yaml.Append(' ', indent).Append(property.Name).Append(':');
            WriteValue(property.Name, Resolve(property.Value), yaml, indent);
        }
    }

    private static void WriteValue(string name, JsonElement schema, StringBuilder yaml, int indent)
    {
        if (schema.TryGetProperty("enum", out var choices))
        {
            yaml.Append(' ').Append(choices[choices.GetArrayLength() - 1].ToString()).Append('\n');
            return;
        }

        switch (schema.GetProperty("type").GetString())
        {
            case "object":
                yaml.Append('\n');
                WriteObject(schema, yaml, indent + 2);
                break;
            case "array":
                var items = Resolve(schema.GetProperty("items"));
                if (items.TryGetProperty("properties", out _))
                {
                    var item = new StringBuilder();
                    WriteObject(items, item, indent + 4);
                    yaml.Append('\n').Append(' ', indent + 2).Append("- ").Append(item.ToString().TrimStart());
                }
                else
                {
                    var sample = items.TryGetProperty("enum", out var itemChoices) ? itemChoices[0].ToString() : "sample";
                    yaml.Append(" [").Append(sample).Append("]\n");
                }

                break;
            case "integer":
                var minimum = schema.TryGetProperty("minimum", out var min) ? min.GetInt32() : 1;
                yaml.Append(' ').Append(Math.Max(minimum, schema.TryGetProperty("default", out var d) ? d.GetInt32() : minimum).ToString(CultureInfo.InvariantCulture)).Append('\n');
                break;
            case "boolean":
                yaml.Append(" false\n");
                break;
            default:
                yaml.Append(' ').Append(SampleString(name, schema)).Append('\n');
                break;
        }
    }

    private static string SampleString(string name, JsonElement schema) => name switch
    {
        "refreshInterval" or "timeout" => "15m",
        "entryName" or "entry" => "\"{namespace}/{name}\"",
        "vaultUrl" => "https://kv.example.net/",
        "store" or "defaultStore" => SampleStore,
        _ when schema.TryGetProperty("default", out var value) => $"\"{value.GetString()}\"",
        _ => "sample",
    };
}
