using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// Issue 6, the same for every store: a population that a fault stops half-way is completed by a re-run once the
/// fault heals, with nothing lost and nothing duplicated. The product's <see cref="Populator"/> fills six entries;
/// after three the fault starts and the fourth fails with a <see cref="StoreException"/> naming it (and no value);
/// the re-run writes only what is missing, never replaces the value that was in the store before, and adds no
/// version to the entries already complete. And the faults that do not heal by waiting end as a store failure in
/// time and in words: a store slower than the timeout, a refused connection, a TLS handshake that fails.
/// Each store's test project derives one class from this, naming its adapter; xunit runs the scenario once per
/// fault the adapter lists, under that class's name.
/// </summary>
public abstract class FaultScenarios<TStore> : StoreTests<TStore>
    where TStore : IFaultableStore, new()
{
    private const int Entries = 6;
    private const string KeptValue = "kept-original-value";

    /// <summary>
    /// Healthy phases get a generous timeout, so that a slow first request on a loaded machine (token, JIT, server
    /// warm-up) is not retried into an extra version; only the fault phase uses <see cref="Impatient"/>.
    /// </summary>
    private static readonly PopulationSettings Healthy = new() { Timeout = TimeSpan.FromSeconds(30), Retries = 1 };

    /// <summary>The settings of the client that meets the fault.</summary>
    private static readonly PopulationSettings Impatient = new() { Timeout = TimeSpan.FromMilliseconds(500), Retries = 1 };

    /// <summary>The settings of a client that cannot reach the store: nothing to wait for, nothing to retry.</summary>
    private static readonly PopulationSettings OneAttempt = new() { Timeout = TimeSpan.FromSeconds(5), Retries = 0 };

    /// <summary>The scenario's cases: the faults this store's adapter injects.</summary>
    [SuppressMessage("Design", "CA1000", Justification = "xunit's MemberData reads a theory's cases from a static member; here they depend on TStore.")]
    public static TheoryData<string> Faults() => [.. TStore.Faults];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_rerun_after_the_fault_heals_completes_the_population_with_nothing_lost_or_duplicated(string fault)
    {
        Target.Seed(Target.Entry(0), "k1", KeptValue);
        using var store = Target.CreateStore(Healthy);
        var populator = new Populator(store, Healthy);
        using var impatientStore = Target.CreateStore(Impatient);
        for (var i = 0; i < 3; i++)
        {
            await populator.PopulateAsync(Request(i), default);
        }

        Target.Inject(fault);
        var error = await Assert.ThrowsAsync<StoreException>(() => FailingStep(fault, impatientStore, Request(3)));
        var mayHaveApplied = fault == StoreFaults.LostAnswer;
        Assert.True(error.Entry == Target.Entry(3) || (mayHaveApplied && error.Entry is null), error.Message);
        Assert.DoesNotContain("heal-value", error.Message, StringComparison.Ordinal);

        Target.Heal();
        var versionsBefore = Enumerable.Range(0, 4).Select(i => Target.VersionCount(Target.Entry(i))).ToList();
        Assert.True(mayHaveApplied || versionsBefore[3] == 0, $"the failed write left {versionsBefore[3]} versions of the fourth entry");
        for (var i = 0; i < Entries; i++)
        {
            var outcome = await populator.PopulateAsync(Request(i), default);
            Assert.Equal(i < 3 || (i == 3 && versionsBefore[3] > 0) ? [] : ["k1", "k2", "k3"], outcome.Added);
        }

        Assert.Equal(versionsBefore.Take(3), Enumerable.Range(0, 3).Select(i => Target.VersionCount(Target.Entry(i))));
        for (var i = 0; i < Entries; i++)
        {
            var expected = Request(i).Values.ToDictionary();
            if (i == 0)
            {
                expected["k1"] = KeptValue;
            }

            Assert.Equal(expected, Target.Current(Target.Entry(i)));
            Assert.Equal(i == 0 ? 2 : 1, Target.VersionCount(Target.Entry(i)));
        }
    }

    /// <summary>
    /// Every store's deadline covers the whole answer: a store slower than the timeout ends the population after the
    /// attempts (here 2 x 300 ms and a backoff, well before the fake's 5 s delay), and the failure names the entry and
    /// the timeout.
    /// </summary>
    [Fact]
    public async Task An_answer_slower_than_the_timeout_fails_the_population_on_time_naming_the_entry_and_the_timeout()
    {
        var settings = new PopulationSettings { Timeout = TimeSpan.FromMilliseconds(300), Retries = 1 };
        using var store = Target.CreateStore(settings);
        Target.Inject(StoreFaults.SlowAnswers);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => new Populator(store, settings).PopulateAsync(Request(0), default));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.Equal(Target.Entry(0), error.Entry);
        Assert.Contains("no answer from", error.Message, StringComparison.Ordinal);
        Assert.Contains("within 0.3s", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("heal-value", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The deadline covers the body too: a store that sends its headers and then stalls ends the population after
    /// the attempts (here 2 x 500 ms and a backoff), naming the entry; the client cuts the wait, the fake never ends it.
    /// </summary>
    [Fact]
    public async Task An_answer_that_stalls_after_its_headers_ends_the_population_on_time_naming_the_entry()
    {
        var settings = new PopulationSettings { Timeout = TimeSpan.FromMilliseconds(500), Retries = 1 };
        Target.Seed(Target.Entry(0), "k1", KeptValue);
        using var store = Target.CreateStore(settings);
        // Credentials, TLS and JIT out of the way, so that both attempts meet the stall and nothing else.
        await store.ReadAsync(Target.Entry(1), default);
        var requestsBefore = Target.RequestsReceived;
        Target.StallAfterHeaders();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            new Populator(store, settings).PopulateAsync(Request(0), default).WaitAsync(TimeSpan.FromSeconds(10)));

        // 2 attempts x 0.5 s + one backoff of at most 0.2 s; the rest is margin for a loaded machine.
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(4));
        // The stalled fake was asked, at most twice. Under load the Parameter Store's fake once counted 4 and 6: the
        // AWS SDK took the cut connection for a stale one and ran both attempts again (01014cf turned that off). At
        // least once, not exactly twice: the client may give up on an attempt before the in-process fake reads it.
        Assert.InRange(Target.RequestsReceived - requestsBefore, 1, 2);
        Assert.Equal(Target.Entry(0), error.Entry);
        Assert.Equal(ExitCodes.Failure, error.ExitCode);
        // "no complete answer" when the headers came in time and the body did not; on a busy machine the headers
        // themselves may miss 0.5 s ("no answer"). Either way the deadline cut it, and said so.
        Assert.Matches($@"no (complete )?answer from {Regex.Escape(Target.NameOf(Target.FakeAddress))} within 0\.5s: timed out", error.Message);
        Assert.Contains("(tried 2 times)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("heal-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_refused_is_a_store_exception_naming_the_address_and_no_secret()
    {
        var closed = new Uri($"http://127.0.0.1:{ClosedPort.Find()}/");
        using var store = Target.CreateStoreAt(closed, OneAttempt);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync(Target.Entry(0), default));

        Assert.Contains("cannot reach " + Target.NameOf(closed), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Target.CredentialSecret, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A store that resets every connection is tried as often as the settings allow and no more, then fails naming
    /// the address. No library above the shared pipeline may add tries of its own: the AWS SDK retried what it takes
    /// for "stale connections" up to 10 more times a call, each with all of the pipeline's tries and deadlines.
    /// </summary>
    [Fact]
    public async Task A_store_that_resets_every_connection_is_tried_retries_plus_one_times_and_no_more()
    {
        using var resetting = new ResettingServer();
        var settings = new PopulationSettings { Timeout = TimeSpan.FromSeconds(5), Retries = 2 };
        using var store = Target.CreateStoreAt(resetting.Address, settings);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync(Target.Entry(0), default).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("cannot reach " + Target.NameOf(resetting.Address), error.Message, StringComparison.Ordinal);
        Assert.Contains("(tried 3 times)", error.Message, StringComparison.Ordinal);
        // Each of the 3 tries is one connection, or up to 4 where .NET's pool sends the request again by itself (it
        // does so for a request without a body, within the try's deadline). More means a library above the pipeline
        // tried again: the AWS SDK made it 33.
        Assert.InRange(resetting.Connections, 3, 3 * 4);
        Assert.DoesNotContain(Target.CredentialSecret, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A client that does not trust what the fake's port speaks (plain HTTP, or a self-signed certificate).</summary>
    [Fact]
    public async Task A_tls_failure_is_a_store_exception_and_nothing_is_sent()
    {
        var https = new UriBuilder(Target.FakeAddress) { Scheme = Uri.UriSchemeHttps }.Uri;
        using var store = Target.CreateStoreAt(https, OneAttempt);

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            store.TryWriteAsync(Target.Entry(0), new Dictionary<string, string> { ["k"] = "tls-secret-value" }, null, default));

        Assert.Contains("cannot reach " + Target.NameOf(https), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tls-secret-value", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Target.CredentialSecret, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, Target.RequestsReceived);
    }

    /// <summary>
    /// What fails under the fault: the populator filling the fourth entry; for a lost answer, the write the
    /// populator makes after reading nothing, whose answer is then lost.
    /// </summary>
    private static Task FailingStep(string fault, ISecretStore store, EntryRequest request) =>
        fault == StoreFaults.LostAnswer
            ? store.TryWriteAsync(request.Entry, request.Values, null, default)
            : new Populator(store, Impatient).PopulateAsync(request, default);

    private EntryRequest Request(int i) => new(Target.Entry(i),
        new Dictionary<string, string> { ["k1"] = $"heal-value-{i}-1", ["k2"] = $"heal-value-{i}-2", ["k3"] = $"heal-value-{i}-3" }, $"document {i + 1}");
}
