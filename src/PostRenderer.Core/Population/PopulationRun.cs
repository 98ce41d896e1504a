using System.Runtime.ExceptionServices;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Population;

/// <summary>
/// Populates the stores while the render streams: each converted Secret's entries are handed to a bounded
/// pool of concurrent populators. <see cref="Submit"/> blocks while the pool is full, so pending values never
/// pile up in memory. The first failure stops new work (conversion goes on: the output does not depend on the
/// store); <see cref="Complete"/> waits for what is in flight and then throws that failure.
/// </summary>
public sealed class PopulationRun : IDisposable
{
    private readonly StoreContext context;
    private readonly IReadOnlyDictionary<Backend, ISecretStoreFactory> factories;
    private readonly IReporter reporter;
    private readonly Dictionary<Backend, Populator> populators = [];
    private readonly List<ISecretStore> stores = [];
    private readonly SemaphoreSlim slots;
    private readonly CancellationTokenSource cancellation = new();
    private readonly List<Task> inFlight = [];
    private readonly Lock gate = new();
    private readonly List<Exception> failures = [];
    private int entries, created, added, replaced, present;

    public PopulationRun(StoreContext context, IReadOnlyDictionary<Backend, ISecretStoreFactory> factories, IReporter reporter)
    {
        this.context = context;
        this.factories = factories;
        this.reporter = reporter;
        slots = new SemaphoreSlim(context.Settings.Populate.Concurrency);
    }

    private PopulationSettings Settings => context.Settings.Populate;

    public void Submit(SecretPlan plan)
    {
        var populator = PopulatorFor(plan.Backend);
        var storeName = SettingNames.Name(plan.Backend);
        foreach (var request in EntryRequests.From(plan))
        {
            if (cancellation.IsCancellationRequested)
            {
                return;
            }

            try
            {
                slots.Wait(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var task = Task.Run(() => PopulateAsync(populator, storeName, request));
            lock (gate)
            {
                inFlight.RemoveAll(done => done.IsCompleted);
                inFlight.Add(task);
            }
        }
    }

    public PopulationSummary Complete()
    {
        Task[] pending;
        lock (gate)
        {
            pending = [.. inFlight];
        }

        Task.WaitAll(pending);
        if (failures.Count > 0)
        {
            // The caller reports the exception thrown; the other failures are reported here, each once.
            foreach (var other in failures.Skip(1))
            {
                reporter.Error(other is UserException ? other.Message : $"unexpected {other.GetType().Name}: {other.Message}");
            }

            ExceptionDispatchInfo.Throw(failures[0]);
        }

        return new PopulationSummary(entries, created, added, replaced, present);
    }

    /// <summary>
    /// Stops new work and waits for the writes in flight (a failed render must not cut a store write short or
    /// dispose a store under it); a write that does not finish within the timeout is abandoned.
    /// </summary>
    public void Dispose()
    {
        cancellation.Cancel();
        Task[] pending;
        lock (gate)
        {
            pending = [.. inFlight];
        }

        Task.WaitAll(pending, Settings.Timeout * (Settings.Retries + 1));
        stores.ForEach(store => store.Dispose());
        cancellation.Dispose();
        slots.Dispose();
    }

    private async Task PopulateAsync(Populator populator, string storeName, EntryRequest request)
    {
        try
        {
            var outcome = await populator.PopulateAsync(request, cancellation.Token).ConfigureAwait(false);
            Record(storeName, outcome);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Another entry failed first; that failure is the one reported.
        }
        catch (OperationCanceledException) when (context.Interruption.Requested)
        {
            // Stopped by a signal, whose handler reports it: no new work starts.
            await cancellation.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Nothing may escape the task: Task.WaitAll would wrap it in an AggregateException, whose message
            // says nothing (in a trimmed build, just its resource key).
            Fail(PopulationFailure.Classify(storeName, request.Entry, ex));
        }
        finally
        {
            slots.Release();
        }
    }

    private void Fail(Exception ex)
    {
        lock (gate)
        {
            failures.Add(ex);
        }

        cancellation.Cancel();
    }

    private void Record(string storeName, EntryOutcome outcome)
    {
        Interlocked.Increment(ref entries);
        Interlocked.Add(ref added, outcome.Added.Count);
        Interlocked.Add(ref replaced, outcome.Replaced.Count);
        Interlocked.Add(ref present, outcome.AlreadyPresent.Count);
        if (outcome.Created)
        {
            Interlocked.Increment(ref created);
        }

        var what = $"{storeName} entry '{outcome.Entry}'";
        var dryRun = Settings.DryRun ? "dry run: " : "";
        if (outcome.Created)
        {
            reporter.Info($"{(Settings.DryRun ? "dry run: would create" : "created")} {what} with {string.Join(", ", outcome.Added)}");
        }
        else if (outcome.Added.Count > 0)
        {
            reporter.Info($"{dryRun}{(Settings.DryRun ? "would add" : "added")} {string.Join(", ", outcome.Added)} to {what}");
        }

        if (outcome.Replaced.Count > 0)
        {
            reporter.Info($"{dryRun}{(Settings.DryRun ? "would replace" : "replaced")} {string.Join(", ", outcome.Replaced)} in {what} (--overwrite-existing)");
        }

        if (outcome.AlreadyPresent.Count > 0)
        {
            reporter.Info($"{what} already has {string.Join(", ", outcome.AlreadyPresent)}; {(outcome.AlreadyPresent.Count == 1 ? "left as it is" : "left as they are")}");
        }
    }

    private Populator PopulatorFor(Backend backend)
    {
        lock (gate)
        {
            if (populators.TryGetValue(backend, out var existing))
            {
                return existing;
            }

            var factory = factories.GetValueOrDefault(backend)
                ?? throw new ConfigurationException($"this build has no {SettingNames.Name(backend)} store; use --no-populate or another backend");
            var store = factory.Create(context);
            stores.Add(store);
            var populator = new Populator(store, Settings);
            populators[backend] = populator;
            return populator;
        }
    }
}
