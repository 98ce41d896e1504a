namespace PostRenderer.Core.Errors;

/// <summary>
/// stdin or stdout failed underneath the render, most often because the program reading stdout exited first.
/// Exit code 1: the input was fine, where it was going was not.
/// </summary>
internal sealed class StandardStreamException(string message) : UserException(message, ExitCodes.Failure);
