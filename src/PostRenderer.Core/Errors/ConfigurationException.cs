namespace PostRenderer.Core.Errors;

/// <summary>The configuration (file, environment or command line) is wrong.</summary>
public sealed class ConfigurationException(string message, Exception? inner = null)
    : UserException(message, ExitCodes.BadInput, inner);
