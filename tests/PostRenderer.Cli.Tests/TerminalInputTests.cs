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
            os.execvp(sys.argv[1], sys.argv[1:])
        os.write(fd, b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typed\n")
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
        var program = CliProcess.StartInfo(["--no-populate", "-n", "x"]);
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Driver);
        start.ArgumentList.Add(program.FileName);
        foreach (var argument in program.ArgumentList)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var screen = process.StandardOutput.ReadToEnd();
        CliProcess.WaitOrKill(process);
        Assert.DoesNotContain("TIMED OUT", screen, StringComparison.Ordinal);
        Assert.Contains("reading YAML from the terminal", screen, StringComparison.Ordinal);
        Assert.Contains("Ctrl-D", screen, StringComparison.Ordinal);
        Assert.Contains("name: typed", screen, StringComparison.Ordinal);
        Assert.Contains("1 document written", screen, StringComparison.Ordinal);
    }
}
