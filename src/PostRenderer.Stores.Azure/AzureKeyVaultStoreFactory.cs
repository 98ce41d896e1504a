using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Azure;

/// <summary>
/// Creates the Azure Key Vault store from <c>azure.vaultUrl</c> or <c>azure.keyVaultName</c>, signing in with
/// <see cref="DefaultAzureCredential"/> (environment, workload identity, managed identity, Azure CLI, ...).
/// </summary>
public sealed class AzureKeyVaultStoreFactory : ISecretStoreFactory
{
    private const string DefaultCredentialName = "DefaultAzureCredential";

    public Backend Backend => Backend.Azure;

    public ISecretStore Create(StoreContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Settings first: a missing vault is a clearer message than anything the credential could say.
        VaultAddress.Resolve(context.Settings.Section<AzureSettings>(Backend.Azure));
        var credentialHttp = context.Http.CreateClient(AzureKeyVaultStore.StoreName);
        try
        {
            return CreateOwning(context, CreateDefaultCredential(context, credentialHttp), DefaultCredentialName, transport: null, owned: credentialHttp);
        }
        catch
        {
            credentialHttp.Dispose();
            throw;
        }
    }

    /// <summary>The store with a given credential and, for tests, a given innermost HTTP handler.</summary>
    internal static AzureKeyVaultStore Create(StoreContext context, TokenCredential credential, string credentialName, HttpMessageHandler? transport = null) =>
        CreateOwning(context, credential, credentialName, transport, owned: null);

    /// <summary>As <see cref="Create(StoreContext, TokenCredential, string, HttpMessageHandler?)"/>; <paramref name="owned"/> (the credential's HTTP client) is disposed with the store.</summary>
    internal static AzureKeyVaultStore CreateOwning(StoreContext context, TokenCredential credential, string credentialName, HttpMessageHandler? transport, IDisposable? owned)
    {
        var vault = VaultAddress.Resolve(context.Settings.Section<AzureSettings>(Backend.Azure));
        var http = context.Http.CreateClient(AzureKeyVaultStore.StoreName, transport);
        var client = new SecretClient(vault, credential, KeyVaultClientOptions.Create(vault, http, context.Http));
        return new AzureKeyVaultStore(client, new KeyVaultFailures(vault, credentialName), http, owned);
    }

    /// <summary>
    /// DefaultAzureCredential whose token requests (managed identity, IMDS, workload identity, Entra ID) go through
    /// <paramref name="http"/>, a client of the shared policy, with the SDK's own retries off and a finite network
    /// timeout: without this its pipeline retried a managed-identity endpoint that never answered for 101 s with
    /// timeout 5s and retries 1.
    /// </summary>
    internal static DefaultAzureCredential CreateDefaultCredential(StoreContext context, HttpClient http)
    {
        var options = new DefaultAzureCredentialOptions();
        KeyVaultClientOptions.UseSharedPolicy(options, http, context.Http);
        try
        {
            return new DefaultAzureCredential(options);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // Raised for unusable settings such as an unknown AZURE_TOKEN_CREDENTIALS value; the message names it.
            throw new ConfigurationException($"{DefaultCredentialName} cannot start: {ex.Message}", ex);
        }
    }
}
