using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.Vault.Tests;

public sealed class ContentTests : AgainstVault
{
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
