using System.Diagnostics;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// The SSO client the SDK's default chain uses for an IAM Identity Center profile is the one
/// <see cref="AwsRuntimeDependencies"/> registers, with the store's timeout and retries: against a portal that never
/// answers, the SDK's own GetRoleCredentials ends after timeout x tries, and the store fails within that plus slack.
/// </summary>
[Collection(EnvironmentVariables.Collection)]
public sealed class SsoPortalDeadlineTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private const int Retries = 1;

    private FakeAwsServer server = null!;

    public async Task InitializeAsync() => server = await FakeAwsServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_portal_that_never_answers_is_cut_by_the_sdk_at_the_stores_timeout_and_tries()
    {
        using var silent = new SilentServer();
        var home = SsoProfileTests.Home.Path;
        var aws = Path.Combine(home, ".aws");
        using var process = EnvironmentVariables.Set(
            ("HOME", home), ("AWS_PROFILE", "session"), ("AWS_CONFIG_FILE", Path.Combine(aws, "config")),
            ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(aws, "credentials")), ("AWS_ENDPOINT_URL_SSO", silent.Address.ToString()),
            ("AWS_ACCESS_KEY_ID", null), ("AWS_SECRET_ACCESS_KEY", null), ("AWS_SESSION_TOKEN", null), ("AWS_REGION", null),
            ("AWS_DEFAULT_REGION", null), ("AWS_WEB_IDENTITY_TOKEN_FILE", null), ("AWS_ROLE_ARN", null), ("AWS_EC2_METADATA_DISABLED", "true"));
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = home,
            ["AWS_PROFILE"] = "session",
            ["AWS_CONFIG_FILE"] = Path.Combine(aws, "config"),
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = server.Endpoint.ToString(),
        };
        using var store = Create(environment, populate: new PopulationSettings { Timeout = Timeout, Retries = Retries });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<UserException>(() => store.ReadAsync("ns/app", default));
        var failedAfter = clock.Elapsed;

        Assert.True(failedAfter < Timeout * (Retries + 1) + TimeSpan.FromSeconds(3), $"took {failedAfter}: {error}");
        Assert.Contains("AWS credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sso-access-token-from-aws-sso-login", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);

        // The SDK's own tries end too: as many as the store allows, and no more once its deadline has passed.
        await Task.Delay(Timeout * 2);
        Assert.Equal(Retries + 1, silent.Connections);
    }
}
