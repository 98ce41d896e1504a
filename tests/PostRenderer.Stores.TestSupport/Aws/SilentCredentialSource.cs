using System.Diagnostics;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.Aws;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>
/// Issue 18 item 2 for AWS: a credential source that never answers (a <see cref="SilentServer"/> where the default
/// chain, or the store's own STS client, looks for credentials) ends the store's first request within its timeout x
/// tries plus slack, instead of the SDK's own timeouts (100 s a try), and no request reaches Secrets Manager.
/// </summary>
internal static class SilentCredentialSource
{
    public static readonly PopulationSettings Impatient = new() { Timeout = TimeSpan.FromSeconds(1), Retries = 1 };

    /// <summary>Two tries of 1 s, the SDK's backoff and a loaded machine's slack.</summary>
    private static readonly TimeSpan Bound = (Impatient.Timeout * (Impatient.Retries + 1)) + TimeSpan.FromSeconds(3);

    /// <summary>
    /// Reads an entry with a store made from <paramref name="environment"/> (and <paramref name="aws"/>) and returns the
    /// failure, having checked that it came in time and that Secrets Manager saw nothing.
    /// </summary>
    public static async Task<UserException> AssertReadFailsInTimeAsync(FakeAwsServer server, IReadOnlyDictionary<string, string> environment, AwsSettings? aws = null)
    {
        using var store = Create(environment, aws, Impatient);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<UserException>(() => store.ReadAsync("ns/app", default));
        var failedAfter = clock.Elapsed;

        Assert.True(failedAfter < Bound, $"took {failedAfter}: {error}");
        Assert.Equal(0, server.Requests);
        return error;
    }

    /// <summary>
    /// As <see cref="AssertReadFailsInTimeAsync"/>, and the SDK's own tries at <paramref name="silent"/> end too: as many
    /// as the store allows, and no more once its deadline has passed. The failure names AWS credentials, and
    /// <paramref name="neverShown"/> (what the source would have been asked with) is nowhere in it.
    /// </summary>
    public static async Task<UserException> AssertCutAtTheStoresTimeoutAndTriesAsync(
        FakeAwsServer server, SilentServer silent, IReadOnlyDictionary<string, string> environment, string neverShown)
    {
        var error = await AssertReadFailsInTimeAsync(server, environment);
        Assert.Contains("AWS credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(neverShown, error.ToString(), StringComparison.Ordinal);

        // At least the SDK's own tries (one alone means its client still waits on the first, 100 s by default), at
        // most those of each store try that began before the deadline (CI once saw 3 on a loaded machine), and none
        // after the deadline.
        await Task.Delay(Impatient.Timeout * 2);
        var tries = Impatient.Retries + 1;
        var seen = silent.Connections;
        Assert.InRange(seen, tries, tries * tries);
        await Task.Delay(Impatient.Timeout * 2);
        Assert.Equal(seen, silent.Connections);
        return error;
    }
}
