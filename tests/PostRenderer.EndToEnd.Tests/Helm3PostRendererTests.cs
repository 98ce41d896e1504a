using System.Text.Json;
using PostRenderer.EndToEnd.Tests.Infrastructure;
using static PostRenderer.EndToEnd.Tests.Infrastructure.Helm;

namespace PostRenderer.EndToEnd.Tests;

/// <summary>Real helm 3.17: `helm template --post-renderer /path/to/secret-postrenderer [--post-renderer-args ARG]...`.</summary>
[Trait("Speed", "Slow")]
public sealed class Helm3PostRendererTests
{
    [Fact]
    public void Secrets_become_ExternalSecrets_and_no_value_is_left()
    {
        using var environment = new IsolatedEnvironment();

        var run = Helm3Template(environment, "rel", "random-password", PostRendererArgs("--no-populate")).EnsureSuccess();

        var rendered = RenderedManifests.Parse(run.Output);
        rendered.AssertNoPlainSecrets();
        rendered.AssertHoldsNoValue(ChartSecrets.RandomPasswordApiKey);
        var external = rendered.Single("ExternalSecret", "rel-credentials");
        Assert.Equal("external-secrets.io/v1", external.ApiVersion);
        Assert.Equal(["default/rel-credentials", "default/rel-credentials"], external.RemoteKeys);
        rendered.Single("ConfigMap", "rel-settings");
        // helm 3's `# Source:` lines survive, so the output still says which template each object came from.
        Assert.Contains("random-password/templates/secret.yaml", rendered.Sources);
        Assert.False(File.Exists(environment.FileStorePath), "--no-populate must not create the store");
    }

    [Fact]
    public void Namespace_argument_names_the_store_entries()
    {
        using var environment = new IsolatedEnvironment();

        // helm gives a post-renderer no HELM_NAMESPACE: the release namespace must be passed as an argument.
        var run = Helm3Template(environment, "rel", "random-password", Flags("--namespace", "payments"), PostRendererArgs("--no-populate", "--namespace", "payments"))
            .EnsureSuccess();

        var external = RenderedManifests.Parse(run.Output).Single("ExternalSecret", "rel-credentials");
        Assert.All(external.RemoteKeys, key => Assert.Equal("payments/rel-credentials", key));
    }

    [Fact]
    public void Rendering_twice_seeds_the_store_once_and_keeps_the_first_random_password()
    {
        using var environment = new IsolatedEnvironment();

        Helm3Template(environment, "rel", "random-password").EnsureSuccess();
        var first = File.ReadAllText(environment.FileStorePath);
        Helm3Template(environment, "rel", "random-password").EnsureSuccess();
        var second = File.ReadAllText(environment.FileStorePath);

        using var store = JsonDocument.Parse(second);
        var entry = store.RootElement.GetProperty("default/rel-credentials");
        Assert.Equal(ChartSecrets.RandomPasswordApiKey, entry.GetProperty("api-key").GetString());
        Assert.Equal(24, entry.GetProperty("password").GetString()!.Length);
        // randAlphaNum gave a new password on the second render; the store must still hold the first one.
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_subcharts_Secret_is_converted_too()
    {
        using var environment = new IsolatedEnvironment();

        var run = Helm3Template(environment, "shop", "umbrella", PostRendererArgs("--no-populate")).EnsureSuccess();

        UmbrellaChart.AssertConverted(run.Output);
    }

    [Fact]
    public void Crds_and_custom_resources_pass_through_beside_the_converted_Secret()
    {
        using var environment = new IsolatedEnvironment();

        var run = Helm3Template(environment, "widgets", "crd-and-resource", Flags("--include-crds", "--namespace", "platform"), PostRendererArgs("--no-populate"))
            .EnsureSuccess();

        var rendered = RenderedManifests.Parse(run.Output);
        rendered.AssertNoPlainSecrets();
        rendered.AssertHoldsNoValue(ChartSecrets.WidgetWebhookSecret);
        rendered.Single("CustomResourceDefinition", "widgets.example.com");
        rendered.Single("Widget", "widgets-widget");
        rendered.Single("ClusterRole", "widgets-widget-reader");
        var external = rendered.Single("ExternalSecret", "widgets-webhook");
        Assert.Equal("platform", external.Namespace);
        Assert.All(external.RemoteKeys, key => Assert.Equal("platform/widgets-webhook", key));
    }

    [Fact]
    public void Helm_3_appends_hook_Secrets_after_post_rendering_so_only_the_pipe_converts_them()
    {
        using var environment = new IsolatedEnvironment();

        // helm 3 never sends hooks to a post-renderer; `helm template` prints them afterwards, unconverted.
        var viaHelm = RenderedManifests.Parse(Helm3Template(environment, "rel", "hook-secret", PostRendererArgs("--no-populate")).EnsureSuccess().Output);
        Assert.True(viaHelm.Single("Secret", "rel-migration").IsSecret);
        viaHelm.Single("ConfigMap", "rel-app");

        // The pipe form sees every document, hooks included: what the README recommends for GitOps.
        var plain = Helm3TemplateOnly(environment, "rel", "hook-secret");
        var piped = environment.Run(PublishedBinary.Path, ["--no-populate"], plain.Output).EnsureSuccess();
        var rendered = RenderedManifests.Parse(piped.Output);
        rendered.AssertNoPlainSecrets();
        rendered.AssertHoldsNoValue(ChartSecrets.HookMigrationToken);
        var hook = rendered.Single("ExternalSecret", "rel-migration");
        Assert.Equal("pre-install", hook.Annotations["helm.sh/hook"]);
    }

    [Fact]
    public void A_converter_error_fails_helm_and_helm_shows_the_message()
    {
        using var environment = new IsolatedEnvironment();

        var run = Helm3Template(environment, "rel", "random-password", PostRendererArgs("--no-populate", "--format", "no-such-format"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("secret-postrenderer: error:", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(ChartSecrets.RandomPasswordApiKey, run.Output + run.Errors, StringComparison.Ordinal);
    }
}
