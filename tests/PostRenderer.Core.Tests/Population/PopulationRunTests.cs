using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Population;

public sealed class PopulationRunTests
{
    [Fact]
    public void Disposing_a_failed_run_waits_for_the_writes_in_flight()
    {
        var store = new SlowStore();
        var settings = new Settings { Populate = new PopulationSettings { Concurrency = 4, Timeout = TimeSpan.FromSeconds(5), Retries = 0 } };
        var run = new PopulationRun(new StoreContext(settings, new Dictionary<string, string>(), new StoreHttp(settings.Populate)), new Dictionary<Backend, ISecretStoreFactory> { [Backend.File] = new SlowStoreFactory(store) }, new MessageLog(TextWriter.Null, null));

        run.Submit(Plan("first"));
        run.Dispose(); // what RenderRunner does when a later document is bad

        Assert.Equal(1, store.CompletedWrites);
        Assert.False(store.WasDisposedDuringWrite);
    }

    private static SecretPlan Plan(string name)
    {
        var secret = new MappingNode()
            .Add("apiVersion", "v1").Add("kind", "Secret")
            .Add("metadata", new MappingNode().Add("name", name))
            .Add("stringData", new MappingNode().Add("k", "value-of-" + name));
        var location = new DocumentLocation(1, 1, "Secret", name);
        var settings = new Settings();
        return new SecretPlanner(settings, new EntryNames(), new PostRenderer.Core.Diagnostics.MessageLog(TextWriter.Null, null)).Plan(SecretDocument.Read(secret, location), null, location);
    }

    private sealed class SlowStoreFactory(SlowStore store) : ISecretStoreFactory
    {
        public Backend Backend => Backend.File;

        public ISecretStore Create(StoreContext context) => store;
    }

    private sealed class SlowStore : ISecretStore
    {
        private volatile bool writing;
        private volatile bool disposed;

        public int CompletedWrites { get; private set; }

        public bool WasDisposedDuringWrite { get; private set; }

        public string Name => "slow";

        public bool HasCompareAndSet => true;

        public Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken) => Task.FromResult<StoreEntry?>(null);

        public async Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
        {
            writing = true;
            await Task.Delay(300, CancellationToken.None);
            WasDisposedDuringWrite |= disposed;
            CompletedWrites++;
            writing = false;
            return true;
        }

        public void Dispose()
        {
            disposed = true;
            WasDisposedDuringWrite |= writing;
        }
    }
}
