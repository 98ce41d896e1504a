using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Tests.Rendering;

namespace PostRenderer.Core.Tests.Configuration;

/// <summary>
/// A store Core has never heard of, registered by its definition alone: Core reads its section, names it in
/// messages, makes its entry names and writes its KES fields by asking the definition, nothing else.
/// </summary>
public sealed class StoreDefinitionTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("store-definition-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Its_section_is_read_by_its_definition_into_its_own_settings()
    {
        var settings = Load("backend: example\nexampleSection:\n  prefix: team\n");

        Assert.Equal(Backend.Alibaba, settings.Backend);
        Assert.Equal("team", settings.Section<ExampleSettings>(Backend.Alibaba).Prefix);
        Assert.Equal("team", ((ExampleSettings)settings.ForStore(settings.DefaultStore).Sections[Backend.Alibaba]).Prefix);
    }

    [Fact]
    public void Its_names_are_the_ones_settings_and_messages_use()
    {
        var unknown = Assert.Throws<ConfigurationException>(() => Load("exampleSection:\n  prefx: team\n"));
        Assert.StartsWith("unknown setting 'exampleSection.prefx'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'exampleSection.prefix'?", unknown.Message, StringComparison.Ordinal);

        var choice = Assert.Throws<ConfigurationException>(() => Load("backend: exampel\n"));
        Assert.StartsWith("setting 'backend' is 'exampel'; expected one of file, example", choice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_render_takes_its_entry_names_and_kes_fields_from_it()
    {
        var output = RenderDifferential.Render(Load("format: kes\nbackend: example\nexampleSection:\n  prefix: team\n"), Secret("db"), collectPlans: false);

        Assert.Contains("backendType: exampleKes\n  prefix: team\n", output, StringComparison.Ordinal);
        Assert.Contains("key: NS/DB\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_it_refuses_is_the_document_error_it_words()
    {
        var output = RenderDifferential.Render(Load("backend: example\n"), Secret("refused"), collectPlans: false);

        Assert.Contains("DocumentException: ", output, StringComparison.Ordinal);
        Assert.Contains("example stores refuse 'ns/refused'; fix entryName", output, StringComparison.Ordinal);
    }

    private Settings Load(string yaml)
    {
        File.WriteAllText(Path.Combine(directory, ".secret-postrenderer.yaml"), yaml);
        var registry = new StoreRegistry([FileStoreDefinition.Instance, new ExampleStoreDefinition()]);
        return SettingsLoader.Load(new SettingsSources(directory, new Dictionary<string, string>(), null, new Dictionary<string, string?>()) { Registry = registry });
    }

    private static byte[] Secret(string name) =>
        Encoding.UTF8.GetBytes($"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\n  namespace: ns\nstringData:\n  password: example-value\n");

    public sealed record ExampleSettings
    {
        public string Prefix { get; init; } = "none";
    }

    /// <summary>A store under Alibaba's Backend value (the one line a real store adds to Core) and nothing else of Alibaba's.</summary>
    private sealed class ExampleStoreDefinition : StoreDefinition<ExampleSettings>
    {
        public override Backend Backend => Backend.Alibaba;

        public override string Name => "example";

        public override string SectionName => "exampleSection";

        public override string? KesBackendType => "exampleKes";

        public override string EntryName(string raw) =>
            raw.Contains("refused", StringComparison.Ordinal)
                ? throw new EntryNameException($"example stores refuse '{raw}'; fix entryName")
                : raw.ToUpperInvariant();

        public override ExampleSettings Read(SectionReader section)
        {
            var settings = new ExampleSettings { Prefix = section.String("prefix") ?? "none" };
            section.RejectUnknown();
            return settings;
        }

        public override IEnumerable<KeyValuePair<string, string?>> KesFields(ExampleSettings settings, KesSettings kes) => [new("prefix", settings.Prefix)];
    }
}
