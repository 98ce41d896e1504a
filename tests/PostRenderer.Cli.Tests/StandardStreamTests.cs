using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PostRenderer.Cli.Tests;

/// <summary>stdin, stdout and stderr as a shell connects them: to one shared file, and to a reader that quits early.</summary>
public sealed class StandardStreamTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("secret-postrenderer-streams-").FullName;

    [Fact]
    public void Stdout_and_stderr_sent_to_one_file_follow_each_other_instead_of_overwriting()
    {
        Write("input.yaml", ConfigMaps(2_000));

        var exitCode = Shell("exec \"$@\" --no-populate < input.yaml > all.txt 2>&1");

        Assert.Equal(0, exitCode);
        var all = File.ReadAllText(Path.Combine(directory, "all.txt"));
        Assert.StartsWith("---\napiVersion: v1\nkind: ConfigMap\n", all, StringComparison.Ordinal);
        Assert.EndsWith("\nsecret-postrenderer: info: 2000 documents written, 0 Secrets converted; store not populated\n", all, StringComparison.Ordinal);
        Assert.Equal(2_000, all.Split("\n---\n").Length);
    }

    [Fact]
    public void A_reader_that_exits_early_stops_the_render_with_exit_code_1_and_one_clear_line()
    {
        Write("input.yaml", ConfigMaps(20_000));

        var exitCode = Shell("{ \"$@\" --no-populate < input.yaml 2> errors.txt; echo $? > status.txt; } | head -c 100 > /dev/null");

        Assert.Equal(0, exitCode);
        Assert.Equal("1", File.ReadAllText(Path.Combine(directory, "status.txt")).Trim());
        Assert.Equal(
            "secret-postrenderer: error: cannot write standard output: the program reading it has exited (broken pipe)\n",
            File.ReadAllText(Path.Combine(directory, "errors.txt")));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(directory, name), text);

    private static string ConfigMaps(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\ndata:\n  value: \"{i}\"\n");
        }

        return text.ToString();
    }

    /// <summary>Runs a sh script in the temporary directory; "$@" is the executable with the arguments it needs.</summary>
    private int Shell(string script)
    {
        var executable = CliProcess.StartInfo([]);
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = directory, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(executable.FileName);
        foreach (var argument in executable.ArgumentList)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["XDG_DATA_HOME"] = Path.Combine(directory, "data");
        using var process = Process.Start(start)!;
        CliProcess.WaitOrKill(process);
        return process.ExitCode;
    }
}
