using Azure;
using Azure.Identity;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Azure;

/// <summary>
/// Turns what the SDK throws into a <see cref="StoreException"/> that says what to do: it names the vault, the
/// credential and, for denials, the role to grant. It never quotes a response body or a secret.
/// </summary>
internal sealed class KeyVaultFailures(Uri vault, string credential)
{
    public const string WriterRole = "Key Vault Secrets Officer";

    public StoreException FromResponse(RequestFailedException exception, string entry, string operation)
    {
        var error = KeyVaultError.From(exception);
        return new StoreException(AzureKeyVaultStore.StoreName, entry, Describe(error, operation), exception);
    }

    public StoreException FromCredential(AuthenticationFailedException exception, string entry) =>
        TimeoutInside(exception) is { } timeout
            ? new(AzureKeyVaultStore.StoreName, entry, $"{credential} could not get a token for Key Vault {vault}: {timeout.Problem}", exception)
            : new(
            AzureKeyVaultStore.StoreName,
            entry,
            $"{credential} could not get a token for Key Vault {vault}: sign in with 'az login', or set AZURE_TENANT_ID, AZURE_CLIENT_ID "
            + "and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH), or run with workload identity or a managed identity "
            + "(the inner error lists why each credential failed)",
            exception);

    public StoreException TimedOut(OperationCanceledException exception, string entry, string operation) =>
        new(AzureKeyVaultStore.StoreName, entry, $"timed out: Key Vault {vault} did not finish answering the {operation} request in time", exception);

    /// <summary>The shared policy's failure (no answer, cannot reach) under the credential's wrapping, if that is what ended it.</summary>
    private static StoreException? TimeoutInside(Exception exception) => exception.InnerException is { } inner ? Find(inner) : null;

    private static StoreException? Find(Exception exception) => exception switch
    {
        StoreException store => store,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Find).FirstOrDefault(found => found is not null),
        _ => exception.InnerException is { } inner ? Find(inner) : null,
    };

    private string Describe(KeyVaultError error, string operation) => error.Status switch
    {
        401 => $"Key Vault {vault} rejected the token {credential} obtained ({error}): check that the identity belongs to the "
            + "vault's tenant (AZURE_TENANT_ID, 'az account show') and that the token is not expired or revoked",
        403 when error.Is("SecretDisabled") => $"the secret is disabled in Key Vault {vault} ({error}): enable it or delete it",
        403 when error.Is("ForbiddenByFirewall") => $"Key Vault {vault} refused to {operation} it from this network ({error}): "
            + "allow this machine's address in the vault's networking rules or use a private endpoint",
        403 => $"Key Vault {vault} denied the identity {credential} signed in as permission to {operation} secrets ({error}): "
            + $"grant it the '{WriterRole}' role on the vault (Azure RBAC), or get and set secret permissions in the vault's access policy",
        409 when error.Is("ObjectIsDeletedButRecoverable") => DeletedButRecoverable(error),
        409 when error.Is("ObjectIsBeingRecovered") => $"the secret is being recovered in Key Vault {vault} ({error}); run again once recovery has finished",
        404 => $"Key Vault {vault} answered {error} to {operation}: check that azure.vaultUrl or azure.keyVaultName names a Key Vault",
        429 => $"Key Vault {vault} kept throttling requests ({error}) after all retries; lower the population concurrency or run again later",
        >= 500 => $"Key Vault {vault} kept failing ({error}) after all retries; run again later",
        _ => $"Key Vault {vault} refused to {operation} it ({error})",
    };

    private string DeletedButRecoverable(KeyVaultError error) =>
        $"a deleted secret of this name still exists in Key Vault {vault} (soft-delete, {error}), so the name cannot be reused: "
        + "recover it ('az keyvault secret recover') to keep its values, or purge it ('az keyvault secret purge') to start over";
}
