namespace PostRenderer.Stores.Vault;

/// <summary>AppRole auth: role_id plus, unless the role does not bind one, a secret_id.</summary>
internal sealed class VaultAppRoleCredential(string roleId, string? secretId, string authMount)
    : VaultLoginCredential("approle", authMount)
{
    public override string Description => $"a token from approle login (auth/{AuthMount})";

    public override string Hint =>
        $"check the role_id (vault.roleId / VAULT_ROLE_ID) and secret_id (vault.secretIdFile / VAULT_SECRET_ID) against auth/{AuthMount}"
        + (secretId is null ? "; no secret_id was given, which only roles with bind_secret_id=false accept" : "");

    public override byte[] CreateLoginBody() => VaultRequestBodies.AppRoleLogin(roleId, secretId);
}
