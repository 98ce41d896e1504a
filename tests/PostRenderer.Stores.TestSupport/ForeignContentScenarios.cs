using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using PostRenderer.Core.Errors;
using PostRenderer.Stores.TestSupport.Population;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// The same for every store: an entry whose content is not a JSON object of strings (text, an array, a string, a
/// property that is not a string) stops its population with a store failure that names the entry and says, in the
/// store's words, what the entry holds; it quotes none of the content and writes nothing over it. Each store's test
/// project derives one class from this, naming its adapter; xunit runs the scenario once per kind the adapter lists.
/// </summary>
public abstract class ForeignContentScenarios<TStore> : StoreTests<TStore>
    where TStore : IForeignContentStore, new()
{
    /// <summary>Held in every kind of content; no refusal may quote it.</summary>
    private const string Secret = "foreign-secret-value";

    /// <summary>The number of <see cref="ForeignContent.NumberProperty"/>, which no refusal may quote either.</summary>
    private const string Number = "5432";

    /// <summary>The scenario's cases: the kinds of content this store's entries can hold.</summary>
    [SuppressMessage("Design", "CA1000", Justification = "xunit's MemberData reads a theory's cases from a static member; here they depend on TStore.")]
    public static TheoryData<ForeignContent> Contents() => [.. TStore.Refusals.Keys];

    [Theory]
    [MemberData(nameof(Contents))]
    public async Task Content_that_is_not_a_json_object_of_strings_is_refused_without_quoting_it_or_writing(ForeignContent kind)
    {
        var entry = Target.Entry(0);
        var content = Content(kind);
        Target.SeedContent(entry, content);
        using var store = Target.CreateStore(StoreTestDefaults.Fast);

        var error = await Assert.ThrowsAsync<StoreException>(() =>
            EntryPopulation.AddMissingAsync(store, entry, StoreTestDefaults.Properties(("k", "added-value"))));

        Assert.Equal(entry, error.Entry);
        Assert.StartsWith($"{store.Name} entry '{entry}': {TStore.Refusals[kind]}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Number, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(content)), error.ToString(), StringComparison.Ordinal);
        Assert.All(Target.Credentials, credential => Assert.DoesNotContain(credential, error.ToString(), StringComparison.Ordinal));
        // A JsonException's message may quote the text it could not read.
        for (var cause = error.InnerException; cause is not null; cause = cause.InnerException)
        {
            Assert.IsNotAssignableFrom<JsonException>(cause);
        }

        Assert.Equal(1, Target.VersionCount(entry));
    }

    private static string Content(ForeignContent kind) => kind switch
    {
        ForeignContent.TextThatIsNotJson => $"password={Secret}",
        ForeignContent.JsonArray => $"""["{Secret}"]""",
        ForeignContent.JsonString => $"\"{Secret}\"",
        ForeignContent.NumberProperty => $$"""{"password":"{{Secret}}","port":{{Number}}}""",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of foreign content"),
    };
}
