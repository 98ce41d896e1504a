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
        VaultAddress.Resolve(context.Settings.Azure);
        return Create(context, CreateDefaultCredential(), DefaultCredentialName);
    }

    /// <summary>The store with a given credential and, for tests, a given innermost HTTP handler.</summary>
    internal static AzureKeyVaultStore Create(StoreContext context, TokenCredential credential, string credentialName, HttpMessageHandler? transport = null)
    {
        var vault = VaultAddress.Resolve(context.Settings.Azure);
        var http = context.Http.CreateClient(AzureKeyVaultStore.StoreName, transport);
        var client = new SecretClient(vault, credential, KeyVaultClientOptions.Create(vault, http));
        return new AzureKeyVaultStore(client, http, new KeyVaultFailures(vault, credentialName));
    }

    private static DefaultAzureCredential CreateDefaultCredential()
    {
        try
        {
            return new DefaultAzureCredential();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // Raised for unusable settings such as an unknown AZURE_TOKEN_CREDENTIALS value; the message names it.
            throw new ConfigurationException($"{DefaultCredentialName} cannot start: {ex.Message}", ex);
        }
    }
}
