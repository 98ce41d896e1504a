using System.Text.Json;
using System.Text.Json.Nodes;

namespace PostRenderer.Stores.TestSupport.Vault;

/// <summary>
/// One KV mount of the fake Vault, with the real engine's semantics: v1 overwrites; v2 keeps versions, honours
/// options.cas (0 = only if the key does not exist, else must equal the current version) and soft deletes.
/// </summary>
internal sealed class FakeKvMount(int kvVersion)
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, List<FakeVersion>> secrets = new(StringComparer.Ordinal);
    private int casConflicts;

    public int KvVersion { get; } = kvVersion;

    /// <summary>Writes refused because options.cas did not match: how often concurrent writers met.</summary>
    public int CasConflicts => Volatile.Read(ref casConflicts);

    public void Seed(string path, IReadOnlyDictionary<string, string> data) => SetRaw(path, ToJson(data));

    /// <summary>Stores any JSON text as the entry's data (to inject content this tool would never write).</summary>
    public void SetRaw(string path, string dataJson)
    {
        lock (sync)
        {
            Versions(path).Add(new FakeVersion(dataJson));
        }
    }

    public void DeleteLatest(string path)
    {
        lock (sync)
        {
            var versions = secrets[path];
            versions[^1] = versions[^1] with { Deleted = true };
        }
    }

    public Dictionary<string, string>? Current(string path)
    {
        lock (sync)
        {
            return secrets.TryGetValue(path, out var versions) && !versions[^1].Deleted
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(versions[^1].DataJson)
                : null;
        }
    }

    /// <summary>The paths that hold at least one version.</summary>
    public IReadOnlyList<string> Paths()
    {
        lock (sync)
        {
            return [.. secrets.Where(entry => entry.Value.Count > 0).Select(entry => entry.Key)];
        }
    }

    /// <summary>Every version of the entry, oldest first (empty when it was never written).</summary>
    public List<Dictionary<string, string>> History(string path)
    {
        lock (sync)
        {
            return secrets.TryGetValue(path, out var versions)
                ? [.. versions.Select(version => JsonSerializer.Deserialize<Dictionary<string, string>>(version.DataJson)!)]
                : [];
        }
    }

    public int CurrentVersion(string path)
    {
        lock (sync)
        {
            return secrets.TryGetValue(path, out var versions) ? versions.Count : 0;
        }
    }

    public (int Status, string Body) Read(string path)
    {
        lock (sync)
        {
            if (!secrets.TryGetValue(path, out var versions))
            {
                return (404, """{"errors":[]}""");
            }

            var latest = versions[^1];
            if (KvVersion == 1)
            {
                return (200, $$"""{"data":{{latest.DataJson}}}""");
            }

            // Real Vault answers a deleted latest version with 404, still carrying its metadata.
            var metadata = $$"""{"created_time":"2025-01-01T00:00:00Z","deletion_time":"{{(latest.Deleted ? "2025-01-02T00:00:00Z" : "")}}","destroyed":false,"version":{{versions.Count}}}""";
            return latest.Deleted
                ? (404, $$$"""{"data":{"data":null,"metadata":{{{metadata}}}}}""")
                : (200, $$$"""{"data":{"data":{{{latest.DataJson}}},"metadata":{{{metadata}}}}}""");
        }
    }

    public (int Status, string Body) Write(string path, JsonNode? body)
    {
        var data = KvVersion == 1 ? body : body?["data"];
        if (data is not JsonObject)
        {
            return (400, """{"errors":["no data provided"]}""");
        }

        lock (sync)
        {
            var versions = Versions(path);
            if (KvVersion == 2 && body?["options"]?["cas"] is JsonValue cas && cas.GetValue<long>() != versions.Count)
            {
                Interlocked.Increment(ref casConflicts);
                return (400, """{"errors":["check-and-set parameter did not match the current version"]}""");
            }

            versions.Add(new FakeVersion(data.ToJsonString()));
            return KvVersion == 1
                ? (204, "")
                : (200, $$$"""{"data":{"created_time":"2025-01-01T00:00:00Z","deletion_time":"","destroyed":false,"version":{{{versions.Count}}}}}""");
        }
    }

    private List<FakeVersion> Versions(string path)
    {
        if (!secrets.TryGetValue(path, out var versions))
        {
            secrets[path] = versions = [];
        }

        return versions;
    }

    private static string ToJson(IReadOnlyDictionary<string, string> data) => JsonSerializer.Serialize(data);

    private sealed record FakeVersion(string DataJson, bool Deleted = false);
}
