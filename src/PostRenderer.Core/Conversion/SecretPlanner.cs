using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Conversion;

/// <summary>Applies the settings and the first matching rule to a Secret: backend, entry names, properties.</summary>
public sealed class SecretPlanner(Settings settings, EntryNames entryNames, Action<string> warn)
{
    public SecretPlan Plan(SecretDocument secret, SecretRule? rule, DocumentLocation location)
    {
        var @namespace = secret.Namespace ?? settings.Namespace;
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

                warn($"{location}: key '{value.Key}' is marked unsecured but is binary; it stays in the secret store");
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
