using System.Text.Json.Nodes;

namespace PostRenderer.EndToEnd.Tests.Stores;

/// <summary>The published binary populating the local file store (the default backend) at a configured path.</summary>
[Trait("Speed", "Slow")]
public sealed class FileStoreBinaryTests
{
    [Fact]
    public async Task The_file_store_gets_the_entry_once_and_the_output_no_value()
    {
        using var roundTrip = new StoreRoundTrip("file");
        var path = Path.Combine(roundTrip.Variables.Subdirectory("store"), "secrets.json");
        roundTrip.Variables.Set("SECRET_POSTRENDERER_FILE__PATH", path);

        await roundTrip.AssertCreatedThenPresentAsync(
            () => JsonNode.Parse(File.ReadAllText(path))?[StoreRoundTrip.Entry]?[StoreRoundTrip.Key]?.GetValue<string>(),
            () => File.GetLastWriteTimeUtc(path).Ticks); // the store is replaced as a whole on every write

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
