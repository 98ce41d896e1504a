using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;

namespace PostRenderer.Stores.Azure;

/// <summary>
/// SecretClient options that hand all retrying and timing to the shared store policy (StoreHttp), so Key
/// Vault behaves like every other backend and retries are not multiplied by a second policy.
/// </summary>
internal static class KeyVaultClientOptions
{
    private const string ApplicationId = "secret-postrenderer";

    // The public clouds' Key Vault DNS suffixes. Their challenges name a resource under the same suffix
    // (https://vault.azure.net, https://vault.azure.cn, ...), so the SDK's check that the two match can stay on.
    private static readonly string[] AzureVaultSuffixes =
    [
        ".vault.azure.net",
        ".vault.azure.cn",
        ".vault.usgovcloudapi.net",
        ".vault.microsoftazure.de",
    ];

    public static SecretClientOptions Create(Uri vault, HttpClient http)
    {
        var options = new SecretClientOptions
        {
            // An HttpClient from StoreHttp: its handler chain holds our RetryingHandler and its own timeout is
            // infinite (the per-attempt timeout lives in the handler). Giving the transport a bare handler would
            // wrap it in an HttpClient with the 100 s default timeout, cutting our retries short.
            Transport = new HttpClientTransport(http),

            // The SDK checks that the resource in the vault's 401 challenge matches the vault's host, so a look-alike
            // host cannot collect a token meant for Key Vault. A vault reached under another name (an emulator, a
            // private endpoint behind a custom DNS name, a test fake) never matches, so the check is off exactly
            // there. That is safe because the URL is the user's own explicit azure.vaultUrl setting: the token goes
            // where they told us the vault is, and with a Key Vault name the check stays on.
            DisableChallengeResourceVerification = !IsAzureVaultHost(vault),
        };

        // StoreHttp already retries 429 (honouring Retry-After), 5xx and connection failures with jittered backoff;
        // the SDK's own retries on top would multiply the attempts (and the wait) by its own count.
        options.Retry.MaxRetries = 0;

        // The SDK's network timeout spans one pipeline attempt, which here contains all of our retries; a finite
        // value would cancel them midway. StoreHttp's per-attempt timeout bounds each request instead.
        options.Retry.NetworkTimeout = Timeout.InfiniteTimeSpan;
        options.Diagnostics.ApplicationId = ApplicationId;
        return options;
    }

    public static bool IsAzureVaultHost(Uri vault) =>
        AzureVaultSuffixes.Any(suffix => vault.Host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
}
