using PostRenderer.Core.Population;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// What <see cref="RawValueScenarios{TStore}"/> needs from one store: its fake, started and stopped with each test, its
/// controls, and a real client pointed at it.
/// </summary>
public interface IRawValueStore : IAsyncLifetime
{
    /// <summary>The store's spelling of the entry the scenarios fill (not every store allows '/').</summary>
    string Entry { get; }

    /// <summary>A value just over the store's limit for a raw value, and the words its refusal must contain.</summary>
    (string Value, string Refusal) OverLimit { get; }

    /// <summary>How many write requests (creates, new versions) the fake has received.</summary>
    int WriteRequests { get; }

    /// <summary>A client made by the store's real factory, as the CLI makes it; the scenario disposes it.</summary>
    ISecretStore CreateStore();

    /// <summary>Stores <paramref name="value"/> as the entry's new current content, as another writer would.</summary>
    void Seed(string entry, string value);

    /// <summary>The entry's current content as the fake holds it; null when it does not exist.</summary>
    string? Current(string entry);

    int VersionCount(string entry);

    /// <summary>The next <paramref name="count"/> requests fail with a server error, before doing anything.</summary>
    void FailNextRequests(int count);
}
