using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Vault;

/// <summary>Kubernetes auth: the pod's service-account JWT, exchanged for a token as a Vault role.</summary>
internal sealed class VaultKubernetesCredential(string role, string authMount, string tokenFile)
    : VaultLoginCredential("kubernetes", authMount)
{
    public override string Description => $"a token from kubernetes login (auth/{AuthMount}, role '{role}', service-account token {tokenFile})";

    public override string Hint =>
        $"check that role '{role}' exists on auth/{AuthMount} (vault.role, vault.authMount) and is bound to this pod's service account and namespace";

    // Read at login, not before: projected service-account tokens rotate.
    public override byte[] CreateLoginBody()
    {
        string jwt;
        try
        {
            jwt = File.ReadAllText(tokenFile).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(VaultStore.StoreName, null, $"cannot read the service-account token file {tokenFile}: {ex.Message}", ex);
        }

        return VaultRequestBodies.KubernetesLogin(role, jwt);
    }
}
