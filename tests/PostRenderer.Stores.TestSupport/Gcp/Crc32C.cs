namespace PostRenderer.Stores.TestSupport.Gcp;

/// <summary>
/// CRC32C (Castagnoli) as the fake Secret Manager computes it, bit by bit and apart from the store's table-driven
/// one, so that a wrong checksum in the store is caught by the fake rather than agreed with.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}
