using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Gcp.Tests;

/// <summary>
/// A test class against GCP: a fake Secret Manager and the service account key it trusts, started for each test
/// (<see cref="GcpUnderTest"/>).
/// </summary>
public abstract class AgainstGcp : StoreTests<GcpUnderTest>
{
    private protected GcpStoreHarness Harness => Target.Harness;

    private protected FakeSecretManager Fake => Target.Fake;
}
