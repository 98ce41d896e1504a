using System.IO.Compression;

namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The dotnet tool package, packed once per test class with release.yml's command in a clean copy of the
/// sources: a fresh checkout, as in CI, and no race with builds of the working tree's obj/ folders.
/// </summary>
public sealed class PackedToolPackage : IDisposable
{
    public const string PackCommand = "dotnet pack src/PostRenderer.Cli -c Release -p:PackAsTool=true";

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
        Directory = environment.Subdirectory("nupkg");
        var words = PackCommand.Split(' ');
        environment.Run(words[0], words[1..].Concat(["-o", Directory, "-nologo"]), workingDirectory: checkout).EnsureSuccess();
    }

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

    public IReadOnlyList<string> MainPackageEntries
    {
        get
        {
            using var archive = ZipFile.OpenRead(Path.Combine(Directory, MainPackage));
            return archive.Entries.Select(entry => entry.FullName).ToList();
        }
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
