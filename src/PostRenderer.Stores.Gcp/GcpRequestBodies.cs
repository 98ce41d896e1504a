using System.Globalization;
using System.Text.Json;

namespace PostRenderer.Stores.Gcp;

/// <summary>The JSON bodies of the Secret Manager calls the store makes.</summary>
internal static class GcpRequestBodies
{
    /// <summary>A Secret: automatic replication, or user-managed replicas when locations are configured.</summary>
    public static byte[] Secret(IReadOnlyList<string> replicaLocations) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("replication");
        if (replicaLocations.Count == 0)
        {
            writer.WriteStartObject("automatic");
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStartObject("userManaged");
            writer.WriteStartArray("replicas");
            foreach (var location in replicaLocations)
            {
                writer.WriteStartObject();
                writer.WriteString("location", location);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary>An addVersion request; the CRC32C (an int64, so a JSON string) lets the service detect corruption.</summary>
    public static byte[] AddVersion(byte[] payload) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("payload");
        writer.WriteBase64String("data", payload);
        writer.WriteString("dataCrc32c", Crc32C.Compute(payload).ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
