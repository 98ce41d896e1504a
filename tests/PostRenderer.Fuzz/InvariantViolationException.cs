namespace PostRenderer.Fuzz;

/// <summary>An input broke one of the fuzz invariants: AFL sees the escaping exception as a crash, replay prints it.</summary>
internal sealed class InvariantViolationException : Exception
{
    public InvariantViolationException(string invariant, string detail)
        : base($"{invariant}: {detail}")
    {
        Invariant = invariant;
    }

    /// <summary>Which invariant, in a few fixed words: replay groups findings by it.</summary>
    public string Invariant { get; }
}
