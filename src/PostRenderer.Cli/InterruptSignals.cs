using System.Runtime.InteropServices;
using PostRenderer.Core.ProcessIO;

namespace PostRenderer.Cli;

/// <summary>
/// SIGINT, SIGTERM and SIGHUP stop a run that writes files (an output directory, the file store) (see <see cref="Interruption"/>): the
/// message first, then the cleanup, then the exit with 128 plus the signal's number, as shells report it.
/// </summary>
internal static class InterruptSignals
{
    private static readonly List<PosixSignalRegistration> Registrations = [];

    public static void Install(Interruption interruption)
    {
        Registrations.Add(Register(PosixSignal.SIGINT, "SIGINT", 2, interruption));
        Registrations.Add(Register(PosixSignal.SIGTERM, "SIGTERM", 15, interruption));
        Registrations.Add(Register(PosixSignal.SIGHUP, "SIGHUP", 1, interruption));
    }

    private static PosixSignalRegistration Register(PosixSignal signal, string name, int number, Interruption interruption) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            ProcessStreams.Errors.WriteLine($"secret-postrenderer: error: stopped by {name} before the run finished; no file was left half-written");
            interruption.Interrupt(128 + number);
            Environment.Exit(128 + number);
        });
}
