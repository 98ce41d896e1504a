namespace PostRenderer.Core.Population;

/// <summary>
/// One turn at a time per entry name within this process. Requests of one run that share an entry (several
/// Secrets mapped to one store path) would otherwise race each other through read-merge-write and could use
/// up every conflict retry against themselves; conflicts are for other processes. A lock lives only while
/// somebody holds or awaits it, so the table does not grow with the number of entries.
/// </summary>
internal sealed class EntryLocks
{
    private readonly Dictionary<string, Holder> holders = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string entry, CancellationToken cancellationToken)
    {
        Holder holder;
        lock (holders)
        {
            if (!holders.TryGetValue(entry, out holder!))
            {
                holder = new Holder();
                holders.Add(entry, holder);
            }

            holder.Users++;
        }

        try
        {
            // A free turn is taken even when the run is being stopped: a request already handed to the pool is a
            // write in flight, which a stopping run waits for (PopulationRun.Dispose); only waiting can be cut short.
            if (!holder.Gate.Wait(0, CancellationToken.None))
            {
                await holder.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            Leave(entry, holder, release: false);
            throw;
        }

        return new Turn(this, entry, holder);
    }

    private void Leave(string entry, Holder holder, bool release)
    {
        if (release)
        {
            holder.Gate.Release();
        }

        lock (holders)
        {
            if (--holder.Users == 0)
            {
                holders.Remove(entry);
                holder.Gate.Dispose();
            }
        }
    }

    private sealed class Holder
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Turn(EntryLocks owner, string entry, Holder holder) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Leave(entry, holder, release: true);
            }
        }
    }
}
