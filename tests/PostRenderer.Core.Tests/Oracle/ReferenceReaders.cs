using System.Diagnostics;

namespace PostRenderer.Core.Tests.Oracle;

/// <summary>
/// The two reference readers, started once per test run: <see cref="Kubernetes"/> (tests/tools/k8s-yaml-oracle,
/// built here from Debian's sigs.k8s.io/yaml sources with the Go toolchain, no module download) and
/// <see cref="Libyaml"/> (tests/tools/libyaml-reader, PyYAML's CSafeLoader). Both are installed by
/// tests/tools/install-test-deps.sh, which ./test.sh runs; when they are missing the tests fail and say so.
/// </summary>
public static class ReferenceReaders
{
    private static readonly Lazy<FramedReaderProcess> KubernetesReader = new(StartKubernetes);
    private static readonly Lazy<FramedReaderProcess> LibyamlReader = new(StartLibyaml);

    public static FramedReaderProcess Kubernetes => KubernetesReader.Value;

    public static FramedReaderProcess Libyaml => LibyamlReader.Value;

    private static string Tools => Path.Combine(RepositoryPaths.Root, "tests", "tools");

    private static string InstallHint => "run tests/tools/install-test-deps.sh (./test.sh does) to install golang-go, golang-k8s-sigs-yaml-dev and python3-yaml";

    private static FramedReaderProcess StartKubernetes()
    {
        var executable = BuildOracle();
        var process = new FramedReaderProcess("the Kubernetes YAML oracle", new ProcessStartInfo(executable));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.Dispose();
        return process;
    }

    private static FramedReaderProcess StartLibyaml()
    {
        // Debian's python3, which python3-yaml (libyaml's bindings) belongs to, not whichever python3 is first on PATH.
        var start = new ProcessStartInfo("/usr/bin/python3") { ArgumentList = { Path.Combine(Tools, "libyaml-reader", "read.py") } };
        FramedReaderProcess process;
        try
        {
            process = new FramedReaderProcess("the libyaml reader", start);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"python3 cannot be started ({ex.Message}); {InstallHint}", ex);
        }

        // A missing PyYAML or libyaml shows at the first read; this read makes it show here, with the hint.
        try
        {
            process.Read("a: 1\n"u8.ToArray());
        }
        catch (InvalidOperationException ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"{ex.Message}; {InstallHint}", ex);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.Dispose();
        return process;
    }

    /// <summary>Builds the oracle into .tools/ (go's build cache makes a rebuild of unchanged sources take a moment).</summary>
    private static string BuildOracle()
    {
        var source = Path.Combine(Tools, "k8s-yaml-oracle");
        var tools = Path.Combine(RepositoryPaths.Root, ".tools");
        var output = Path.Combine(tools, "k8s-yaml-oracle", "k8s-yaml-oracle");
        var start = new ProcessStartInfo("go")
        {
            WorkingDirectory = source,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { "build", "-o", output, "." },
        };

        // GOPATH mode over Debian's packaged sources: nothing is downloaded.
        start.Environment["GOPATH"] = "/usr/share/gocode";
        start.Environment["GO111MODULE"] = "off";
        start.Environment["GOPROXY"] = "off";
        start.Environment["GOFLAGS"] = "";
        start.Environment["GOCACHE"] = Path.Combine(tools, "go-build-cache");
        Process build;
        try
        {
            build = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"the Go toolchain cannot be started ({ex.Message}); {InstallHint}", ex);
        }

        using (build)
        {
            var stdout = build.StandardOutput.ReadToEndAsync();
            var stderr = build.StandardError.ReadToEnd();
            if (!build.WaitForExit(300_000) || build.ExitCode != 0)
            {
                throw new InvalidOperationException($"building tests/tools/k8s-yaml-oracle failed: {stdout.Result}{stderr}; {InstallHint}");
            }
        }

        return output;
    }
}
