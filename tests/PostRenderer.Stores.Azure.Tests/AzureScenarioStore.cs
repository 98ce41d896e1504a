using PostRenderer.Core.Population;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Azure for the shared scenarios (<see cref="RawValueScenarios{TStore}"/>): a fake vault, and stores (the real SDK
/// client) pointed at it.
/// </summary>
public sealed class AzureScenarioStore : KeyVaultTestbed, IRawValueStore
{
    public string Entry => "shop-api-token";

    // 4,300 'é' are 4,300 characters but 25,800 as sent (\u00e9 each).
    public (string Value, string Refusal) OverLimit => (new string('é', 4_300), "raw value takes 25,800 characters");

    public int WriteRequests => Vault.Log.Count(request => request.StartsWith("PUT ", StringComparison.Ordinal));

    public ISecretStore CreateStore() => CreateStore(population: null);

    public void Seed(string entry, string value) => Vault.Seed(entry, value, contentType: null);

    public string? Current(string entry) => Vault.Latest(entry)?.Value;

    public int VersionCount(string entry) => Vault.VersionCount(entry);

    public void FailNextRequests(int count) => Vault.FailNext(count, 503);
}
