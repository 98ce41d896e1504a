using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// The shared foreign-content scenario (<see cref="ForeignContentScenarios{TStore}"/>) against Azure Key Vault.
/// </summary>
public sealed class ForeignContentTests : ForeignContentScenarios<AzureUnderTest>;
