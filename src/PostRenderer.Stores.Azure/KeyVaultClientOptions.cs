using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Azure;

/// <summary>
/// SecretClient and credential options that hand all retrying and timing to the shared store policy (StoreHttp), so
/// Key Vault and its sign-in behave like every other backend and retries are not multiplied by a second policy.
/// </summary>
internal static class KeyVaultClientOptions
{
    private const string ApplicationId = "secret-postrenderer";

    private static readonly TimeSpan MaxWaitBetweenTries = TimeSpan.FromMinutes(2);

    // The public clouds' Key Vault DNS suffixes. Their challenges name a resource under the same suffix
    // (https://vault.azure.net, https://vault.azure.cn, ...), so the SDK's check that the two match can stay on.
    private static readonly string[] AzureVaultSuffixes =
    [
        ".vault.azure.net",
        ".vault.azure.cn",
        ".vault.usgovcloudapi.net",
        ".vault.microsoftazure.de",
    ];

    public static SecretClientOptions Create(Uri vault, HttpClient http, StoreHttp policy)
    {
        var options = new SecretClientOptions
        {
            // The SDK checks that the resource in the vault's 401 challenge matches the vault's host, so a look-alike
            // host cannot collect a token meant for Key Vault. A vault reached under another name (an emulator, a
            // private endpoint behind a custom DNS name, a test fake) never matches, so the check is off exactly
            // there. That is safe because the URL is the user's own explicit azure.vaultUrl setting: the token goes
            // where they told us the vault is, and with a Key Vault name the check stays on.
            DisableChallengeResourceVerification = !IsAzureVaultHost(vault),
        };
        UseSharedPolicy(options, http, policy);
        options.Diagnostics.ApplicationId = ApplicationId;
        return options;
    }

    /// <summary>
    /// Hands an SDK client's retrying and timing to <paramref name="http"/>, a client of the shared policy: its handler
    /// chain holds our RetryingHandler and its own timeout is infinite (the per-attempt timeout lives in the handler).
    /// Giving the transport a bare handler would wrap it in an HttpClient with the 100 s default timeout.
    /// </summary>
    public static void UseSharedPolicy(ClientOptions options, HttpClient http, StoreHttp policy)
    {
        options.Transport = new HttpClientTransport(http);

        // StoreHttp already retries 429 (honouring Retry-After), 5xx and connection failures with jittered backoff;
        // the SDK's own retries on top would multiply the attempts (and the wait) by its own count.
        options.Retry.MaxRetries = 0;

        // Azure.Identity replaces Retry for its managed-identity probe of IMDS (6 tries of 1 s and backoff, 30 s when
        // IMDS never answers); an explicit retry policy is the one it keeps.
        options.RetryPolicy = new RetryPolicy(maxRetries: 0);

        // The SDK's network timeout spans one pipeline attempt, which here contains all of our retries, and the
        // reading of the body, which our handler may leave to the SDK: a server that stalls after its headers must
        // still end. So it is the longest our chain can take, never infinite.
        options.Retry.NetworkTimeout = ChainBudget(policy);
    }

    /// <summary>
    /// The longest one request may take through the shared policy: every try timing out, and between tries the
    /// longest wait the policy allows (a Retry-After, capped at 2 minutes; backoff is at most 10 s).
    /// </summary>
    public static TimeSpan ChainBudget(StoreHttp policy) =>
        policy.Timeout * (policy.Retries + 1) + MaxWaitBetweenTries * policy.Retries;

    public static bool IsAzureVaultHost(Uri vault) =>
        AzureVaultSuffixes.Any(suffix => vault.Host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
}
