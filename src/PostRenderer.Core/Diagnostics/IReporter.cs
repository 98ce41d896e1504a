namespace PostRenderer.Core.Diagnostics;

/// <summary>Where messages for the user go (stderr, and the log file when asked). Never stdout, never a value.</summary>
public interface IReporter
{
    void Warn(string message);

    void Info(string message);

    void Error(string message);

    /// <summary>A warning that many documents may raise, said once: <paramref name="key"/> names which warning it is.</summary>
    void WarnOnce(string key, string message) => Warn(message);
}
