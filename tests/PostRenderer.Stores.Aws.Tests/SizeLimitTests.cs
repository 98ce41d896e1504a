using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>Issue 18 item 12: a SecretString over 65,536 bytes is refused before any write, naming the entry, size and limit.</summary>
public sealed class SizeLimitTests : AgainstAws
{
    [Fact]
    public async Task An_entry_over_the_limit_is_refused_before_any_request()
    {
        // {"k":"..."} is 8 bytes around the value; "é" is 2 bytes in UTF-8.
        var error = await Assert.ThrowsAsync<StoreException>(() => Store.TryWriteAsync("ns/big", Properties(("k", new string('é', 32_765))), null, default));

        Assert.Equal("ns/big", error.Entry);
        Assert.Contains("65,538 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 65,536 bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Operations);
    }

    [Fact]
    public async Task An_entry_exactly_at_the_limit_is_written()
    {
        Assert.True(await Store.TryWriteAsync("ns/full", Properties(("k", new string('a', 65_528))), null, default));

        Assert.Equal(65_536, Server.Secrets.CurrentString("ns/full")!.Length);
    }
}
