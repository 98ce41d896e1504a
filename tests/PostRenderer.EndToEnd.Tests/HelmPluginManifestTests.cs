using PostRenderer.EndToEnd.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>
/// helm-plugin/plugin.yaml against Helm 4's plugin.yaml v1 schema (helm internal/plugin: MetadataV1 and
/// RuntimeConfigSubprocess): since 4.1 unknown fields are rejected, so only known fields may appear.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class HelmPluginManifestTests
{
    private static readonly string[] PluginFields = ["apiVersion", "name", "type", "runtime", "version", "sourceURL", "config", "runtimeConfig"];
    private static readonly string[] PlatformCommandFields = ["os", "arch", "command", "args"];

    private static YamlMappingNode Manifest
    {
        get
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryPaths.HelmPlugin, "plugin.yaml"))));
            return (YamlMappingNode)stream.Documents.Single().RootNode;
        }
    }

    [Fact]
    public void Only_fields_of_the_v1_schema_are_used()
    {
        var manifest = Manifest;

        Assert.All(manifest.Children.Keys, key => Assert.Contains(((YamlScalarNode)key).Value, PluginFields));
        Assert.Equal("v1", Scalar(manifest, "apiVersion"));
        Assert.Equal("postrenderer/v1", Scalar(manifest, "type"));
        Assert.Equal("secret-postrenderer", Scalar(manifest, "name"));
        Assert.Equal("subprocess", Scalar(manifest, "runtime"));
        var runtimeConfig = (YamlMappingNode)RenderedDocument.Child(manifest, "runtimeConfig")!;
        Assert.Equal(["platformCommand"], runtimeConfig.Children.Keys.Select(key => ((YamlScalarNode)key).Value));
    }

    [Fact]
    public void Every_supported_platform_has_a_command()
    {
        var commands = ((YamlSequenceNode)RenderedDocument.Child(RenderedDocument.Child(Manifest, "runtimeConfig"), "platformCommand")!).Children.Cast<YamlMappingNode>().ToList();

        Assert.All(commands, command => Assert.All(command.Children.Keys, key => Assert.Contains(((YamlScalarNode)key).Value, PlatformCommandFields)));
        var platforms = commands.Select(command => $"{Scalar(command, "os")}/{Scalar(command, "arch")}").Order(StringComparer.Ordinal);
        Assert.Equal(["darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm64", "windows/amd64", "windows/arm64"], platforms);
    }

    [Fact]
    public void The_plugin_version_is_the_product_version()
    {
        using var environment = new IsolatedEnvironment();
        var productVersion = DeveloperTools.VersionOf(environment, PublishedBinary.Path).Split('+')[0];

        Assert.Equal(productVersion, Scalar(Manifest, "version"));
    }

    private static string? Scalar(YamlNode node, string key) => (RenderedDocument.Child(node, key) as YamlScalarNode)?.Value;
}
