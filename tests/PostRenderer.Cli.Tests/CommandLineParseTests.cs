namespace PostRenderer.Cli.Tests;

/// <summary>
/// The root without System.CommandLine's standard options (used when no argument may ask for them) must parse
/// every other command line exactly as the full root does: same command, same values, same errors.
/// </summary>
public sealed class CommandLineParseTests
{
    public static TheoryData<string[]> OrdinaryCommandLines() => new()
    {
        Array.Empty<string>(),
        new[] { "--no-populate" },
        new[] { "--preserve", "--backend", "vault", "--store-name", "vault-backend" },
        new[] { "--backend=aws", "--format:kes", "--namespace", "apps" },
        new[] { "--no-populate", "true" },
        new[] { "--no-populate", "maybe" },
        new[] { "--dry-run", "--overwrite-existing", "--skip-hooks", "--debug", "--prune", "--output-dir", "out" },
        new[] { "--config", "c.yaml", "--log-file", "l.log", "--log-file", "m.log" },
        new[] { "--max-document-size", "10", "--refresh-interval", "1h", "--entry-name", "{namespace}/{name}", "--release", "r" },
        new[] { "--store-kind", "ClusterSecretStore" },
        new[] { "--bogus" },
        new[] { "-x" },
        new[] { "extra" },
        new[] { "help" },
        new[] { "version" },
        new[] { "--backend" },
        new[] { "--", "--no-populate" },
        new[] { "split" },
        new[] { "split", "--output-dir" },
        new[] { "split", "--output-dir", "gitops", "a.yaml", "b.yaml", "--prune" },
        new[] { "split", "--output-dir", "gitops", "--bogus" },
        new[] { "verify" },
        new[] { "verify", "rendered/", "more.yaml" },
        new[] { "verify", "--no-populate" },
        new[] { "splitt", "--output-dir", "x" },
        new[] { "split", "--output-dir", "/home/me/gitops", "--log-file", "/h.log" },
        new[] { "--release", "/hx", "--namespace", "/?x" },
    };

    [Theory]
    [MemberData(nameof(OrdinaryCommandLines))]
    public void Parses_like_the_full_root(string[] args)
    {
        Assert.False(CommandLine.MayUseStandardOptions(args));

        var full = CommandLine.Build(standardOptions: true).Parse(args);
        var lean = CommandLine.Build(standardOptions: false).Parse(args);

        Assert.Equal(full.CommandResult.Command.Name, lean.CommandResult.Command.Name);
        Assert.Equal(full.ToString(), lean.ToString());
        Assert.Equal(full.UnmatchedTokens, lean.UnmatchedTokens);
        Assert.Equal(full.Errors.Select(error => error.Message), lean.Errors.Select(error => error.Message));
        Assert.Equal(full.Action?.GetType(), lean.Action?.GetType());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("/h")]
    [InlineData("-?")]
    [InlineData("/?")]
    [InlineData("--version")]
    [InlineData("--help=true")]
    [InlineData("[suggest:3]")]
    [InlineData("@arguments.rsp")]
    [InlineData("/h:true")]
    [InlineData("/?=true")]
    [InlineData("--version:x")]
    [InlineData("-h?")]
    [InlineData("-?h")]
    public void An_argument_that_may_ask_for_a_standard_option_gets_the_full_root(string arg)
    {
        Assert.True(CommandLine.MayUseStandardOptions(["split", "--output-dir", "out", arg]));
        Assert.True(CommandLine.MayUseStandardOptions([arg]));
    }

    [Fact]
    public void Help_and_version_are_there_when_asked_for()
    {
        var help = CommandLine.Parse(["split", "--help"]);
        var version = CommandLine.Parse(["--version"]);

        Assert.Empty(help.Errors);
        Assert.Equal("HelpAction", help.Action?.GetType().Name);
        Assert.Empty(version.Errors);
        // --version prints the same line as the version command (VersionCommand), not System.CommandLine's bare version.
        Assert.Equal("PrintVersion", version.Action?.GetType().Name);
    }
}
