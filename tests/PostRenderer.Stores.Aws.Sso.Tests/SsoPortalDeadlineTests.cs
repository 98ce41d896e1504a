using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// The SSO client the SDK's default chain uses for an IAM Identity Center profile is the one
/// <see cref="AwsRuntimeDependencies"/> registers, with the store's timeout and retries: against a portal that never
/// answers, the SDK's own GetRoleCredentials ends after timeout x tries, and the store fails within that plus slack.
/// </summary>
[Collection(EnvironmentVariables.Collection)]
public sealed class SsoPortalDeadlineTests : IAsyncLifetime
{
    private FakeAwsServer server = null!;

    public async Task InitializeAsync() => server = await FakeAwsServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_portal_that_never_answers_is_cut_by_the_sdk_at_the_stores_timeout_and_tries()
    {
        using var silent = new SilentServer();
        using var process = SsoHome.UseProfile("session", silent.Address);

        var error = await SilentCredentialSource.AssertCutAtTheStoresTimeoutAndTriesAsync(server, silent, SsoHome.StoreEnvironment("session", server), SsoHome.AccessToken);

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }
}
