namespace PostRenderer.Core.ProcessIO;

/// <summary>
/// What a run stopped by a signal (SIGINT, SIGTERM, SIGHUP) leaves behind: nothing half-done. Work that must
/// not be cut short (writing a staged file, the moves of a directory transaction) runs inside
/// <see cref="Critical"/>. <see cref="Interrupt"/>, called by the signal handler, marks the run stopped (a
/// directory transaction sees that between two moves and rolls back), waits for the critical work in progress,
/// then runs the cleanups registered (the staging folder goes); from then on no critical work starts, and the
/// handler ends the process. The CLI installs the handlers, at the first registration, so a run with nothing
/// to clean up keeps the signals' default.
/// </summary>
public sealed class Interruption(Action<Interruption>? installSignalHandlers = null)
{
    private readonly Lock gate = new();
    private readonly List<Action> cleanups = [];
    private Action<Interruption>? install = installSignalHandlers;
    private volatile bool requested;
    private int exitCode;

    public bool Requested => requested;

    /// <summary>The exit code the stopped run ends with: 128 plus the signal's number, as shells report it.</summary>
    public int ExitCode => Volatile.Read(ref exitCode);

    /// <summary>Holds off <see cref="Interrupt"/> until the work inside is done; throws when the run was stopped.</summary>
    public Lock.Scope Critical()
    {
        var scope = gate.EnterScope();
        if (requested)
        {
            scope.Dispose();
            ThrowIfRequested();
        }

        return scope;
    }

    public void ThrowIfRequested()
    {
        if (requested)
        {
            throw new OperationCanceledException("the run was stopped by a signal");
        }
    }

    /// <summary>Runs <paramref name="cleanup"/> if the run is stopped before the registration is disposed.</summary>
    public IDisposable OnInterrupt(Action cleanup)
    {
        using (Critical())
        {
            Interlocked.Exchange(ref install, null)?.Invoke(this);
            cleanups.Add(cleanup);
        }

        return new Registration(this, cleanup);
    }

    /// <summary>Stops the run: waits for the critical work in progress, then cleans up. Idempotent.</summary>
    public void Interrupt(int exitCode)
    {
        // Both set before taking the lock, so that a directory transaction holding it sees them and rolls back.
        Interlocked.CompareExchange(ref this.exitCode, exitCode, 0);
        requested = true;
        lock (gate)
        {
            for (var i = cleanups.Count - 1; i >= 0; i--)
            {
                try
                {
                    cleanups[i]();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The other cleanups still run; what this one left is all that is left.
                }
            }

            cleanups.Clear();
        }
    }

    private sealed class Registration(Interruption owner, Action cleanup) : IDisposable
    {
        public void Dispose()
        {
            lock (owner.gate)
            {
                owner.cleanups.Remove(cleanup);
            }
        }
    }
}
