using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.ProcessIO;
using PostRenderer.Core.Rendering;
using PostRenderer.Core.Tests.Hardening;

namespace PostRenderer.Core.Tests.Rendering;

/// <summary>
/// What the tests that hold a second way of rendering to the first share: a corpus (every fixture input, some
/// shapes, and seeded mutations of them), the settings variants to render it under, and one render in process with
/// its output, summary, plans, messages and any error as one comparable text.
/// </summary>
internal static class RenderDifferential
{
    public static TheoryData<string> Variants() =>
        ["default", "preserve", "v1beta1", "kes", "skip-hooks", "vault", "aws", "gcp", "azure", "rules", "entry-name", "namespace"];

    public static Settings SettingsFor(string variant) => variant switch
    {
        "preserve" => new Settings { Preserve = true },
        "v1beta1" => new Settings { Format = OutputFormat.EsoV1Beta1, RefreshInterval = "10m" },
        "kes" => new Settings { Format = OutputFormat.Kes },
        "skip-hooks" => new Settings { SkipHooks = true },
        "vault" => TestStores.Settings with { Backend = Backend.Vault },
        "aws" => TestStores.Settings with { Backend = Backend.Aws },
        "gcp" => TestStores.Settings with { Backend = Backend.Gcp },
        "azure" => TestStores.Settings with { Backend = Backend.Azure },
        "rules" => new Settings
        {
            Secrets =
            [
                new SecretRule { NamePattern = "excluded*", Exclude = true },
                new SecretRule { NamePattern = "shapes", Unsecured = ["number", "binary"], Keys = [new KeyRule("url", "shared/urls", "shapes-url", null)] },
                new SecretRule { NamePattern = "*", NamespacePattern = "team*", SecretStoreRef = new SecretStoreRef("team-store", "SecretStore"), EntryName = "teams/{namespace}/{name}" },
            ],
        },
        "entry-name" => new Settings { EntryName = "apps/{namespace}/{name}" },
        "namespace" => new Settings { Namespace = "fallback" },
        _ => new Settings(),
    };

    /// <summary>Every fixture input, <paramref name="shapes"/> (as is, and with its Secret renamed for the rule that excludes it), and seeded mutations of them.</summary>
    public static List<byte[]> Corpus(string shapes)
    {
        var originals = Directory.EnumerateFiles(RepositoryPaths.Fixtures, "input.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .Append(Encoding.UTF8.GetBytes(shapes))
            .Append(Encoding.UTF8.GetBytes(shapes.Replace("shapes", "excluded-one", StringComparison.Ordinal)))
            .ToList();
        var corpus = new List<byte[]>(originals);
        for (var seed = 0; seed < 600; seed++)
        {
            corpus.Add(new FixtureMutator(seed).Mutate(originals[seed % originals.Count]));
        }

        return corpus;
    }

    /// <summary>Output, summary, plans, messages and any error of one in-process render, as one comparable text.</summary>
    /// <param name="parallel">How the render spreads over threads; the machine's own setting when null.</param>
    public static string Render(Settings settings, byte[] input, bool collectPlans, bool useSecretPath = true, ParallelRenderOptions? parallel = null)
    {
        var output = new MemoryStream();
        var messages = new StringWriter();
        var plans = new StringBuilder();
        string outcome;
        using (var log = new MessageLog(messages, null))
        using (var writer = StandardStreams.OpenOutput(output))
        {
            var pipeline = new RenderPipeline(settings, log)
            {
                UseSecretPath = useSecretPath,
                OnSecretConverted = collectPlans ? plan => plans.AppendLine(Describe(plan)) : null,
                Parallel = parallel ?? ParallelRenderOptions.ForThisMachine,
            };
            try
            {
                var summary = pipeline.Run(StandardStreams.OpenInput(new MemoryStream(input)), writer);
                outcome = $"{summary.Documents} documents, {summary.SecretsConverted} converted";
            }
            catch (UserException ex)
            {
                outcome = $"{ex.GetType().Name}: {ex.Message}";
            }
        }

        return $"{outcome}\n{plans}{messages}\n{Encoding.UTF8.GetString(output.ToArray())}";
    }

    private static string Describe(SecretPlan plan) =>
        $"{plan.Location} {plan.Backend} {plan.StoreRef} {plan.Secret.Type} {plan.Secret.Immutable} "
        + string.Join(", ", plan.Remote.Select(remote => $"{remote.Value.Key}={remote.Entry}#{remote.Property}:{remote.Value.StoreText}:{remote.Value.IsBinary}:{remote.Value.IsEmpty}"))
        + " unsecured " + string.Join(", ", plan.Unsecured.Select(value => $"{value.Key}={value.SourceText}"));
}
