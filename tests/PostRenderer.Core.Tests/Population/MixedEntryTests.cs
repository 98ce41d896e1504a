using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Population;

/// <summary>
/// Issue 19 item 1, the reading side within one run: an entry that one Secret's key holds raw and another Secret's
/// keys hold as properties is refused before either is written, so neither overwrites what the other reads.
/// </summary>
public sealed class MixedEntryTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mixed-entry-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_raw_entry_that_another_Secret_holds_as_properties_is_refused()
    {
        var settings = new Settings().WithSection(Backend.File, new FileStoreSettings { Path = Path.Combine(directory, "s.json") });
        var raw = Plan(settings, "api", new SecretRule { NamePattern = "api", Keys = [new KeyRule("token", "shared", null, null)] });
        var json = Plan(settings, "shared", null);

        using var run = new PopulationRun(new StoreContext(settings, new Dictionary<string, string>(), new StoreHttp(settings.Populate)),
            new Dictionary<Backend, ISecretStoreFactory> { [Backend.File] = new FileStoreFactory() }, new MessageLog(TextWriter.Null, null));
        run.Submit(raw);

        var error = Assert.Throws<DocumentException>(() => run.Submit(json));
        Assert.Contains("store entry 'shared' of file is to hold a raw value for one Secret and properties for another", error.Message, StringComparison.Ordinal);
    }

    private static SecretPlan Plan(Settings settings, string name, SecretRule? rule)
    {
        var secret = new MappingNode()
            .Add("apiVersion", "v1").Add("kind", "Secret")
            .Add("metadata", new MappingNode().Add("name", name).Add("namespace", "shop"))
            .Add("stringData", new MappingNode().Add("token", "value-of-" + name));
        var location = new DocumentLocation(1, 1, "Secret", name);
        var planner = new SecretPlanner(settings with { EntryName = "{name}" }, new EntryNames(), new MessageLog(TextWriter.Null, null));
        return planner.Plan(SecretDocument.Read(secret, location), rule, location);
    }
}
