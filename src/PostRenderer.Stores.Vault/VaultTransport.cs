using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PostRenderer.Stores.Vault;

/// <summary>The socket handler under the retry policy, with Vault's TLS trust rules.</summary>
internal static class VaultTransport
{
    public static SocketsHttpHandler CreateHandler(VaultTlsOptions tls)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (tls.SkipVerify)
        {
#pragma warning disable CA5359 // The user asked for it explicitly (VAULT_SKIP_VERIFY / vault.skipVerify), as with the vault CLI.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (tls.CaBundle is { } roots)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                IsTrusted(roots, certificate, chain, errors);
        }

        return handler;
    }

    /// <summary>
    /// The CA bundle replaces the system roots (as VAULT_CACERT does for the vault CLI), so the chain is rebuilt
    /// against it alone; the host name check the platform already did still has to pass.
    /// </summary>
    internal static bool IsTrusted(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        foreach (var element in chain?.ChainElements.Skip(1) ?? [])
        {
            custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        if (certificate is X509Certificate2 leaf)
        {
            return custom.Build(leaf);
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(copy);
    }
}
