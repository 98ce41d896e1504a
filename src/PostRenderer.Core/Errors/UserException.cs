namespace PostRenderer.Core.Errors;

/// <summary>
/// An error the user can fix (bad input or configuration). Shown as one clean line, without a stack
/// trace unless --debug. Its message must never contain a secret value.
/// </summary>
public class UserException : Exception
{
    public UserException(string message, int exitCode = ExitCodes.BadInput, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
