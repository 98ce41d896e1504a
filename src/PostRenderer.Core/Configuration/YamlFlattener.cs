using System.Globalization;
using System.Text;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Configuration;

/// <summary>Reads a YAML file into the flat <c>a:b:0:c</c> keys that <see cref="SettingsTree"/> layers.</summary>
internal static class YamlFlattener
{
    public static Node? ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot read configuration file {path}: {ex.Message}", ex);
        }

        try
        {
            using var bytes = new MemoryStream(Encoding.UTF8.GetBytes(text));
            var documents = new List<RawDocument>();
            foreach (var document in new DocumentSplitter(bytes, int.MaxValue / 2).ReadDocuments())
            {
                _ = document.Text; // decoded now: the splitter reuses the bytes for the next document
                documents.Add(document);
            }

            if (documents.Count > 1)
            {
                throw new ConfigurationException($"configuration file {path} holds {documents.Count} YAML documents; it must hold one");
            }

            return documents.Count == 0 ? null : new NodeReader(ReaderLimits.Default).Read(documents[0]);
        }
        catch (UserException ex) when (ex is not ConfigurationException)
        {
            throw new ConfigurationException($"configuration file {path} is not valid YAML: {ex.Message}", ex);
        }
    }

    public static Dictionary<string, string?> Flatten(Node? root, string path)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (root is null)
        {
            return result;
        }

        if (root is not MappingNode)
        {
            throw new ConfigurationException($"configuration file {path} must be a YAML mapping of settings");
        }

        Add(result, "", root, path);
        return result;
    }

    private static void Add(Dictionary<string, string?> result, string prefix, Node node, string path)
    {
        switch (node)
        {
            case ScalarNode scalar:
                result[prefix] = scalar.IsNull ? null : scalar.Value;
                break;
            case SequenceNode sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    Add(result, Join(prefix, i.ToString(CultureInfo.InvariantCulture)), sequence.Items[i], path);
                }

                break;
            case MappingNode mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    if (key is not ScalarNode scalarKey || scalarKey.Value.Contains(':', StringComparison.Ordinal))
                    {
                        throw new ConfigurationException($"configuration file {path}: setting names must be plain words, not '{key}'");
                    }

                    Add(result, Join(prefix, scalarKey.Value), value, path);
                }

                break;
        }
    }

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : prefix + ":" + key;
}
