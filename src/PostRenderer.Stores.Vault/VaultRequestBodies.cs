using System.Buffers;
using System.Text.Json;

namespace PostRenderer.Stores.Vault;

/// <summary>The JSON bodies the store sends, written directly (no reflection: the CLI is trimmed).</summary>
internal static class VaultRequestBodies
{
    public static byte[] KvV2Write(IReadOnlyDictionary<string, string> properties, long cas) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("options");
        writer.WriteNumber("cas", cas);
        writer.WriteEndObject();
        writer.WritePropertyName("data");
        WriteProperties(writer, properties);
        writer.WriteEndObject();
    });

    public static byte[] KvV1Write(IReadOnlyDictionary<string, string> properties) =>
        Write(writer => WriteProperties(writer, properties));

    public static byte[] KubernetesLogin(string role, string jwt) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("jwt", jwt);
        writer.WriteEndObject();
    });

    public static byte[] AppRoleLogin(string roleId, string? secretId) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("role_id", roleId);
        if (secretId is not null)
        {
            writer.WriteString("secret_id", secretId);
        }

        writer.WriteEndObject();
    });

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> properties)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in properties.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
