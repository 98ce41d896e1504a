using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.GitOps;
using PostRenderer.Core.Population;

namespace PostRenderer.Core.Pipeline;

/// <summary>
/// Runs a whole render and turns every outcome into an exit code: 0 when every document was written,
/// 2 for input or configuration the user must fix (one line naming what and where), 1 for anything else.
/// </summary>
public static class RenderRunner
{
    public static int Run(RunRequest request)
    {
        var debug = SettingsLoader.IsTrue(SettingsLoader.EarlyValue(request.Sources, "debug"));
        MessageLog? log = null;
        try
        {
            var settings = SettingsLoader.Load(request.Sources);
            debug |= settings.Debug;
            log = new MessageLog(request.Errors, settings.LogFile);
            using var population = settings.Populate.Enabled ? StartPopulation(request, settings, log) : null;
            using var directory = settings.OutputDir is null ? null : new GitOpsDirectoryWriter(settings.OutputDir, settings.Release, settings.Namespace, settings.Prune, log, request.Interruption);
            var sinks = new List<IDocumentSink>();
            if (request.WriteToOutput)
            {
                sinks.Add(new StreamSink(request.Output));
            }

            if (directory is not null)
            {
                sinks.Add(directory);
            }

            var pipeline = new RenderPipeline(settings, log) { OnSecretConverted = population is null ? null : population.Submit };
            var summary = pipeline.Run(request.Input, sinks);
            var stored = population?.Complete();
            request.Interruption.ThrowIfRequested();

            // The directory changes only once everything else succeeded, so a failed run leaves it as it was.
            sinks.ForEach(sink => sink.Complete());
            log.Info(Describe(summary, stored, settings) + (directory is null ? "" : $"; {directory.FilesWritten} files in {settings.OutputDir}"));
            return WithLogFileOutcome(log, ExitCodes.Success);
        }
        catch (Exception) when (request.Interruption.Requested)
        {
            // Stopped by a signal: its handler has said so and cleaned up, and ends the process with this code.
            // Whatever the stop made fail here (a cancelled write, a wrapped one) is not the run's error.
            return request.Interruption.ExitCode;
        }
        catch (Exception ex)
        {
            log ??= OpenFallbackLog(request);
            return WithLogFileOutcome(log, Report(ex, log, debug));
        }
        finally
        {
            log?.Dispose();
        }
    }

    private static PopulationRun StartPopulation(RunRequest request, Settings settings, IReporter log)
    {
        var factories = request.StoreFactories.ToDictionary(factory => factory.Backend);
        var context = new StoreContext(settings, request.Sources.Environment, new StoreHttp(settings.Populate)) { Interruption = request.Interruption };
        return new PopulationRun(context, factories, log);
    }

    private static string Describe(RenderSummary summary, PopulationSummary? stored, Settings settings)
    {
        var text = $"{summary.Documents} documents written, {summary.SecretsConverted} Secrets converted to ExternalSecrets";
        if (stored is null)
        {
            return text + "; store not populated";
        }

        var prefix = settings.Populate.DryRun ? "dry run, nothing written: would have " : "";
        var total = $"{text}; {prefix}{Totals(stored.EntriesCreated, stored.KeysAdded, stored.KeysPresent, stored.KeysReplaced)}";
        if (stored.Stores.Count < 2)
        {
            return total;
        }

        // Several stores: one line each, so that a team sees what happened to its own.
        return total + string.Concat(stored.Stores.Select(store =>
            $"\n  {store.Store}: {prefix}{Totals(store.EntriesCreated, store.KeysAdded, store.KeysPresent, store.KeysReplaced)}"));
    }

    private static string Totals(int created, int added, int present, int replaced) =>
        $"{created} entries created, {added} keys added, {present} keys already present" + (replaced > 0 ? $", {replaced} keys replaced" : "");

    /// <summary>
    /// Reports a failure. User errors are one line; anything else is a bug, shown with its type. Only
    /// --debug adds stack traces, which carry no values but are noise for users.
    /// </summary>
    public static int Report(Exception ex, IReporter log, bool debug)
    {
        if (ex is UserException user)
        {
            log.Error(user.Message);
            if (debug)
            {
                log.Error(ex.ToString());
            }

            return user.ExitCode;
        }

        log.Error($"unexpected {ex.GetType().Name}: {ex.Message} (this is a bug; rerun with --debug for the stack trace and report it)");
        if (debug)
        {
            log.Error(ex.ToString());
        }

        return ExitCodes.Failure;
    }

    /// <summary>A log file that stopped taking messages (a full disk) fails a run that would have succeeded: exit 1.</summary>
    private static int WithLogFileOutcome(MessageLog log, int exitCode)
    {
        if (log.FileFailure is not { } failure)
        {
            return exitCode;
        }

        log.Error($"{failure}; its messages are on stderr only");
        return exitCode == ExitCodes.Success ? ExitCodes.Failure : exitCode;
    }

    // The log file must work even when the configuration that names it failed to load.
    private static MessageLog OpenFallbackLog(RunRequest request)
    {
        var path = SettingsLoader.EarlyValue(request.Sources, "logFile");
        try
        {
            return new MessageLog(request.Errors, path);
        }
        catch (UserException)
        {
            // The same failure is what the run reports.
            return new MessageLog(request.Errors, null);
        }
    }
}
