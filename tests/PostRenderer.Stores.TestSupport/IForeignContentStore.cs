namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// What <see cref="ForeignContentScenarios{TStore}"/> needs from one store beside <see cref="IFaultableStore"/>: a way
/// to put any text in an entry, and the store's own words for refusing each kind of <see cref="ForeignContent"/>.
/// </summary>
public interface IForeignContentStore : IFaultableStore
{
    /// <summary>
    /// How the store's refusal of each kind of content its entries can hold begins, after "store entry 'name': ", in
    /// the store's own words; its kinds are the scenario's cases.
    /// </summary>
    static abstract IReadOnlyDictionary<ForeignContent, string> Refusals { get; }

    /// <summary>Stores <paramref name="content"/> as the entry's current content, as another tool would.</summary>
    void SeedContent(string entry, string content);

    /// <summary>What of the store's credentials no error may show.</summary>
    IReadOnlyList<string> Credentials => [CredentialSecret];
}
