using System.Security.Cryptography;
using System.Text.Json;

namespace PostRenderer.Stores.TestSupport.Gcp;

/// <summary>A service account JSON key as the Cloud console issues it, with a fresh RSA key, in a temp file.</summary>
internal sealed class ServiceAccountKeyFile : IDisposable
{
    public const string ClientEmail = "populator@test-project.iam.gserviceaccount.com";

    // Generating a 2048-bit key takes a while on a busy machine; one per test run is enough.
    private static readonly Lazy<RSA> SharedKey = new(() => RSA.Create(2048));

    private readonly string directory;

    public ServiceAccountKeyFile(Uri tokenUri)
    {
        Key = SharedKey.Value;
        directory = Directory.CreateTempSubdirectory("gcp-key-").FullName;
        PrivateKeyPem = Key.ExportPkcs8PrivateKeyPem();
        Path = System.IO.Path.Combine(directory, "key.json");
        using var stream = File.Create(Path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("type", "service_account");
        writer.WriteString("project_id", FakeSecretManager.Project);
        writer.WriteString("private_key_id", "0123456789abcdef");
        writer.WriteString("private_key", PrivateKeyPem);
        writer.WriteString("client_email", ClientEmail);
        writer.WriteString("client_id", "100000000000000000001");
        writer.WriteString("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        writer.WriteString("token_uri", tokenUri.ToString());
        writer.WriteEndObject();
    }

    public RSA Key { get; }

    public string PrivateKeyPem { get; }

    public string Path { get; }

    public void Dispose()
    {
        Directory.Delete(directory, recursive: true);
    }
}
