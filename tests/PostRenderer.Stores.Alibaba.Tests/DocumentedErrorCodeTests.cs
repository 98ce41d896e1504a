using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>
/// The error codes KMS's API reference gives for CreateSecret (404 Forbidden.ResourceNotFound, 409
/// Rejected.ResourceExist, 409 Rejected.ResourceInDeleteWindow, 429 Rejected.Throttling), answered by the fake with
/// those statuses, lead to the documented behaviour.
/// </summary>
public sealed class DocumentedErrorCodeTests : AgainstAlibaba
{
    [Fact]
    public async Task A_create_refused_because_the_name_is_in_its_delete_window_says_so_with_the_planned_time()
    {
        Fake.Seed("gone", """{"k":"v"}""");
        Fake.ScheduleDeletion("gone");

        var error = await Assert.ThrowsAsync<StoreException>(() => Harness.CreateStore().TryWriteAsync("gone", new Dictionary<string, string> { ["k"] = "v" }, null, default));

        Assert.Equal("gone", error.Entry);
        Assert.Matches(@"is scheduled for deletion \(at \d{4}-\d\d-\d\dT", error.Message);
        Assert.Contains("kms:RestoreSecret", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Fake.Calls("CreateSecret"));
        Assert.Equal(0, Fake.Calls("GetSecretValue"));
    }

    [Fact]
    public async Task A_create_refused_with_409_resource_exist_is_another_writers_create_not_an_error()
    {
        Fake.Seed("db", """{"k":"theirs"}""");

        Assert.False(await Harness.CreateStore().TryWriteAsync("db", new Dictionary<string, string> { ["k"] = "ours" }, null, default));

        Assert.Equal("theirs", Fake.CurrentProperties("db")!["k"]);
    }

    [Fact]
    public async Task Kms_own_429_rejected_throttling_is_retried_and_then_named_as_throttling()
    {
        Fake.RejectForQps = true;

        var error = await Assert.ThrowsAsync<StoreException>(() => Harness.CreateStore(retries: 1).ReadAsync("db", default));

        Assert.Contains("Rejected.Throttling (HTTP 429)", error.Message, StringComparison.Ordinal);
        Assert.Contains("lower --concurrency", error.Message, StringComparison.Ordinal);
        Assert.True(Fake.Calls("GetSecretValue") >= 2, $"{Fake.Calls("GetSecretValue")} attempts");
    }

    [Theory]
    [InlineData("Rejected.Throttling", true)]
    [InlineData("Throttling.User", true)]
    [InlineData("Rejected.ResourceExist", false)]
    public void Throttling_codes_include_kms_own(string code, bool throttling) =>
        Assert.Equal(throttling, new KmsError(429, code, null, null).IsThrottling);
}
