namespace PostRenderer.Core.Errors;

/// <summary>The process exit codes; README documents them and helm only sees zero or not.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Anything that is not the user's input or configuration: a store, the file system, a bug.</summary>
    public const int Failure = 1;

    /// <summary>The input YAML or the configuration is wrong; the message says what to change.</summary>
    public const int BadInput = 2;
}
