using PostRenderer.Core.Population;

namespace PostRenderer.Core.Tests.Population;

/// <summary>The file store's own compare-and-set: a write lands only on the entry exactly as it was read.</summary>
public sealed class FileStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("file-store-").FullName;

    private string StorePath => Path.Combine(directory, "secrets.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private FileStore Store() => new(StorePath, TimeSpan.FromSeconds(10));

    private static Dictionary<string, string> Properties(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    [Fact]
    public async Task A_write_on_the_entry_as_read_lands()
    {
        File.WriteAllText(StorePath, """{"e": {"a": "1"}}""");
        using var store = Store();
        var read = await store.ReadAsync("e", default);

        Assert.True(await store.TryWriteAsync("e", Properties(("a", "1"), ("b", "2")), read, default));
        Assert.Equal("2", (await store.ReadAsync("e", default))!.Properties["b"]);
    }

    [Theory]
    [InlineData("""{"e": {"a": "changed"}}""")]
    [InlineData("""{"e": {"a": "1", "c": "added"}}""")]
    [InlineData("""{"e": {}}""")]
    [InlineData("""{"e": {"renamed": "1"}}""")]
    [InlineData("""{}""")]
    public async Task A_write_on_an_entry_changed_since_it_was_read_is_refused_and_changes_nothing(string changed)
    {
        File.WriteAllText(StorePath, """{"e": {"a": "1"}}""");
        using var store = Store();
        var read = await store.ReadAsync("e", default);
        File.WriteAllText(StorePath, changed);

        Assert.False(await store.TryWriteAsync("e", Properties(("a", "1"), ("b", "2")), read, default));
        Assert.Equal(changed, File.ReadAllText(StorePath));
    }

    [Fact]
    public async Task Creating_an_entry_that_appeared_since_it_was_read_is_refused()
    {
        using var store = Store();
        var read = await store.ReadAsync("e", default);
        File.WriteAllText(StorePath, """{"e": {"a": "other writer"}}""");

        Assert.Null(read);
        Assert.False(await store.TryWriteAsync("e", Properties(("a", "mine")), read, default));
        Assert.Equal("other writer", (await store.ReadAsync("e", default))!.Properties["a"]);
    }

    [Fact]
    public async Task Keys_rewritten_in_another_order_are_not_a_change()
    {
        File.WriteAllText(StorePath, """{"e": {"a": "1", "b": "2"}}""");
        using var store = Store();
        var read = await store.ReadAsync("e", default);
        File.WriteAllText(StorePath, """{"e": {"b": "2", "a": "1"}}""");

        Assert.True(await store.TryWriteAsync("e", Properties(("a", "1"), ("b", "2"), ("c", "3")), read, default));
    }

    [Fact]
    public async Task An_entry_read_shows_no_content_when_formatted()
    {
        File.WriteAllText(StorePath, """{"e": {"password": "file-store-secret-value-31"}}""");
        using var store = Store();

        var read = await store.ReadAsync("e", default);

        Assert.DoesNotContain("file-store-secret-value-31", read!.ToString(), StringComparison.Ordinal);
    }
}
