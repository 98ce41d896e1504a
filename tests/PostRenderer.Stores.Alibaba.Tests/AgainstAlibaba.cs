using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// A test class against Alibaba Cloud KMS: a fake that knows one AccessKey, started for each test
/// (<see cref="AlibabaUnderTest"/>), and the harness that makes stores against it.
/// </summary>
public abstract class AgainstAlibaba : StoreTests<AlibabaUnderTest>
{
    private protected AlibabaHarness Harness => Target.Harness;

    private protected FakeAlibabaKms Fake => Target.Fake;
}
