using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// The STS client the SDK's default chain uses for web identity (IRSA) is the one <see cref="AwsRuntimeDependencies"/>
/// registers, with the store's timeout and retries: against an STS that never answers, the SDK's own call ends after
/// timeout x tries, not after the SDK's default (100 s a try), and the store fails within that plus slack.
/// </summary>
[Collection(EnvironmentVariables.Collection)]
public sealed class DefaultChainStsDeadlineTests : AgainstAws, IDisposable
{
    private const string Token = "web-identity-token-never-printed";
    private readonly string directory = Directory.CreateTempSubdirectory("aws-irsa-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_web_identity_sts_that_never_answers_is_cut_by_the_sdk_at_the_stores_timeout_and_tries()
    {
        using var silent = new SilentServer();
        using var process = WebIdentityAgainst(silent);

        await SilentCredentialSource.AssertCutAtTheStoresTimeoutAndTriesAsync(Server, silent, DefaultChainEnvironment(Server), Token);
    }

    [Fact]
    public async Task A_web_identity_sts_that_resets_every_connection_is_tried_no_more_than_the_store_allows()
    {
        using var resetting = new ResettingServer();
        using var process = WebIdentityAgainst(resetting);

        var error = await SilentCredentialSource.AssertReadFailsInTimeAsync(Server, DefaultChainEnvironment(Server));

        Assert.Contains("AWS credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
        // 2 tries, each at most 4 connections (.NET's pool resends a request whose connection failed before any answer
        // byte); the SDK's "stale connection" retries, outside MaxErrorRetry, would add 10 a try.
        Assert.InRange(resetting.Connections, 1, 2 * 4);
    }

    /// <summary>The process's default chain reduced to a web identity (EKS IRSA) whose STS is <paramref name="sts"/>.</summary>
    private IDisposable WebIdentityAgainst(LoopbackListener sts)
    {
        var tokenFile = Path.Combine(directory, "token");
        File.WriteAllText(tokenFile, Token);
        return DefaultChainSources.Only(
            directory,
            ("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile), ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/irsa"),
            ("AWS_ENDPOINT_URL_STS", sts.Address.ToString()), ("AWS_REGION", FakeAwsServer.Region));
    }
}
