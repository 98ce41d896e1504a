using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Conversion;

/// <summary>Applies the settings and the first matching rule to a Secret: store, entry names, properties.</summary>
internal sealed class SecretPlanner(Settings settings, EntryNames entryNames, IReporter reporter)
{
    private const string FallbackNamespaceWarning = "namespace-fallback";

    // Made once: a planner serves one thread, and a store per Secret would cost an allocation each.
    private readonly Dictionary<Backend, StoreSettings> implicitStores = [];

    public StoreSettings DefaultStore { get; } = settings.DefaultStore;

    /// <summary>
    /// The namespace of a Secret's entries: its own, else the one given. When none was given either, entries fall
    /// back to "default", where a release of the same chart in another namespace would share them without a word: a
    /// warning once per run, or an error with --strict.
    /// </summary>
    public string NamespaceFor(string? secretNamespace, DocumentLocation location)
    {
        if (secretNamespace is { Length: > 0 })
        {
            return secretNamespace;
        }

        if (!settings.NamespaceGiven)
        {
            const string advice = "no namespace was given (--namespace, HELM_NAMESPACE, ARGOCD_APP_NAMESPACE or the configuration's namespace)";
            if (settings.Strict)
            {
                throw new DocumentException(location, $"the Secret has no metadata.namespace and {advice}; give one (--strict refuses the fallback to 'default')");
            }

            reporter.WarnOnce(FallbackNamespaceWarning, $"{location}: the Secret has no metadata.namespace and {advice}; its entries, "
                + $"and those of every such Secret, fall back to '{settings.Namespace}/', shared with any release rendered the same way");
        }

        return settings.Namespace;
    }

    public SecretPlan Plan(SecretDocument secret, SecretRule? rule, DocumentLocation location)
    {
        var @namespace = NamespaceFor(secret.Namespace, location);
        var store = StoreFor(rule);
        string? secretEntryName = null; // made once per Secret, not once per key
        var unsecuredKeys = rule?.Unsecured ?? [];
        var remote = new List<RemoteKey>();
        var unsecured = new List<SecretValue>();
        foreach (var value in secret.Values)
        {
            if (unsecuredKeys.Contains(value.Key, StringComparer.Ordinal))
            {
                if (!value.IsBinary)
                {
                    unsecured.Add(value);
                    continue;
                }

                reporter.Warn($"{location}: key '{value.Key}' is marked unsecured but is binary; it stays in the secret store");
            }

            var keyRule = rule?.KeyRuleFor(value.Key);
            if (store.JenkinsXLayout)
            {
                remote.Add(JenkinsXLayout.Locate(secret, value, keyRule, store, @namespace, name => entryNames.Make(store, name, location)));
                continue;
            }

            var entryName = keyRule?.Entry is { } explicitEntry
                ? entryNames.Make(store, EntryNameTemplate.Expand(explicitEntry, @namespace, secret.Name), location)
                : secretEntryName ??= SecretEntry(rule, @namespace, secret.Name, store, location);
            remote.Add(keyRule is null && store.Version is null && store.VersionStage is null
                ? new RemoteKey(value, entryName, value.Key, null)
                : Keyed(value, entryName, keyRule ?? new KeyRule(value.Key, null, null, null), store));
        }

        if (rule?.Keys.Count > 0 || store.JenkinsXLayout)
        {
            RejectSharedRawEntries(remote, location);
        }

        return new SecretPlan(secret, location, store, rule?.SecretStoreRef ?? store.SecretStoreRef, remote, unsecured);
    }

    private static RemoteKey Keyed(SecretValue value, string entry, KeyRule keyRule, StoreSettings store)
    {
        // Without a property, a key with its own entry holds its raw value there, where the store can hold one.
        var property = keyRule.Property
            ?? (keyRule.Entry is not null && store.Definition.HoldsPlainValues ? null : value.Key);
        return new RemoteKey(value, entry, property, keyRule.Generator)
        {
            Version = keyRule.Version ?? store.Version,
            VersionStage = keyRule.VersionStage ?? store.VersionStage,
            DecodingStrategy = keyRule.DecodingStrategy,
        };
    }

    /// <summary>An entry that holds one raw value cannot also hold another key, raw or as a property.</summary>
    private static void RejectSharedRawEntries(List<RemoteKey> remote, DocumentLocation location)
    {
        foreach (var raw in remote)
        {
            if (raw.Property is null && remote.FirstOrDefault(other => other != raw && other.Entry == raw.Entry) is { } other)
            {
                throw new DocumentException(location,
                    $"keys '{raw.Value.Key}' and '{other.Value.Key}' both go to store entry '{raw.Entry}', which holds '{raw.Value.Key}' as a raw value (its key rule has no 'property'); give it a property or another entry");
            }
        }
    }

    /// <summary>The store a rule sends its Secrets to: its <c>store</c>, else its <c>backend</c> with the top-level settings, else the default.</summary>
    public StoreSettings StoreFor(SecretRule? rule)
    {
        if (rule?.Store is { } name)
        {
            return settings.Stores[Settings.StoreKey(name)];
        }

        if (rule?.Backend is not { } backend)
        {
            return DefaultStore;
        }

        if (!implicitStores.TryGetValue(backend, out var store))
        {
            store = settings.ImplicitStore(backend);
            implicitStores[backend] = store;
        }

        return store;
    }

    /// <summary>
    /// <see cref="SecretEntry"/> as UTF-8, for a Secret no rule names, with a namespace of its own, made from its
    /// UTF-8 namespace and name into <paramref name="into"/> without a string or its location. False where that
    /// takes the location or a string: a template other than the default, a store whose entry names are claimed (for
    /// the message that a collision gives) or are not plain paths, a name the store refuses (which the caller's other
    /// way reports), or one longer than <paramref name="into"/>.
    /// </summary>
    public bool TryPlainEntry(StoreSettings store, ReadOnlySpan<byte> @namespace, ReadOnlySpan<byte> name, Span<byte> into, out int length)
    {
        length = @namespace.Length + 1 + name.Length;
        if (EntryTemplate(rule: null, store) != EntryNameTemplate.Default
            || store.Definition.EntryNamesMayMerge || !store.Definition.EntryNamesArePaths || length > into.Length)
        {
            return false;
        }

        @namespace.CopyTo(into);
        into[@namespace.Length] = (byte)'/';
        name.CopyTo(into[(@namespace.Length + 1)..]);
        return EntryNameRules.IsPath(into[..length]);
    }

    /// <summary>The store entry of the Secret's keys that no key rule sends elsewhere.</summary>
    public string SecretEntry(SecretRule? rule, string @namespace, string name, StoreSettings store, DocumentLocation location) =>
        entryNames.Make(store, EntryNameTemplate.Expand(EntryTemplate(rule, store), @namespace, name), location);

    // The rule's template, else the store's, else the settings', else the default.
    private string EntryTemplate(SecretRule? rule, StoreSettings store) =>
        rule?.EntryName ?? store.EntryName ?? settings.EntryName ?? EntryNameTemplate.Default;
}
