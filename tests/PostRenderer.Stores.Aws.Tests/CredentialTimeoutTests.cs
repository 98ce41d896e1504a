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
        using var environment = DefaultChainSources.Only(noFiles, ("AWS_CONTAINER_CREDENTIALS_FULL_URI", new Uri(silent.Address, "creds").ToString()));

        // Two tries of 1 s and 0.2 s of backoff: 2.2 s. It hung before.
        var error = await SilentCredentialSource.AssertReadFailsInTimeAsync(Server, DefaultChainEnvironment(Server));

        var failure = Assert.IsType<StoreException>(error);
        Assert.Equal("ns/app", failure.Entry);
        Assert.Contains("timed out getting AWS credentials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instance_metadata_that_never_answers_ends_within_timeout_times_tries()
    {
        using var silent = new SilentServer();
        using var environment = DefaultChainSources.Only(noFiles, ("AWS_EC2_METADATA_DISABLED", null), ("AWS_EC2_METADATA_SERVICE_ENDPOINT", silent.Address.ToString()));

        // The SDK's own probe took 16 s; the wait for it ends after 2.2 s (sooner when the SDK remembers, process-wide,
        // that instance metadata failed). No credentials at all: a configuration error.
        var error = await SilentCredentialSource.AssertReadFailsInTimeAsync(Server, DefaultChainEnvironment(Server));

        Assert.IsType<ConfigurationException>(error);
        Assert.Contains("no AWS credentials found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_sts_endpoint_that_never_answers_ends_within_timeout_times_tries()
    {
        using var silent = new SilentServer();

        var error = await AssumeRoleAgainstAsync(silent);

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_sts_endpoint_that_resets_every_connection_is_tried_no_more_than_the_store_allows()
    {
        using var resetting = new ResettingServer();

        await AssumeRoleAgainstAsync(resetting);

        // 2 tries, each at most 4 connections (.NET's pool resends a request whose connection failed before any answer
        // byte). With the SDK's "stale connection" retries on (10 by default, outside MaxErrorRetry) it was 12.
        Assert.InRange(resetting.Connections, 1, 2 * 4);
    }

    /// <summary>
    /// Reads an entry with a store that assumes a role at <paramref name="sts"/>: the failure comes in time, is a store
    /// error naming the entry, and says the role could not be assumed.
    /// </summary>
    private async Task<StoreException> AssumeRoleAgainstAsync(LoopbackListener sts)
    {
        var environment = Environment(Server);
        environment["AWS_ENDPOINT_URL_STS"] = sts.Address.ToString();

        var error = await SilentCredentialSource.AssertReadFailsInTimeAsync(Server, environment, new AwsSettings { RoleArn = "arn:aws:iam::123456789012:role/populator" });

        var failure = Assert.IsType<StoreException>(error);
        Assert.Equal("ns/app", failure.Entry);
        Assert.Contains("cannot assume role", error.Message, StringComparison.Ordinal);
        return failure;
    }
}
