namespace PostRenderer.Core.Configuration;

/// <summary>The ESO <c>spec.secretStoreRef</c> every ExternalSecret points at.</summary>
internal sealed record SecretStoreRef(string Name, string Kind)
{
    public static readonly string[] Kinds = ["SecretStore", "ClusterSecretStore"];
}
