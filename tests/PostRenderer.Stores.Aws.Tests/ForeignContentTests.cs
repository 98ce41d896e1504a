using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// The shared foreign-content scenario (<see cref="ForeignContentScenarios{TStore}"/>) against AWS Secrets Manager.
/// </summary>
public sealed class ForeignContentTests : ForeignContentScenarios<AwsUnderTest>;
