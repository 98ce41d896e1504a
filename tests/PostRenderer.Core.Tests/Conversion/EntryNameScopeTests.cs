using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Tests.Conversion;

/// <summary>
/// Issue 19 item 2: entry-name collisions are per store, not per backend. Two Key Vaults each have their own names,
/// so 'ns/a.b' in one and 'ns/a_b' in the other (both 'ns-a-b') do not collide; in one store they still do.
/// </summary>
public sealed class EntryNameScopeTests
{
    private static readonly DocumentLocation Where = new(3, 10, "Secret", "db");

    private static readonly StoreSettings Payments = new() { Name = "payments-kv", Definition = TestStores.Of(Backend.Azure) };

    private static readonly StoreSettings Platform = new() { Name = "platform-kv", Definition = TestStores.Of(Backend.Azure) };

    [Fact]
    public void Names_that_become_one_in_different_stores_of_one_backend_are_fine()
    {
        var names = new EntryNames();

        Assert.Equal("ns-a-b", names.Make(Payments, "ns/a.b", Where));
        Assert.Equal("ns-a-b", names.Make(Platform, "ns/a_b", Where));
        Assert.Equal("ns-a-b", names.Make(TestStores.Of(Backend.Azure), "ns/a-b", Where)); // the implicit store is a third one
    }

    [Fact]
    public void Names_that_become_one_in_one_store_are_still_an_error_naming_the_store()
    {
        var names = new EntryNames();
        names.Make(Payments, "ns/a.b", Where);

        var error = Assert.Throws<DocumentException>(() => names.Make(Payments with { Name = "Payments_KV" }, "ns/A_b", Where));

        Assert.Contains("both become 'ns-A-b' in store 'Payments_KV'", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void The_implicit_store_of_a_backend_is_one_store_whichever_rule_reaches_it()
    {
        var names = new EntryNames();
        names.Make(new StoreSettings { Name = "azure", Implicit = true, Definition = TestStores.Of(Backend.Azure) }, "ns/a.b", Where);

        var error = Assert.Throws<DocumentException>(() => names.Make(TestStores.Of(Backend.Azure), "ns/a_b", Where));

        Assert.Contains("in the azure store", error.Message, StringComparison.Ordinal);
    }
}
