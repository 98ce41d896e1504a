namespace PostRenderer.Core.Errors;

/// <summary>
/// A secret store failed. The message names the backend, the entry and, where it applies, the key; never a
/// value. Exit code 1: the input was fine, the store was not (the user can add --no-populate); 2 where the
/// fault is a path the user gave, such as a store file in a folder that cannot be written.
/// </summary>
public sealed class StoreException(string store, string? entry, string problem, Exception? inner = null, int exitCode = ExitCodes.Failure)
    : UserException(entry is null ? $"{store}: {problem}" : $"{store} entry '{entry}': {problem}", exitCode, inner)
{
    public string Store { get; } = store;

    public string? Entry { get; } = entry;

    /// <summary>What went wrong, without the store and entry that the message starts with.</summary>
    public string Problem { get; } = problem;

    /// <summary>
    /// This failure as one of <paramref name="entry"/>'s, after <paramref name="operation"/> (the store's call) when
    /// given: the shared HTTP policy (a timeout, an unreachable host) and the credential sources know no entry,
    /// but the user needs to know which one was being read or written.
    /// </summary>
    public StoreException ForEntry(string entry, string? operation = null) =>
        new(Store, entry, operation is null ? Problem : $"{operation}: {Problem}", this, ExitCode);
}
