using PostRenderer.Core.Configuration;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// What <see cref="FaultScenarios{TStore}"/> needs from one store: its fake, started and stopped with each
/// test, the fake's controls, and a real client pointed at it.
/// </summary>
public interface IFaultableStore : IAsyncLifetime
{
    /// <summary>The faults the fake can inject (<see cref="StoreFaults"/>); each is one case of the scenario.</summary>
    static abstract IReadOnlyList<string> Faults { get; }

    /// <summary>The store's spelling of entry <paramref name="index"/> (not every store allows '/').</summary>
    string Entry(int index);

    /// <summary>Puts one property straight into the fake, as if written before the run.</summary>
    void Seed(string entry, string key, string value);

    /// <summary>A client of the real SDK; the scenario disposes it.</summary>
    ISecretStore CreateStore(PopulationSettings settings);

    void Inject(string fault);

    /// <summary>From now on the fake's answers send their headers and the start of a body, then nothing (<see cref="StalledAnswer"/>).</summary>
    void StallAfterHeaders();

    void Heal();

    int VersionCount(string entry);

    /// <summary>The entry's current properties as the fake holds them; null when it has none.</summary>
    IReadOnlyDictionary<string, string>? Current(string entry);

    /// <summary>Where the fake listens (https for a fake that speaks TLS).</summary>
    Uri FakeAddress { get; }

    /// <summary>A secret of the credentials the store signs in with, which no failure may show.</summary>
    string CredentialSecret { get; }

    /// <summary>Requests that reached the fake's HTTP handling (past TLS).</summary>
    int RequestsReceived { get; }

    /// <summary>
    /// A client of the real SDK aimed at <paramref name="address"/> instead of the fake (its port on 127.0.0.1, over TLS
    /// for https, validating certificates as by default); the scenario disposes it.
    /// </summary>
    ISecretStore CreateStoreAt(Uri address, PopulationSettings settings);

    /// <summary>How a failure to reach <paramref name="address"/> names it: the store's URL for that address.</summary>
    string NameOf(Uri address) => address.GetLeftPart(UriPartial.Authority);
}
