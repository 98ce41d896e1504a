using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Population;

/// <summary>Per-key options as population sees them: raw entries, pinned versions, decoding strategies.</summary>
public sealed class PerKeyOptionsTests
{
    private static readonly StoreSettings Aws = new() { Name = "eu-aws", Definition = TestStores.Of(Backend.Aws) };

    [Fact]
    public async Task A_raw_entry_is_created_once_and_never_overwritten()
    {
        var store = new PlainStore();
        var populator = new Populator(store, new PopulationSettings());
        var request = Requests(Rule(new KeyRule("api-key", "payments/api-key", null, null)), ("api-key", "first")).Single();
        Assert.True(request.Plain);

        var created = await populator.PopulateAsync(request, default);
        var again = await populator.PopulateAsync(Requests(Rule(new KeyRule("api-key", "payments/api-key", null, null)), ("api-key", "second")).Single(), default);

        Assert.True(created.Created);
        Assert.Equal(["api-key"], again.AlreadyPresent);
        Assert.Equal("first", store.Values["payments/api-key"]);
    }

    [Fact]
    public async Task A_raw_entry_on_a_store_that_cannot_hold_one_is_refused_by_name()
    {
        var populator = new Populator(new MapOnlyStore(), new PopulationSettings());
        var request = Requests(Rule(new KeyRule("api-key", "payments/api-key", null, null)), ("api-key", "value-never-shown")).Single();

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => populator.PopulateAsync(request, default));
        Assert.Contains("entry 'payments/api-key' is to hold a raw value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("value-never-shown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pinned_versions_and_stages_are_not_written()
    {
        var rule = Rule(new KeyRule("a", null, null, null) { VersionStage = "AWSPREVIOUS" }, new KeyRule("b", null, null, null) { Version = "7" }, new KeyRule("c", null, null, null) { VersionStage = "AWSCURRENT" });
        var plan = Plan(rule, ("a", "1"), ("b", "2"), ("c", "3"));

        Assert.Equal(["a", "b"], EntryRequests.Pinned(plan).Select(key => key.Value.Key));
        Assert.Equal(["c"], EntryRequests.From(plan).Single().Values.Keys);
    }

    [Fact]
    public void A_decoding_strategy_decides_what_the_store_holds()
    {
        var rule = Rule(new KeyRule("b64", null, null, null) { DecodingStrategy = "Base64" }, new KeyRule("url", null, null, null) { DecodingStrategy = "Base64URL" });
        var values = EntryRequests.From(Plan(rule, ("b64", "hi?>"), ("url", "hi?>"), ("plain", "hi?>"))).Single().Values;

        Assert.Equal("aGk/Pg==", values["b64"]);
        Assert.Equal("aGk_Pg", values["url"]);
        Assert.Equal("hi?>", values["plain"]);
    }

    [Fact]
    public void Two_keys_cannot_share_a_raw_entry()
    {
        var rule = Rule(new KeyRule("a", "shared", null, null));
        var error = Assert.Throws<DocumentException>(() => Plan(rule with { EntryName = "shared" }, ("a", "1"), ("b", "2")));
        Assert.Contains("holds 'a' as a raw value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Population_says_which_keys_it_leaves_pinned()
    {
        var settings = new Settings();
        var messages = new StringWriter();
        var plan = Plan(Rule(new KeyRule("a", null, null, null) { VersionStage = "AWSPREVIOUS" }), ("a", "value-never-shown"));
        var factories = new Dictionary<Backend, ISecretStoreFactory> { [Backend.Aws] = new Factory() };
        using (var run = new PopulationRun(new StoreContext(settings, new Dictionary<string, string>(), new StoreHttp(settings.Populate)), factories, new MessageLog(messages, null)))
        {
            run.Submit(plan);
            Assert.Equal(0, run.Complete().Entries);
        }

        Assert.Contains("key 'a' reads AWSPREVIOUS of eu-aws (aws) entry 'default/payments'; population never writes a pinned version", messages.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("value-never-shown", messages.ToString(), StringComparison.Ordinal);
    }

    private sealed class Factory : ISecretStoreFactory
    {
        public Backend Backend => Backend.Aws;

        public ISecretStore Create(StoreContext context) => new MapOnlyStore();
    }

    private static SecretRule Rule(params KeyRule[] keys) => new() { NamePattern = "*", Store = "eu-aws", Keys = keys };

    private static IEnumerable<EntryRequest> Requests(SecretRule rule, params (string Key, string Value)[] values) => EntryRequests.From(Plan(rule, values));

    private static SecretPlan Plan(SecretRule rule, params (string Key, string Value)[] values)
    {
        var data = new MappingNode();
        foreach (var (key, value) in values)
        {
            data.Add(key, value);
        }

        var secret = new MappingNode()
            .Add("apiVersion", "v1").Add("kind", "Secret")
            .Add("metadata", new MappingNode().Add("name", "payments"))
            .Add("stringData", data);
        var location = new DocumentLocation(1, 1, "Secret", "payments");
        var settings = new Settings { Stores = new Dictionary<string, StoreSettings> { ["euaws"] = Aws } };
        return new SecretPlanner(settings, new EntryNames(), new PostRenderer.Core.Diagnostics.MessageLog(TextWriter.Null, null)).Plan(SecretDocument.Read(secret, location), rule, location);
    }

    private class MapOnlyStore : ISecretStore
    {
        public string Name => "aws";

        public bool HasCompareAndSet => true;

        public Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken) => Task.FromResult<StoreEntry?>(null);

        public Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public void Dispose()
        {
        }
    }

    private sealed class PlainStore : MapOnlyStore, IPlainValueStore
    {
        public Dictionary<string, string> Values { get; } = [];

        public Task<StoreEntry?> ReadPlainAsync(string entry, CancellationToken cancellationToken) =>
            Task.FromResult(Values.TryGetValue(entry, out var value) ? new StoreEntry(new Dictionary<string, string> { [""] = value }, "1") : null);

        public Task<bool> TryWritePlainAsync(string entry, string value, StoreEntry? expected, CancellationToken cancellationToken)
        {
            if (Values.ContainsKey(entry) != (expected is not null))
            {
                return Task.FromResult(false);
            }

            Values[entry] = value;
            return Task.FromResult(true);
        }
    }
}
