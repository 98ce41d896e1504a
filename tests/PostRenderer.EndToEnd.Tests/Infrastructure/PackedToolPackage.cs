using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The dotnet tool's packages, packed once per test class with release.yml's script (tests/tools/pack-tool.sh) in a
/// clean copy of the sources (a fresh checkout, as in CI, and no race with builds of the working tree's obj/
/// folders): the pointer package, the portable `any` package, the framework-dependent linux-musl-x64 one (linux-musl-arm64
/// is packed alike) and this machine's NativeAOT package. The other platforms' NativeAOT packages are packed on their
/// own runners.
/// </summary>
public sealed class PackedToolPackage : IDisposable
{
    public const string PackScript = "tests/tools/pack-tool.sh";

    private static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Packages.props", ".editorconfig", "global.json", "NuGet.config", "nuget.config", "README.md", "LICENSE"];

    private readonly IsolatedEnvironment environment = new IsolatedEnvironment().WithRealDotnetHome();

    public PackedToolPackage()
    {
        var checkout = environment.Subdirectory("checkout");
        foreach (var name in RootFiles.Where(name => File.Exists(Path.Combine(RepositoryPaths.Root, name))))
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, name), Path.Combine(checkout, name));
        }

        CopySources(Path.Combine(RepositoryPaths.Root, "src"), Path.Combine(checkout, "src"));
        System.IO.Directory.CreateDirectory(Path.Combine(checkout, "tests", "tools"));
        File.Copy(Path.Combine(RepositoryPaths.Root, PackScript), Path.Combine(checkout, PackScript));
        Directory = environment.Subdirectory("nupkg");
        foreach (var kind in new[] { "pointer", "any", "linux-musl-x64", HostRuntimeIdentifier })
        {
            // The NativeAOT package compiles the whole binary: minutes on 2 cores shared with other builds.
            environment.Run("bash", [Path.Combine(checkout, PackScript), "--out", Directory, kind], workingDirectory: checkout, limit: TimeSpan.FromMinutes(20))
                .EnsureSuccess();
        }
    }

    /// <summary>This machine's platform as the release names its tool packages (linux-x64, linux-arm64).</summary>
    public static string HostRuntimeIdentifier => RuntimeInformation.RuntimeIdentifier;

    /// <summary>The folder holding every .nupkg the pack produced.</summary>
    public string Directory { get; }

    public IReadOnlyList<string> Packages => System.IO.Directory.GetFiles(Directory, "*.nupkg").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>The package `dotnet tool install secret-postrenderer` asks for: secret-postrenderer.VERSION.nupkg.</summary>
    public string MainPackage => Assert.Single(Packages, name => char.IsAsciiDigit(name["secret-postrenderer.".Length]));

    public string Version => Path.GetFileNameWithoutExtension(MainPackage)["secret-postrenderer.".Length..];

    public string MainPackageNuspec
    {
        get
        {
            using var archive = ZipFile.OpenRead(Path.Combine(Directory, MainPackage));
            using var reader = new StreamReader(archive.GetEntry("secret-postrenderer.nuspec")!.Open());
            return reader.ReadToEnd();
        }
    }

    public IReadOnlyList<string> MainPackageEntries => EntriesOf(MainPackage);

    /// <summary>What the pointer package's DotnetToolSettings.xml names: RID and package id, in its order.</summary>
    public IReadOnlyList<(string RuntimeIdentifier, string Id)> RuntimeIdentifierPackages
    {
        get
        {
            using var archive = ZipFile.OpenRead(Path.Combine(Directory, MainPackage));
            var settings = Assert.Single(archive.Entries, entry => entry.Name == "DotnetToolSettings.xml");
            using var stream = settings.Open();
            return XDocument.Load(stream).Descendants("RuntimeIdentifierPackage")
                .Select(element => ((string)element.Attribute("RuntimeIdentifier")!, (string)element.Attribute("Id")!))
                .ToList();
        }
    }

    /// <summary>secret-postrenderer.RID.VERSION.nupkg: the package for one platform (or `any`).</summary>
    public string PlatformPackage(string runtimeIdentifier) => Assert.Single(Packages, name => name == $"secret-postrenderer.{runtimeIdentifier}.{Version}.nupkg");

    public IReadOnlyList<string> EntriesOf(string package)
    {
        using var archive = ZipFile.OpenRead(Path.Combine(Directory, package));
        return archive.Entries.Select(entry => entry.FullName).ToList();
    }

    /// <summary>Unpacks one package into a new folder of the test's own and returns it.</summary>
    public string Extract(string package, IsolatedEnvironment into)
    {
        var target = into.Subdirectory(Path.GetFileNameWithoutExtension(package));
        ZipFile.ExtractToDirectory(Path.Combine(Directory, package), target);
        return target;
    }

    public void Dispose() => environment.Dispose();

    private static void CopySources(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in System.IO.Directory.GetDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                CopySources(directory, Path.Combine(target, name));
            }
        }
    }
}
