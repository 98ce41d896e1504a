using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>Issues 6 and 18 for AWS: the shared fault scenarios (<see cref="FaultScenarios{TStore}"/>).</summary>
public sealed class HealAfterFaultTests : FaultScenarios<AwsUnderTest>;
