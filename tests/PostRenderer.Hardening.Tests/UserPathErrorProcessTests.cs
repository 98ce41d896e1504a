using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace PostRenderer.Hardening.Tests;

/// <summary>
/// Paths the user gave that cannot be used (a log file in a missing or read-only folder, an output directory
/// that is a file, a store file that cannot be written) are exit 2 naming the path and the reason in words; a
/// full disk under stdout or the log file is exit 1 with a clear message, never an abort. Root ignores
/// permission bits, so the read-only cases run the process as nobody (setpriv) when the tests run as root.
/// </summary>
[Trait("Speed", "Slow")]
[Collection(ProcessHeavyTests.Name)]
public sealed partial class UserPathErrorProcessTests : IDisposable
{
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n";
    private const string Secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: user-path-secret-value-9\n";

    private readonly string work = Directory.CreateTempSubdirectory("user-path-errors-").FullName;

    public UserPathErrorProcessTests()
    {
        // Another user (nobody) runs some of these: it must reach the folder.
        File.SetUnixFileMode(work, (UnixFileMode)0b111_101_101);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void A_log_file_in_a_missing_folder_is_exit_2_with_the_path_and_the_reason()
    {
        var run = CliProcess.Run(ConfigMap, ["--no-populate", "--log-file", "missing/run.log"], work);

        AssertOneError(run, 2, "cannot open the log file missing/run.log: a folder on the way does not exist");
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_log_file_in_a_read_only_folder_is_exit_2_with_the_path_and_the_reason()
    {
        var readOnly = ReadOnlyFolder();

        var run = RunAsAnotherUser(ConfigMap, ["--no-populate", "--log-file", Path.Combine(readOnly, "run.log")]);

        AssertOneError(run, 2, $"cannot open the log file {Path.Combine(readOnly, "run.log")}: permission denied");
    }

    [Fact]
    public void A_full_disk_under_the_log_file_is_exit_1_with_a_clear_message_not_an_abort()
    {
        var run = CliProcess.Run(ConfigMap, ["--no-populate", "--log-file", "/dev/full"], work);

        AssertOneError(run, 1, "cannot write the log file /dev/full: no space left on the device");
        Assert.Contains("kind: ConfigMap", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_disk_under_stdout_is_exit_1_with_a_clear_message_not_an_abort()
    {
        var start = Shell($"exec \"$@\" > /dev/full", CliProcess.StartInfo(["--no-populate"]));

        var run = Run(start, ConfigMap);

        AssertOneError(run, 1, "cannot write standard output: No space left on device");
    }

    [Fact]
    public void An_output_directory_that_is_a_file_is_exit_2_with_the_path()
    {
        File.WriteAllText(Path.Combine(work, "gitops"), "a file\n");

        var run = CliProcess.Run(ConfigMap, ["split", "--no-populate", "--output-dir", "gitops"], work);

        AssertOneError(run, 2, $"the output directory {Path.Combine(work, "gitops")} is a file, not a folder");
        Assert.Equal("a file\n", File.ReadAllText(Path.Combine(work, "gitops")));
    }

    [Fact]
    public void An_output_directory_in_a_read_only_folder_is_exit_2_with_the_path_and_the_reason()
    {
        var target = Path.Combine(ReadOnlyFolder(), "gitops");

        var run = RunAsAnotherUser(ConfigMap, ["split", "--no-populate", "--output-dir", target]);

        AssertOneError(run, 2, $"cannot write the output directory {target}: permission denied");
    }

    [Fact]
    public void A_store_file_that_cannot_be_written_is_exit_2_with_the_path_and_the_reason_and_no_value()
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "store")).FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        var store = Path.Combine(folder, "secrets.json");
        File.WriteAllText(store, "{}");
        File.SetUnixFileMode(store, (UnixFileMode)0b100_100_100);
        var config = Path.Combine(work, "config.yaml");
        File.WriteAllText(config, $"file:\n  path: {store}\n");

        var run = RunAsAnotherUser(Secret, ["--config", config]);

        AssertOneError(run, 2, $"cannot write {store}: permission denied");
        Assert.DoesNotContain("user-path-secret-value-9", run.Errors, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(store));
        Assert.Equal(["secrets.json", "secrets.json.lock"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static void AssertOneError(CliProcess run, int exitCode, string expected)
    {
        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}, expected {exitCode}: {run.Errors}");
        var errors = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.Contains(": error: ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, run.Errors);
        Assert.Contains(expected, errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotMatch(ResourceKey(), errors[0]); // warnings may name variables such as HELM_NAMESPACE
    }

    /// <summary>A folder the process cannot write: mode 0555, and the process not root (see <see cref="RunAsAnotherUser"/>).</summary>
    private string ReadOnlyFolder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "read-only")).FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b101_101_101);
        return folder;
    }

    private CliProcess RunAsAnotherUser(string input, string[] arguments)
    {
        var start = CliProcess.StartInfo(arguments);
        if (Environment.UserName == "root")
        {
            var asNobody = new ProcessStartInfo("setpriv") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--reuid=nobody", "--regid=nogroup", "--clear-groups", start.FileName }.Concat(start.ArgumentList))
            {
                asNobody.ArgumentList.Add(argument);
            }

            asNobody.Environment["HOME"] = work;
            asNobody.Environment["DOTNET_CLI_HOME"] = work;
            start = asNobody;
        }

        return Run(start, input);
    }

    private static ProcessStartInfo Shell(string script, ProcessStartInfo command)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", script, "sh", command.FileName }.Concat(command.ArgumentList))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private CliProcess Run(ProcessStartInfo start, string input)
    {
        start.WorkingDirectory = work;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(work, "xdg");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(Encoding.UTF8.GetBytes(input));
        process.StandardInput.Close();
        CliProcess.WaitOrKill(process);
        return new CliProcess(process.ExitCode, output.Result, errors.Result);
    }

    // .NET's resource keys, as UseSystemResourceKeys shows them instead of words: IO_FileNotFound_FileName.
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+_[A-Z][A-Za-z]+(_[A-Za-z]+)*\b")]
    private static partial Regex ResourceKey();
}
