using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Configuration;

/// <summary>
/// A key rule with an <c>entry</c> and no <c>property</c> asks for an entry holding that key's raw value. Where the
/// rule's store cannot hold one, that is a configuration error, found before anything is rendered or written.
/// </summary>
internal static class RawValueRules
{
    public static void Check(Settings settings)
    {
        foreach (var (rule, index) in settings.Secrets.Select((rule, index) => (rule, index)))
        {
            if (rule.Exclude || rule.Keys.Count == 0)
            {
                continue;
            }

            var store = StoreOf(rule, settings);
            if (store.JenkinsXLayout || store.Definition.HoldsPlainValues)
            {
                continue;
            }

            if (rule.Keys.FirstOrDefault(key => key.Entry is not null && key.Property is null) is { } raw)
            {
                throw new ConfigurationException(
                    $"setting 'secrets[{index}].keys' (rule '{rule.NamePattern}'): key '{raw.Name}' has entry '{raw.Entry}' but no 'property', which asks for a raw value; "
                    + $"a {store.Definition.Name} entry is a map of properties (ESO reads it without a property as the whole map), so give the key a 'property'");
            }
        }
    }

    private static StoreSettings StoreOf(SecretRule rule, Settings settings) =>
        rule.Store is { } name ? settings.Stores[Settings.StoreKey(name)]
        : rule.Backend is { } backend ? settings.ImplicitStore(backend)
        : settings.DefaultStore;
}
