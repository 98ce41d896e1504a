using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Population;

/// <summary>
/// Makes one store entry hold every wanted property without losing anybody's write: read, merge (adding only
/// what is missing), write with the version read; on a conflict, or when a store without compare-and-set
/// shows after the write that a concurrent writer dropped a property, read and merge again.
/// </summary>
internal sealed class Populator(ISecretStore store, PopulationSettings settings)
{
    private const int MaxAttempts = 12;

    private readonly EntryLocks entryLocks = new();

    public async Task<EntryOutcome> PopulateAsync(EntryRequest request, CancellationToken cancellationToken)
    {
        using (await entryLocks.AcquireAsync(request.Entry, cancellationToken).ConfigureAwait(false))
        {
            return await PopulateInTurnAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<EntryOutcome> PopulateInTurnAsync(EntryRequest request, CancellationToken cancellationToken)
    {
        if (request.Plain)
        {
            return await PopulatePlainAsync(request, cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await ReadAsync(request.Entry, cancellationToken).ConfigureAwait(false);
            var merge = EntryMerge.Compute(current?.Properties, request.Values, settings.OverwriteExisting);
            var outcome = new EntryOutcome(request.Entry, current is null && merge.ChangesAnything, merge.Added, merge.Replaced, merge.AlreadyPresent);
            if (!merge.ChangesAnything || settings.DryRun)
            {
                return outcome;
            }

            var written = await WriteAsync(request.Entry, merge.Merged, current, cancellationToken).ConfigureAwait(false);
            if (written && (store.HasCompareAndSet || await HoldsAllAsync(request, cancellationToken).ConfigureAwait(false)))
            {
                return outcome;
            }

            await Task.Delay(ConflictDelay(attempt), cancellationToken).ConfigureAwait(false);
        }

        throw new StoreException(store.Name, request.Entry, $"other writers kept changing the entry; gave up after {MaxAttempts} attempts, run again");
    }

    /// <summary>An entry that holds one raw value: create it when missing, replace it only when asked to.</summary>
    private async Task<EntryOutcome> PopulatePlainAsync(EntryRequest request, CancellationToken cancellationToken)
    {
        if (store is not IPlainValueStore plainStore)
        {
            throw new ConfigurationException(
                $"{request.Origin}: entry '{request.Entry}' is to hold a raw value (its key rule has no 'property'), which this build's {store.Name} store cannot write; give the key a 'property', or use --no-populate");
        }

        if (request.Values.Count != 1)
        {
            throw new ConfigurationException($"{request.Origin}: entry '{request.Entry}' holds one raw value, but keys {string.Join(", ", request.Values.Keys)} all go there; give each a 'property'");
        }

        var (key, value) = request.Values.First();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await plainStore.ReadPlainAsync(request.Entry, cancellationToken).ConfigureAwait(false);
            var present = current?.Properties.Values.FirstOrDefault();
            var replace = present is not null && settings.OverwriteExisting && present != value;
            var outcome = new EntryOutcome(request.Entry, current is null, current is null ? [key] : [], replace ? [key] : [], present is not null && !replace ? [key] : []);
            if ((present is not null && !replace) || settings.DryRun)
            {
                return outcome;
            }

            if (await plainStore.TryWritePlainAsync(request.Entry, value, current, cancellationToken).ConfigureAwait(false))
            {
                return outcome;
            }

            await Task.Delay(ConflictDelay(attempt), cancellationToken).ConfigureAwait(false);
        }

        throw new StoreException(store.Name, request.Entry, $"other writers kept changing the entry; gave up after {MaxAttempts} attempts, run again");
    }

    private async Task<bool> HoldsAllAsync(EntryRequest request, CancellationToken cancellationToken)
    {
        var after = await ReadAsync(request.Entry, cancellationToken).ConfigureAwait(false);
        return after is not null && request.Values.Keys.All(after.Properties.ContainsKey);
    }

    private async Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        try
        {
            return await store.ReadAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Entry is null)
        {
            throw ex.ForEntry(entry, "reading");
        }
    }

    private async Task<bool> WriteAsync(string entry, Dictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
    {
        try
        {
            return await store.TryWriteAsync(entry, properties, expected, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException ex) when (ex.Entry is null)
        {
            throw ex.ForEntry(entry, "writing");
        }
    }

    private static TimeSpan ConflictDelay(int attempt)
    {
#pragma warning disable CA5394 // Jitter only spreads retries in time; it protects nothing.
        return TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25 * Math.Min(attempt, 8)));
#pragma warning restore CA5394
    }
}
