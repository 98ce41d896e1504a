using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Population;

/// <summary>Whatever a store throws, the run ends with one classified failure, never an AggregateException.</summary>
public sealed class PopulationRunFailureTests
{
    [Fact]
    public void A_wrapped_network_failure_is_a_store_error_in_words_naming_the_entry()
    {
        var thrown = new AggregateException("AggregateException_ctor_DefaultMessage",
            new HttpRequestException(HttpRequestError.ProxyTunnelError, "net_http_proxy_tunnel_returned_failure_status_code", null, System.Net.HttpStatusCode.BadGateway));

        var error = Assert.IsType<StoreException>(Run(thrown));

        Assert.Equal(ExitCodes.Failure, error.ExitCode);
        Assert.StartsWith("file entry 'default/db-secret': the HTTP proxy refused to open a tunnel", error.Message, StringComparison.Ordinal);
        Assert.Contains("(HTTP 502)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("_ctor_", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("net_http", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_error_inside_a_store_keeps_its_exit_code()
    {
        var error = Run(new AggregateException(new ConfigurationException("failing: no credentials found; tried A, B")));

        var configuration = Assert.IsType<ConfigurationException>(error);
        Assert.Equal(ExitCodes.BadInput, configuration.ExitCode);
    }

    [Fact]
    public void An_sdk_timeout_is_a_store_error_that_says_timed_out()
    {
        var error = Assert.IsType<StoreException>(Run(new TaskCanceledException("A task was canceled.")));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bug_stays_a_bug_but_is_not_wrapped()
    {
        Assert.IsType<InvalidOperationException>(Run(new AggregateException(new InvalidOperationException("broken invariant"))));
    }

    private static Exception Run(Exception thrown)
    {
        var settings = new Settings { Populate = new PopulationSettings { Concurrency = 2, Timeout = TimeSpan.FromSeconds(5), Retries = 0 } };
        using var run = new PopulationRun(
            new StoreContext(settings, new Dictionary<string, string>(), new StoreHttp(settings.Populate)),
            new Dictionary<Backend, ISecretStoreFactory> { [Backend.File] = new FailingStoreFactory(thrown) },
            new MessageLog(TextWriter.Null, null));
        run.Submit(Plan("db-secret"));
        return Assert.ThrowsAny<Exception>(() => run.Complete());
    }

    private static SecretPlan Plan(string name)
    {
        var secret = new MappingNode()
            .Add("apiVersion", "v1").Add("kind", "Secret")
            .Add("metadata", new MappingNode().Add("name", name))
            .Add("stringData", new MappingNode().Add("k", "value-of-" + name));
        var location = new DocumentLocation(1, 1, "Secret", name);
        return new SecretPlanner(new Settings(), new EntryNames(), new PostRenderer.Core.Diagnostics.MessageLog(TextWriter.Null, null)).Plan(SecretDocument.Read(secret, location), null, location);
    }

    private sealed class FailingStoreFactory(Exception thrown) : ISecretStoreFactory
    {
        public Backend Backend => Backend.File;

        public ISecretStore Create(StoreContext context) => new FailingStore(thrown);
    }

    private sealed class FailingStore(Exception thrown) : ISecretStore
    {
        public string Name => "failing";

        public bool HasCompareAndSet => true;

        public Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken) => Task.FromException<StoreEntry?>(thrown);

        public Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken) =>
            Task.FromException<bool>(thrown);

        public void Dispose()
        {
        }
    }
}
