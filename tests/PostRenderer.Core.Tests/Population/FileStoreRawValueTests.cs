using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Core.Tests.Population;

/// <summary>
/// Issue 19 item 1 for the file store: a key without a property has an entry of its own holding its raw value, a JSON
/// string in the file; created when missing, never overwritten without --overwrite-existing, compare-and-set on write.
/// </summary>
public sealed class FileStoreRawValueTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("file-store-raw-").FullName;

    private string StorePath => Path.Combine(directory, "secrets.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private FileStore Store() => new(StorePath, TimeSpan.FromSeconds(10));

    private static EntryRequest Raw(string entry, string key, string value) =>
        new(entry, new Dictionary<string, string> { [key] = value }, "document 1") { Plain = true };

    private static Task<EntryOutcome> PopulateAsync(FileStore store, EntryRequest request, bool overwrite = false) =>
        new Populator(store, new PopulationSettings { OverwriteExisting = overwrite }).PopulateAsync(request, default);

    [Fact]
    public async Task A_missing_entry_is_created_holding_the_raw_value_as_a_JSON_string()
    {
        using var store = Store();

        var outcome = await PopulateAsync(store, Raw("ns/token", "token", "s3cr3t"));

        Assert.True(outcome.Created);
        Assert.Equal(["token"], outcome.Added);
        Assert.Equal("""{"ns/token":"s3cr3t"}""", Compact(File.ReadAllText(StorePath)));
    }

    [Fact]
    public async Task A_raw_value_that_is_JSON_text_is_kept_as_text()
    {
        using var store = Store();

        await PopulateAsync(store, Raw("cfg", "config.json", """{"a":"b"}"""));

        Assert.Equal("""{"a":"b"}""", (await store.ReadPlainAsync("cfg", default))!.Properties[""]);
        Assert.Equal("""{"a":"b"}""", System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(StorePath))!["cfg"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_present_value_is_left_as_it_is()
    {
        File.WriteAllText(StorePath, """{"ns/token": "rotated"}""");
        using var store = Store();

        var outcome = await PopulateAsync(store, Raw("ns/token", "token", "from-chart"));

        Assert.False(outcome.Created);
        Assert.Equal(["token"], outcome.AlreadyPresent);
        Assert.Equal("""{"ns/token": "rotated"}""", File.ReadAllText(StorePath));
    }

    [Fact]
    public async Task A_present_value_is_replaced_only_with_overwrite_existing()
    {
        File.WriteAllText(StorePath, """{"ns/token": "old", "other": {"a": "1"}}""");
        using var store = Store();

        var outcome = await PopulateAsync(store, Raw("ns/token", "token", "new"), overwrite: true);

        Assert.Equal(["token"], outcome.Replaced);
        Assert.Equal("""{"ns/token":"new","other":{"a":"1"}}""", Compact(File.ReadAllText(StorePath)));
    }

    [Fact]
    public async Task A_write_racing_another_writer_is_refused_and_their_value_stays()
    {
        using var store = Store();
        var read = await store.ReadPlainAsync("ns/token", default);
        File.WriteAllText(StorePath, """{"ns/token": "theirs"}""");

        Assert.Null(read);
        Assert.False(await store.TryWritePlainAsync("ns/token", "mine", read, default));
        Assert.Equal("""{"ns/token": "theirs"}""", File.ReadAllText(StorePath));
    }

    [Fact]
    public async Task A_replacement_racing_a_rotation_is_refused()
    {
        File.WriteAllText(StorePath, """{"ns/token": "old"}""");
        using var store = Store();
        var read = await store.ReadPlainAsync("ns/token", default);
        File.WriteAllText(StorePath, """{"ns/token": "rotated"}""");

        Assert.False(await store.TryWritePlainAsync("ns/token", "new", read, default));
        Assert.Equal("""{"ns/token": "rotated"}""", File.ReadAllText(StorePath));
    }

    [Fact]
    public async Task An_entry_of_properties_read_as_raw_is_an_error_and_stays()
    {
        const string content = """{"ns/token": {"token": "x"}}""";
        File.WriteAllText(StorePath, content);
        using var store = Store();

        var error = await Assert.ThrowsAsync<StoreException>(() => PopulateAsync(store, Raw("ns/token", "token", "v"), overwrite: true));

        Assert.Contains("JSON object of properties", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\"x\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(StorePath));
    }

    [Fact]
    public async Task A_raw_entry_read_as_properties_is_an_error_and_stays()
    {
        const string content = """{"ns/db": "raw"}""";
        File.WriteAllText(StorePath, content);
        using var store = Store();
        var request = new EntryRequest("ns/db", new Dictionary<string, string> { ["password"] = "p" }, "document 1");

        var error = await Assert.ThrowsAsync<StoreException>(() => new Populator(store, new PopulationSettings()).PopulateAsync(request, default));

        Assert.Contains("raw value", error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(StorePath));
    }

    private static string Compact(string json) =>
        System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString();
}
