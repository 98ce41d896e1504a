using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

public sealed class ContentTests : AgainstVault
{
    [Theory]
    [InlineData("\"hunter2-plain-text\"", "a JSON string")]
    [InlineData("[\"hunter2-in-array\"]", "a JSON array")]
    public async Task Entry_data_that_is_not_an_object_is_refused_without_quoting_it(string raw, string described)
    {
        Fake.Secret.SetRaw("app", raw);
        using var store = VaultStores.Create(Fake);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Equal("app", error.Entry);
        Assert.Contains($"is {described}, not a JSON object of strings", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_property_that_is_not_a_string_is_refused_by_name()
    {
        Fake.Secret.SetRaw("app", """{"ok":"hunter2","port":8080}""");
        using var store = VaultStores.Create(Fake);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("property 'port' is a number, not a string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("8080", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_json_answer_is_a_clear_error()
    {
        Fake.AnswerHtml = true;
        using var store = VaultStores.Create(Fake, new VaultSettings { KvVersion = 2 });

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("VAULT_ADDR", error.Message, StringComparison.Ordinal);
    }
}
