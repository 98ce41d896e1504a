using System.CommandLine;

namespace PostRenderer.Cli.Tests;

/// <summary>
/// The plain reader may decline any command line, but what it accepts must give exactly what System.CommandLine
/// gives: the default command, no error, the same --config and the same settings in the same order.
/// </summary>
public sealed class PlainCommandLineTests
{
    private static readonly string[] ValueOptions =
    [
        "--config", "--output-dir", "--format", "--backend", "--namespace", "--store", "--store-name", "--store-kind", "--refresh-interval",
        "--entry-name", "--release", "--log-file", "--max-document-size",
    ];

    private static readonly string[] Flags = ["--no-populate", "--dry-run", "--overwrite-existing", "--preserve", "--skip-hooks", "--prune", "--debug", "--strict"];

    private static readonly string[] Values =
    [
        "vault", "apps", "a b", "/tmp/x.yaml", "{namespace}/{name}", "1h", "true", "false", "10", "x=y", "ns:x", "ünï cödé",
        "split", "verify", "help", "-x", "-", "--", "@file", "[suggest]", "", "/h", "/?", "-h", "--help", "--version", "--backend=vault",
        "--format:kes", "--bogus", "--no-populate", "--config", "/home/me", "/h:x", "/?=1", "/hx",
    ];

    [Theory]
    [InlineData]
    [InlineData("--no-populate")]
    [InlineData("--namespace", "apps")]
    [InlineData("--backend", "vault", "--store-name", "vault-backend", "--store-kind", "ClusterSecretStore")]
    [InlineData("--log-file", "/tmp/secret-postrenderer.log", "--preserve", "--no-populate")]
    [InlineData("--log-file", "/home/me/render.log", "--release", "app")]
    [InlineData("--config", "ci.yaml", "--dry-run", "--output-dir", "config-root", "--release", "app")]
    [InlineData("--entry-name", "{namespace}/{name}", "--refresh-interval", "15m", "--format", "kes", "--max-document-size", "1000")]
    public void Reads_how_helm_helmfile_and_pipes_call_a_post_renderer(params string[] args)
    {
        var plain = PlainCommandLine.TryRead(args);

        Assert.NotNull(plain);
        AssertSameAsSystemCommandLine(args, plain);
    }

    [Theory]
    [InlineData("split", "--output-dir", "out")]
    [InlineData("verify", "rendered.yaml")]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("--backend=vault")]
    [InlineData("--format:kes")]
    [InlineData("--no-populate", "true")]
    [InlineData("--backend", "vault", "--backend", "aws")]
    [InlineData("--no-populate", "--no-populate")]
    [InlineData("--namespace", "-x")]
    [InlineData("--namespace", "split")]
    [InlineData("--release", "/h")]
    [InlineData("--release", "/h:x")]
    [InlineData("--release", "/?")]
    [InlineData("--namespace", "")]
    [InlineData("--backend")]
    [InlineData("--bogus")]
    [InlineData("--", "--no-populate")]
    [InlineData("@arguments.rsp")]
    [InlineData("[suggest]")]
    [InlineData("extra")]
    public void Declines_everything_else(params string[] args)
    {
        Assert.Null(PlainCommandLine.TryRead(args));
    }

    [Fact]
    public void Every_command_line_it_accepts_parses_the_same_with_System_CommandLine()
    {
        var random = new Random(20261121);
        var accepted = 0;
        for (var run = 0; run < 4_000; run++)
        {
            var args = RandomCommandLine(random);
            if (PlainCommandLine.TryRead(args) is { } plain)
            {
                AssertSameAsSystemCommandLine(args, plain);
                accepted++;
            }
        }

        // Most random lines are meant to be plain, so a reader that declined everything would fail here.
        Assert.InRange(accepted, 1_000, 4_000);
    }

    private static void AssertSameAsSystemCommandLine(string[] args, PlainCommandLine plain)
    {
        var root = CommandLine.Build(standardOptions: true, out var options);
        var parsed = root.Parse(args);

        Assert.Empty(parsed.Errors);
        Assert.Same(root, parsed.CommandResult.Command);
        Assert.Equal(parsed.GetValue(options.Config), plain.ConfigPath);
        Assert.Equal(options.ToSettings(parsed).ToList(), plain.Settings.ToList());
    }

    // Mostly plain options with their values, in any order, now and then a repeat or a word from anywhere.
    private static string[] RandomCommandLine(Random random)
    {
        var args = new List<string>();
        var parts = random.Next(0, 7);
        for (var i = 0; i < parts; i++)
        {
            switch (random.Next(10))
            {
                case < 5:
                    args.Add(ValueOptions[random.Next(ValueOptions.Length)]);
                    args.Add(random.Next(4) == 0 ? Values[random.Next(Values.Length)] : $"value-{random.Next(100)}");
                    break;
                case < 9:
                    args.Add(Flags[random.Next(Flags.Length)]);
                    break;
                default:
                    args.Add(Values[random.Next(Values.Length)]);
                    break;
            }
        }

        return [.. args];
    }
}
