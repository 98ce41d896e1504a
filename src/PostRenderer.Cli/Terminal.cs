using PostRenderer.Core.Diagnostics;

namespace PostRenderer.Cli;

/// <summary>What the process's standard streams are connected to, for what only a person at a terminal needs.</summary>
internal static class Terminal
{
    /// <summary>Colour on stderr: only a terminal shows it, and NO_COLOR (no-color.org) or TERM=dumb turn it off.</summary>
    public static bool ColourOnErrors(IReadOnlyDictionary<string, string> environment) =>
        TerminalDetection.IsTerminal(TerminalDetection.StandardError)
        && !(environment.TryGetValue("NO_COLOR", out var noColour) && noColour.Length > 0)
        && !(environment.TryGetValue("TERM", out var term) && term == "dumb");

    /// <summary>stdin is a terminal: someone is expected to type (or paste) the YAML, and may not know that.</summary>
    public static bool InputIsTerminal => TerminalDetection.IsTerminal(TerminalDetection.StandardInput);

    public const string InputHint =
        "secret-postrenderer: reading YAML from the terminal; paste or type it, then press Ctrl-D on a line of its own "
        + "(Ctrl-Z then Enter on Windows). To read files, name them: secret-postrenderer app.yaml";
}
