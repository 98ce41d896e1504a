using System.Diagnostics;

namespace PostRenderer.Cli.Tests;

/// <summary>stdin as a terminal: a hint on stderr that YAML is awaited, and one Ctrl-D ends it.</summary>
public sealed class TerminalInputTests
{
    // Python's pty module gives the program a real terminal as stdin, types the YAML and one Ctrl-D (EOF at the start
    // of a line), and prints everything the program wrote; the program must then exit by itself.
    private const string Driver = """
        import os, pty, select, sys, time
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp(sys.argv[2], sys.argv[2:])
        os.write(fd, sys.argv[1].encode())
        time.sleep(0.5)
        os.write(fd, b"\x04")
        seen, deadline = b"", time.time() + 60
        while time.time() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
            else:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
        else:
            os.kill(pid, 9)
            sys.stdout.write("TIMED OUT\n")
        sys.stdout.write(seen.decode("utf-8", "replace"))
        """;

    [Fact]
    public void A_terminal_gets_a_hint_and_one_ctrl_d_ends_the_input()
    {
        var screen = RunOnTerminal(["--no-populate", "-n", "x"]);
        Assert.Contains("reading YAML from the terminal", screen, StringComparison.Ordinal);
        Assert.Contains("Ctrl-D", screen, StringComparison.Ordinal);
        Assert.Contains("1 document written", screen, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\n")]
    public void One_ctrl_d_ends_even_input_shorter_than_the_byte_order_mark_look_ahead(string typed)
    {
        // Before: the look-ahead for a byte order mark took the first Ctrl-D, and the reader waited for a second.
        // (Ctrl-D after text on the same line only hands the line over, as in every terminal program.)
        var screen = RunOnTerminal(["--no-populate", "-n", "x"], typed);
        Assert.Contains("reading YAML from the terminal", screen, StringComparison.Ordinal);
        // RunOnTerminal has checked that the program ended by itself: no second Ctrl-D was sent.
        Assert.Contains("secret-postrenderer: ", screen[screen.IndexOf("Ctrl-D", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_are_coloured_on_a_terminal_unless_no_color_is_set()
    {
        var secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: typed\nstringData:\n  k: terminal-value-3\n";
        Assert.Contains("\u001b[1;33mwarning\u001b[0m: ", RunOnTerminal(["--no-populate"], secret), StringComparison.Ordinal);
        var plain = RunOnTerminal(["--no-populate"], secret, new Dictionary<string, string> { ["NO_COLOR"] = "1" });
        Assert.Contains("secret-postrenderer: warning: ", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", plain, StringComparison.Ordinal);
    }

    // Everything the program wrote to the terminal, the typed input's echo included.
    private static string RunOnTerminal(string[] arguments, string? input = null, Dictionary<string, string>? environment = null)
    {
        var program = CliProcess.StartInfo(arguments);
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Driver);
        start.ArgumentList.Add(input ?? "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typed\n");
        start.ArgumentList.Add(program.FileName);
        foreach (var argument in program.ArgumentList)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["XDG_DATA_HOME"] = Path.Combine(Path.GetTempPath(), "secret-postrenderer-cli-tests");
        start.Environment.Remove("NO_COLOR");
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var screen = process.StandardOutput.ReadToEnd();
        CliProcess.WaitOrKill(process);
        Assert.DoesNotContain("TIMED OUT", screen, StringComparison.Ordinal);
        return screen;
    }
}
