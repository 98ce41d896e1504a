namespace PostRenderer.Stores.Vault;

/// <summary>Vault API paths: each segment URL-escaped, the slashes between them kept.</summary>
internal static class VaultPaths
{
    public static string Escape(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    public static string KvV2Data(string mount, string entry) => $"{mount}/data/{entry}";

    public static string KvV1(string mount, string entry) => $"{mount}/{entry}";

    public static string MountInfo(string mount) => $"sys/internal/ui/mounts/{mount}";

    public static string Login(string authMount) => $"auth/{authMount}/login";
}
