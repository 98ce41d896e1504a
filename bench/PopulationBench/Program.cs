using System.Diagnostics;
using System.Globalization;
using System.Text;
using PopulationBench;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Population;
using PostRenderer.Core.Rendering;

// Usage: PopulationBench [--secrets N] [--latency-ms MS] [--concurrency 8,1] [--stores file,vault,aws,gcp,azure,alibaba] [--warmup N]
// For every store and concurrency: start the store's fake (empty, MS of latency on every request; the file
// store gets none), render N Secrets of three keys through the product's pipeline with population on (as the
// CLI does: RenderPipeline hands each converted Secret to PopulationRun, which runs Populators over the
// store made by the store's factory), and print the wall time from the first document to the last entry
// written. Before a store's measured runs, an unmeasured run of --warmup Secrets (default 10) warms it up.
// Exits 1 when a run fails or does not create exactly N entries with all their keys.
var secrets = 1000;
var latency = TimeSpan.FromMilliseconds(20);
int[] concurrencies = [new PopulationSettings().Concurrency, 1];
IReadOnlyList<string> stores = StoreTarget.Names;
var warmup = 10;
for (var i = 0; i < args.Length; i += 2)
{
    var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--secrets": secrets = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--latency-ms": latency = TimeSpan.FromMilliseconds(double.Parse(value, CultureInfo.InvariantCulture)); break;
        case "--concurrency": concurrencies = [.. value.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))]; break;
        case "--stores": stores = value.Split(','); break;
        case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
        default: await Console.Error.WriteLineAsync($"PopulationBench: unknown option {args[i]}").ConfigureAwait(false); return 2;
    }
}

var failed = false;
foreach (var store in stores)
{
    // Unmeasured: JIT-compiles this store's code path (the real CLI is ReadyToRun) and warms the TLS stack.
    if (warmup > 0 && !(await RunAsync(store, concurrencies[0], warmup, print: false).ConfigureAwait(false)))
    {
        failed = true;
        continue;
    }

    foreach (var concurrency in concurrencies)
    {
        failed |= !await RunAsync(store, concurrency, secrets, print: true).ConfigureAwait(false);
    }
}

return failed ? 1 : 0;

async Task<bool> RunAsync(string store, int concurrency, int count, bool print)
{
    var input = SecretsYaml(count);
    await using var target = await StoreTarget.StartAsync(store, latency).ConfigureAwait(false);
    var settings = target.Settings with { Populate = new PopulationSettings { Concurrency = concurrency } };
    var reporter = new CountingReporter();
    var clock = Stopwatch.StartNew();
    try
    {
        var context = new StoreContext(settings, target.Environment, new StoreHttp(settings.Populate));
        using var population = new PopulationRun(context, new Dictionary<Backend, ISecretStoreFactory> { [settings.Backend] = target.Factory }, reporter);
        var pipeline = new RenderPipeline(settings, reporter) { OnSecretConverted = population.Submit };
        var rendered = pipeline.Run(new MemoryStream(Encoding.UTF8.GetBytes(input)), TextWriter.Null);
        var stored = population.Complete();
        clock.Stop();
        var ok = rendered.SecretsConverted == count && stored.EntriesCreated == count && stored.KeysAdded == 3 * count && reporter.Errors == 0;
        if (print || !ok)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"store={store} concurrency={concurrency} secrets={count} latency_ms={(store == "file" ? 0 : latency.TotalMilliseconds)} seconds={clock.Elapsed.TotalSeconds:F3} entries_created={stored.EntriesCreated} keys_added={stored.KeysAdded} ok={(ok ? "yes" : "no")}{(print ? "" : " warmup=yes")}"));
        }

        return ok;
    }
#pragma warning disable CA1031 // A failed run is reported and the others still run; the exit code says it failed.
    catch (Exception ex)
#pragma warning restore CA1031
    {
        Console.WriteLine($"store={store} concurrency={concurrency} secrets={count} ok=no error={ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
        return false;
    }
}

// N Opaque Secrets of three keys each, as a chart would render them.
static string SecretsYaml(int count)
{
    var text = new StringBuilder();
    for (var i = 0; i < count; i++)
    {
        text.Append(CultureInfo.InvariantCulture, $"""
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: bench-{i}
              namespace: population
            type: Opaque
            stringData:
              username: user-{i}
              password: password-{i}-{Guid.NewGuid():N}
              url: "postgres://db-{i}.population.svc:5432/app"

            """);
    }

    return text.ToString();
}

/// <summary>Counts messages instead of printing one per entry; errors go to stderr.</summary>
internal sealed class CountingReporter : IReporter
{
    private int errors;

    public int Errors => Volatile.Read(ref errors);

    public void Info(string message)
    {
    }

    public void Warn(string message) => Console.Error.WriteLine("PopulationBench: warning: " + message);

    public void Error(string message)
    {
        Interlocked.Increment(ref errors);
        Console.Error.WriteLine("PopulationBench: error: " + message);
    }
}
