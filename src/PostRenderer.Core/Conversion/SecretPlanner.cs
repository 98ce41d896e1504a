using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Conversion;

/// <summary>Applies the settings and the first matching rule to a Secret: backend, entry names, properties.</summary>
public sealed class SecretPlanner(Settings settings, EntryNames entryNames, IReporter reporter)
{
    private const string FallbackNamespaceWarning = "namespace-fallback";

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
        var backend = rule?.Backend ?? settings.Backend;
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
            var entryName = keyRule?.Entry is { } explicitEntry
                ? entryNames.Make(backend, EntryNameTemplate.Expand(explicitEntry, @namespace, secret.Name), location)
                : secretEntryName ??= SecretEntry(rule, @namespace, secret.Name, backend, location);
            remote.Add(new RemoteKey(value, entryName, keyRule?.Property ?? value.Key, keyRule?.Generator));
        }

        return new SecretPlan(secret, location, backend, rule?.SecretStoreRef ?? settings.SecretStoreRef, remote, unsecured);
    }

    /// <summary>The store entry of the Secret's keys that no key rule sends elsewhere.</summary>
    public string SecretEntry(SecretRule? rule, string @namespace, string name, Backend backend, DocumentLocation location) =>
        entryNames.Make(backend, EntryNameTemplate.Expand(rule?.EntryName ?? settings.EntryName ?? EntryNameTemplate.Default, @namespace, name), location);
}
