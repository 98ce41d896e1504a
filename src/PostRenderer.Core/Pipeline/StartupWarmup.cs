using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;

namespace PostRenderer.Core.Pipeline;

/// <summary>
/// Renders a small built-in chart, into nothing, on a background thread started before the command line is read.
/// A render of a typical chart spends about 10 ms preparing code on first use (loading types, binding precompiled
/// methods); this does that on the machine's second core while the first reads the command line, the environment
/// and the settings (bench/history.md). It reads no configuration, opens no file, reaches no store and writes
/// nothing anyone sees, so it cannot change what a run does.
/// </summary>
public static class StartupWarmup
{
    // One of each thing a chart's render meets first: a Secret with data, stringData and a literal block,
    // labels and annotations, quoted and plain scalars, block sequences of mappings, comments; and the plain
    // Secret that goes from its text straight to the output.
    internal const string Chart = """
        ---
        # Source: warmup/templates/secret.yaml
        apiVersion: v1
        kind: Secret
        metadata:
          name: warmup
          labels:
            app.kubernetes.io/name: warmup
          annotations:
            checksum/config: "0"
        type: Opaque
        data:
          password: d2FybXVw
        stringData:
          config.ini: |
            [warmup]
            enabled = true
        ---
        # Source: warmup/templates/token.yaml
        apiVersion: v1
        kind: Secret
        metadata:
          name: warmup-token
          labels:
            app.kubernetes.io/name: warmup
        data:
          token: d2FybXVw
        ---
        # Source: warmup/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: warmup
          labels:
            app.kubernetes.io/name: warmup
        spec:
          replicas: 1
          template:
            spec:
              containers:
                - name: warmup
                  image: "nginx:1.16.0"
                  args: [--port, "80"]
                  ports:
                    - name: http
                      containerPort: 80
                      protocol: TCP
        """;

    public static void Begin()
    {
        // With one core (or a container's quota of one) there is nothing to overlap with, only more work: the two
        // threads together spend 10 to 16 ms more CPU than one thread alone (bench/RESULTS.md).
        if (Environment.ProcessorCount < 2)
        {
            return;
        }

        var thread = new Thread(RunQuietly) { IsBackground = true, Name = "warm-up" };
        thread.Start();
    }

    /// <summary>Renders the chart canonically, then with --preserve; returns the two summaries.</summary>
    internal static (RenderSummary Canonical, RenderSummary Preserved) Run()
    {
        using var log = new MessageLog(TextWriter.Null, logFile: null);
        var settings = SettingsReader.Read(SettingsTree.Build(), "defaults", static _ => "");
        var canonical = Render(settings, log);
        var preserved = Render(settings with { Preserve = true }, log);
        return (canonical, preserved);
    }

    private static RenderSummary Render(Settings settings, MessageLog log)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Chart));
        using var output = StandardStreams.OpenOutput(Stream.Null);
        return new RenderPipeline(settings, log).Run(input, output);
    }

    private static void RunQuietly()
    {
        try
        {
            Run();
        }
        catch (Exception)
        {
            // A failed warm-up only means a colder start: the real render runs and reports on its own.
            // StartupWarmupTests hold the chart to rendering cleanly, so this is not where bugs hide.
        }
    }
}
