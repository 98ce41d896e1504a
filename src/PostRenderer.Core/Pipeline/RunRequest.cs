using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;
using PostRenderer.Core.ProcessIO;

namespace PostRenderer.Core.Pipeline;

/// <summary>One invocation of the converter: where settings come from, and the three standard streams (input as <see cref="StandardStreams.OpenInput"/> gives it).</summary>
public sealed record RunRequest(SettingsSources Sources, Stream Input, TextWriter Output, TextWriter Errors)
{
    /// <summary>The stores this build can populate; the CLI adds the cloud ones to the built-in file store.</summary>
    public IReadOnlyList<ISecretStoreFactory> StoreFactories { get; init; } = [new FileStoreFactory()];

    /// <summary>False for the split command, which writes only the GitOps directory.</summary>
    public bool WriteToOutput { get; init; } = true;

    /// <summary>Errors only on stderr (--quiet); the log file still gets every message.</summary>
    public bool Quiet { get; init; }

    /// <summary>Colour the level of warnings and errors on stderr: the CLI sets it for a terminal without NO_COLOR.</summary>
    public bool Colour { get; init; }

    /// <summary>How a signal stops the run; the CLI's installs the process's signal handlers.</summary>
    public Interruption Interruption { get; init; } = new();
}
