using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.GitOps;
using PostRenderer.Core.Output;
using PostRenderer.Core.Population;
using PostRenderer.Core.ProcessIO;
using PostRenderer.Core.Rendering;

namespace PostRenderer.Core.Pipeline;

/// <summary>
/// Runs a whole render and turns every outcome into an exit code: 0 when every document was written,
/// 2 for input or configuration the user must fix (one line naming what and where), 1 for anything else.
/// </summary>
public static class RenderRunner
{
    /// <summary>Ends a store failure's message: a render that must not touch the store (a diff, a CI check, Argo CD) can skip it.</summary>
    public const string NoPopulateHint = "; to render without touching the store, add --no-populate";

    public static int Run(RunRequest request)
    {
        var debug = SettingsLoader.IsTrue(SettingsLoader.EarlyValue(request.Sources, "debug"));
        MessageLog? log = null;
        try
        {
            var settings = SettingsLoader.Load(request.Sources);
            debug |= settings.Debug;
            log = new MessageLog(request.Errors, settings.LogFile) { Quiet = request.Quiet, Colour = request.Colour };
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
            log.Info(Describe(summary, stored, settings) + (directory is null ? "" : $"; {Words.Count(directory.FilesWritten, "file", "files")} in {settings.OutputDir}"));
            if (stored is not null && summary.SecretsConverted > 0 && FileStoreNotice(settings) is { } notice)
            {
                log.Info(notice);
            }

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
        var text = $"{Words.Count(summary.Documents, "document", "documents")} written, {Words.Count(summary.SecretsConverted, "Secret", "Secrets")} converted";
        if (stored is null)
        {
            return text + "; store not populated";
        }

        var dryRun = settings.Populate.DryRun;
        var total = $"{text}; {(dryRun ? "dry run, nothing written: " : "")}{Totals(stored.EntriesCreated, stored.KeysAdded, stored.KeysPresent, stored.KeysReplaced, dryRun)}";
        if (stored.Stores.Count < 2)
        {
            return total;
        }

        // Several stores: one line each, so that a team sees what happened to its own.
        return total + string.Concat(stored.Stores.Select(store =>
            $"\n  {store.Store}: {Totals(store.EntriesCreated, store.KeysAdded, store.KeysPresent, store.KeysReplaced, dryRun)}"));
    }

    private static string Totals(int created, int added, int present, int replaced, bool dryRun)
    {
        var replacedKeys = replaced > 0 ? Words.Count(replaced, "key", "keys") : null;
        var presentKeys = Words.Count(present, "key", "keys") + " already present";
        return dryRun
            ? $"would create {Words.Count(created, "entry", "entries")}, would add {Words.Count(added, "key", "keys")}"
                + (replacedKeys is null ? "" : $", would replace {replacedKeys}") + $", {presentKeys}"
            : $"{Words.Count(created, "entry", "entries")} created, {Words.Count(added, "key", "keys")} added, {presentKeys}"
                + (replacedKeys is null ? "" : $", {replacedKeys} replaced");
    }

    /// <summary>
    /// The local file store is the default, so a first run works anywhere; but no cluster can read it. One line says
    /// where the values went and that ESO needs a real store, so nobody deploys ExternalSecrets that cannot resolve.
    /// </summary>
    private static string? FileStoreNotice(Settings settings)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        if (settings.DefaultStore is { Backend: Backend.File } defaultStore)
        {
            files.Add(FilePath(defaultStore));
        }

        foreach (var rule in settings.Secrets)
        {
            if (rule.Store is null && rule.Backend == Backend.File)
            {
                files.Add(Path.GetFullPath(settings.Section<FileStoreSettings>(Backend.File).Path));
            }
            else if (rule.Store is { } name && settings.Stores[Settings.StoreKey(name)] is { Backend: Backend.File } store)
            {
                files.Add(FilePath(store));
            }
        }

        return files.Count > 0 && !settings.Populate.DryRun
            ? $"values are in the local file {string.Join(", ", files)}, which External Secrets Operator cannot read; "
                + $"for a cluster, choose --backend {settings.Registry.ClusterStoreChoices()}, or a store under 'stores:'"
            : null;
    }

    private static string FilePath(StoreSettings store) => Path.GetFullPath(((FileStoreSettings)store.Section).Path);

    /// <summary>
    /// Reports a failure. User errors are one line; anything else is a bug, shown with its type. Only
    /// --debug adds stack traces, which carry no values but are noise for users.
    /// </summary>
    public static int Report(Exception ex, IReporter log, bool debug)
    {
        if (ex is UserException user)
        {
            log.Error(user is StoreException { ExitCode: ExitCodes.Failure } ? user.Message + NoPopulateHint : user.Message);
            if (debug)
            {
                log.Error(ex.ToString());
            }

            return user.ExitCode;
        }

        if (FileSystemErrors.IsFileSystemError(ex))
        {
            // A path or a disk, not the program: the user's to fix, so not called a bug.
            log.Error($"file system error: {FileSystemErrors.Reason(ex)} (rerun with --debug to see where)");
            if (debug)
            {
                log.Error(ex.ToString());
            }

            return FileSystemErrors.ExitCodeFor(ex);
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
            return new MessageLog(request.Errors, path) { Colour = request.Colour };
        }
        catch (UserException)
        {
            // The same failure is what the run reports.
            return new MessageLog(request.Errors, null) { Colour = request.Colour };
        }
    }
}
