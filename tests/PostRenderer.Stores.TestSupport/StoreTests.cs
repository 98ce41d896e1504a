namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// A test class against one store: <typeparamref name="TStore"/> (the store's fake and the clients made against it,
/// one per store test project) is started before each test and stopped after it, as xunit makes a new instance of the
/// class per test. The shared scenarios derive from it, and so do the store tests that need nothing else.
/// </summary>
public abstract class StoreTests<TStore> : IAsyncLifetime
    where TStore : IAsyncLifetime, new()
{
    /// <summary>The store under test: its fake, started for this test, and clients pointed at it.</summary>
    protected TStore Target { get; } = new();

    public Task InitializeAsync() => Target.InitializeAsync();

    public Task DisposeAsync() => Target.DisposeAsync();
}
