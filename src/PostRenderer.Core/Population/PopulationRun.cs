using System.Runtime.ExceptionServices;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Population;

/// <summary>
/// Populates the stores while the render streams: each converted Secret's entries are handed to its store's
/// bounded pool of concurrent populators (one pool per store, so a slow store does not hold up a fast one).
/// <see cref="Submit"/> blocks while that pool is full, so pending values never pile up in memory. The first failure stops new work (conversion goes on: the output does not depend on the
/// store); <see cref="Complete"/> waits for what is in flight and then throws that failure.
/// </summary>
internal sealed class PopulationRun : IDisposable
{
    private readonly StoreContext context;
    private readonly IReadOnlyDictionary<Backend, ISecretStoreFactory> factories;
    private readonly IReporter reporter;
    // Keyed by name and whether the store is implicit: every converter makes its own StoreSettings objects.
    private readonly Dictionary<(bool Implicit, string Name), StorePool> pools = [];
    private readonly CancellationTokenSource cancellation = new();
    private readonly List<Task> inFlight = [];
    private readonly Lock gate = new();
    private readonly List<Exception> failures = [];

    // Whether each entry of the run holds a raw value, per store: one Secret's raw value and another's properties
    // in one entry would each overwrite what the other's ExternalSecret reads.
    private readonly Dictionary<(bool Implicit, string Store, string Entry), bool> entryKinds = [];

    public PopulationRun(StoreContext context, IReadOnlyDictionary<Backend, ISecretStoreFactory> factories, IReporter reporter)
    {
        this.context = context;
        this.factories = factories;
        this.reporter = reporter;
    }

    private PopulationSettings Settings => context.Settings.Populate;

    public void Submit(SecretPlan plan)
    {
        var pool = PoolFor(plan.Store);
        foreach (var pinned in EntryRequests.Pinned(plan))
        {
            reporter.Info($"{plan.Location}: key '{pinned.Value.Key}' reads {pinned.VersionStage ?? pinned.Version} of {pool.Store.Label} entry '{pinned.Entry}'; "
                + "population never writes a pinned version, so that key is left as the store has it");
        }

        foreach (var request in EntryRequests.From(plan))
        {
            RejectMixedEntry(plan, request);
            if (cancellation.IsCancellationRequested)
            {
                return;
            }

            try
            {
                pool.Slots.Wait(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var task = Task.Run(() => PopulateAsync(pool, request));
            lock (gate)
            {
                inFlight.RemoveAll(done => done.IsCompleted);
                inFlight.Add(task);
            }
        }
    }

    private void RejectMixedEntry(SecretPlan plan, EntryRequest request)
    {
        lock (gate)
        {
            var key = (plan.Store.Implicit, plan.Store.Name, request.Entry);
            if (!entryKinds.TryAdd(key, request.Plain) && entryKinds[key] != request.Plain)
            {
                throw new DocumentException(plan.Location,
                    $"store entry '{request.Entry}' of {plan.Store.Label} is to hold a raw value for one Secret and properties for another; map the keys to different entries");
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

        lock (gate)
        {
            return PopulationSummary.Of(pools.Values.Select(pool => pool.Totals()).ToList());
        }
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
        foreach (var pool in pools.Values)
        {
            pool.Dispose();
        }

        cancellation.Dispose();
    }

    private async Task PopulateAsync(StorePool pool, EntryRequest request)
    {
        try
        {
            var outcome = await pool.Populator.PopulateAsync(request, cancellation.Token).ConfigureAwait(false);
            Record(pool, outcome);
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
            Fail(PopulationFailure.Classify(pool.Store.Label, request.Entry, ex));
        }
        finally
        {
            pool.Slots.Release();
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

    private void Record(StorePool pool, EntryOutcome outcome)
    {
        pool.Count(outcome);
        var what = $"{pool.Store.Label} entry '{outcome.Entry}'";
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

    private StorePool PoolFor(StoreSettings store)
    {
        lock (gate)
        {
            if (pools.TryGetValue((store.Implicit, store.Name), out var existing))
            {
                return existing;
            }

            var factory = factories.GetValueOrDefault(store.Backend)
                ?? throw new ConfigurationException($"this build has no {store.Definition.Name} store; use --no-populate or another backend");
            var settings = context.Settings.ForStore(store);
            var client = factory.Create(context with { Settings = settings, Reporter = reporter });
            var pool = new StorePool(store, client, new Populator(client, settings.Populate), client.RequestsInFlight(settings.Populate.Concurrency));
            pools[(store.Implicit, store.Name)] = pool;
            return pool;
        }
    }
}
