using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Azure.Tests;

/// <summary>
/// Issue 18 item 12: a value over Key Vault's 25,600 characters, counted after the JSON encoding the tool sends (which
/// escapes non-ASCII characters as \uXXXX), is refused before any request.
/// </summary>
public sealed class SizeLimitTests : KeyVaultTestbed
{
    [Fact]
    public async Task An_entry_over_the_limit_after_json_escaping_is_refused_before_any_request()
    {
        using var store = CreateStore();

        // 4,300 characters, but 25,808 once each "ü" is written as \u00FC.
        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("default-big", Properties(("k", new string('ü', 4_300))), null, CancellationToken.None));

        Assert.Equal("default-big", error.Entry);
        Assert.Contains("25,808 characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 25,600 characters", error.Message, StringComparison.Ordinal);
        Assert.Empty(Vault.Log);
    }

    [Fact]
    public async Task An_entry_exactly_at_the_limit_is_written()
    {
        using var store = CreateStore();

        Assert.True(await store.TryWriteAsync("default-full", Properties(("k", new string('a', 25_592))), null, CancellationToken.None));

        Assert.Equal(25_600, Vault.Latest("default-full")!.Value.Length);
    }
}
