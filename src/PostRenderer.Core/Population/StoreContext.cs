using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.ProcessIO;

namespace PostRenderer.Core.Population;

/// <summary>What a store factory may use: the settings, the process environment (for VAULT_ADDR and the like), and the HTTP pipeline.</summary>
/// <param name="Settings">All settings; a store reads its own section.</param>
/// <param name="Environment">The process environment.</param>
/// <param name="Http">Builds HttpClients with the shared timeout, retry and backoff policy.</param>
public sealed record StoreContext(Settings Settings, IReadOnlyDictionary<string, string> Environment, StoreHttp Http)
{
    /// <summary>How a signal stops the run: a store that writes local files finishes the write in progress first.</summary>
    public Interruption Interruption { get; init; } = new();

    /// <summary>Where a store warns (on stderr) when it has to work in a weaker mode than configured; null: nowhere.</summary>
    public IReporter? Reporter { get; init; }
}
