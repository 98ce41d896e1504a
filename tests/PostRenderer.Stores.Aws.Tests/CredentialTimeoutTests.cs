using System.Diagnostics;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// Issue 18 item 2 for AWS: credentials from container or instance metadata that never answers end the request
/// within the timeout and retries, with a message naming where credentials were sought, instead of waiting on the
/// SDK's own timeouts and retries.
/// </summary>
[Collection(EnvironmentVariables.Collection)]
public sealed class CredentialTimeoutTests : AgainstAws
{
    private readonly string noFiles = Path.Combine(Path.GetTempPath(), "no-aws-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Container_credentials_that_never_answer_end_within_timeout_times_tries()
    {
        using var silent = new SilentServer();
        using var environment = EnvironmentVariables.Set(Without(("AWS_CONTAINER_CREDENTIALS_FULL_URI", new Uri(silent.Address, "creds").ToString())));

        var (elapsed, error) = await ReadAsync();

        // Two tries of 1 s and 0.2 s of backoff: 2.2 s. It hung before.
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}: {error}");
        var failure = Assert.IsType<StoreException>(error);
        Assert.Equal("ns/app", failure.Entry);
        Assert.Contains("timed out getting AWS credentials", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Server.Requests);
    }

    [Fact]
    public async Task Instance_metadata_that_never_answers_ends_within_timeout_times_tries()
    {
        using var silent = new SilentServer();
        using var environment = EnvironmentVariables.Set(Without(("AWS_EC2_METADATA_SERVICE_ENDPOINT", silent.Address.ToString())));

        var (elapsed, error) = await ReadAsync();

        // The SDK's own probe took 16 s; the wait for it ends after 2.2 s (sooner when the SDK remembers, process-wide,
        // that instance metadata failed). No credentials at all: a configuration error.
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}: {error}");
        Assert.IsType<ConfigurationException>(error);
        Assert.Contains("no AWS credentials found", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Server.Requests);
    }

    [Fact]
    public async Task An_sts_endpoint_that_never_answers_ends_within_timeout_times_tries()
    {
        using var silent = new SilentServer();
        var environment = Environment(Server);
        environment["AWS_ENDPOINT_URL_STS"] = silent.Address.ToString();
        using var store = Create(environment, new AwsSettings { RoleArn = "arn:aws:iam::123456789012:role/populator" }, new PopulationSettings { Timeout = TimeSpan.FromSeconds(1), Retries = 1 });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("ns/app", default));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}: {error}");
        Assert.Equal("ns/app", error.Entry);
        Assert.Contains("cannot assume role", error.Message, StringComparison.Ordinal);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Server.Requests);
    }

    /// <summary>The variables of every other credential source unset, so the chain reaches the one under test.</summary>
    private (string, string?)[] Without((string, string?) source) =>
    [
        source,
        ("AWS_ACCESS_KEY_ID", null), ("AWS_SECRET_ACCESS_KEY", null), ("AWS_SESSION_TOKEN", null), ("AWS_PROFILE", null),
        ("AWS_WEB_IDENTITY_TOKEN_FILE", null), ("AWS_ROLE_ARN", null),
        ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(noFiles, "credentials")), ("AWS_CONFIG_FILE", Path.Combine(noFiles, "config")),
        ("AWS_EC2_METADATA_DISABLED", null),
    ];

    private async Task<(TimeSpan Elapsed, UserException Error)> ReadAsync()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_REGION"] = FakeAwsServer.Region,
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = Server.Endpoint.ToString(),
        };
        var clock = Stopwatch.StartNew();
        using var store = Create(environment, populate: new PopulationSettings { Timeout = TimeSpan.FromSeconds(1), Retries = 1 });
        var error = await Assert.ThrowsAnyAsync<UserException>(() => store.ReadAsync("ns/app", default));
        return (clock.Elapsed, error);
    }
}
