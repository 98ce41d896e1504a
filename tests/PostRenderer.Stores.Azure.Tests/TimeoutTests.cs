using System.Diagnostics;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Issue 18 item 2 for Azure: a managed-identity or IMDS endpoint that never answers ends the request within the
/// timeout and retries instead of taking the SDK's own 100 s network timeout and retries (101 s with timeout 5s,
/// retries 1). A vault that stalls after its headers (item 1) is <see cref="FaultScenarios{TStore}"/>'s.
/// </summary>
[Collection(EnvironmentVariables.Collection)]
public sealed class TimeoutTests : KeyVaultTestbed
{
    [Fact]
    public async Task A_managed_identity_endpoint_that_never_answers_ends_within_timeout_times_tries()
    {
        using var silent = new SilentServer();
        using var environment = OnlyCredentialSource(("IDENTITY_ENDPOINT", new Uri(silent.Address, "msi/token").ToString()), ("IDENTITY_HEADER", "test-header"));

        var error = await ReadWithDefaultCredentialAsync();

        Assert.Contains("DefaultAzureCredential", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imds_endpoint_that_never_answers_ends_within_timeout_times_tries()
    {
        using var silent = new SilentServer();
        using var environment = OnlyCredentialSource(("AZURE_POD_IDENTITY_AUTHORITY_HOST", silent.Address.ToString()));

        await ReadWithDefaultCredentialAsync();
    }

    /// <summary>
    /// Sets <paramref name="source"/> in the process environment and clears the variables of the credential sources
    /// DefaultAzureCredential would try before it (client secret, workload identity, managed identity).
    /// </summary>
    private static IDisposable OnlyCredentialSource(params (string Name, string? Value)[] source) =>
        EnvironmentVariables.Set(
        [
            ("IDENTITY_ENDPOINT", null), ("MSI_ENDPOINT", null), ("AZURE_CLIENT_ID", null), ("AZURE_TENANT_ID", null), ("AZURE_FEDERATED_TOKEN_FILE", null),
            .. source,
        ]);

    /// <summary>
    /// Reads with DefaultAzureCredential under a 1 s timeout and one retry, and returns the failure, having checked
    /// that it names the entry and came within timeout x tries plus slack.
    /// </summary>
    private async Task<StoreException> ReadWithDefaultCredentialAsync()
    {
        var settings = new Settings { Backend = Backend.Azure }.WithSection(Backend.Azure, new AzureSettings { VaultUrl = VaultUrl });
        var context = new StoreContext(settings, new Dictionary<string, string>(), new StoreHttp(new PopulationSettings { Timeout = TimeSpan.FromSeconds(1), Retries = 1 }));
        var credentialHttp = context.Http.CreateClient("azure");
        using var store = AzureKeyVaultStoreFactory.CreateOwning(
            context, AzureKeyVaultStoreFactory.CreateDefaultCredential(context, credentialHttp), "DefaultAzureCredential", Vault.CreateTransport(), credentialHttp);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("default-db", CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}: {error}");
        Assert.Equal("default-db", error.Entry);
        return error;
    }
}
