using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>
/// Replaces each convertible Secret of a document (or of a List's items) with its ExternalSecret and
/// reports the plan for population. Secrets that SPEC section 2 exempts are passed through with a warning
/// when they hold values.
/// </summary>
internal sealed class SecretConverter
{
    public const string SkipAnnotation = "secret-postrenderer/skip";
    public const string JenkinsXExcludeAnnotation = "secret.jenkins-x.io/convert-exclude";
    public const string Helm4FilenameAnnotation = "postrenderer.helm.sh/postrender-filename";
    public const string HelmHookAnnotation = "helm.sh/hook";

    // Secrets of these types are made and kept by Kubernetes itself; ESO cannot manage them.
    private const string ServiceAccountTokenType = "kubernetes.io/service-account-token";
    private const string BootstrapTokenType = "bootstrap.kubernetes.io/token";

    private readonly Settings settings;
    private readonly IReporter reporter;
    private readonly SecretPlanner planner;
    private readonly IExternalSecretWriter writer;
    private readonly KesMigration? kesMigration;

    /// <param name="claims">Where entry names are claimed; a table of this converter's own when null.</param>
    public SecretConverter(Settings settings, IReporter reporter, IEntryNameClaims? claims = null)
    {
        this.settings = settings;
        this.reporter = reporter;
        planner = new SecretPlanner(settings, new EntryNames(claims ?? new EntryNameClaims()), reporter);
        writer = settings.Format switch
        {
            OutputFormat.EsoV1Beta1 => new EsoWriter(EsoWriter.V1Beta1, settings.RefreshInterval),
            OutputFormat.Kes => new KesWriter(settings.Registry),
            _ => new EsoWriter(EsoWriter.V1, settings.RefreshInterval),
        };
        kesMigration = settings.Format == OutputFormat.Kes ? null
            : new KesMigration(settings, settings.Format == OutputFormat.EsoV1Beta1 ? EsoWriter.V1Beta1 : EsoWriter.V1, reporter.Warn);
    }

    /// <summary>Returns the node to write in place of <paramref name="root"/>; adds each converted Secret's plan.</summary>
    public Node Convert(Node root, DocumentLocation location, List<SecretPlan> plans)
    {
        if (root is not MappingNode mapping)
        {
            return root;
        }

        if (SecretDocument.IsSecret(mapping))
        {
            return ConvertSecret(mapping, SecretDocument.Locate(mapping, location), plans);
        }

        if (kesMigration is not null && KesMigration.IsKes(mapping))
        {
            return kesMigration.Convert(mapping, SecretDocument.Locate(mapping, location) with { Kind = "ExternalSecret" });
        }

        // Any kind ending in List with items: Kubernetes refuses a list without apiVersion, but its Secrets would still be
        // in the output.
        if (CanonicalOrder.ListItems(mapping) is { } items)
        {
            ConvertListItems(mapping, items, location, plans);
        }

        return root;
    }

    /// <summary>
    /// Converts the Secrets among a list's items. An item with neither apiVersion nor kind is of the list's own type,
    /// as apimachinery reads typed lists (a SecretList's items are v1 Secrets). A list that now holds ExternalSecrets
    /// is written as a plain v1 List, with every item's apiVersion and kind spelled out.
    /// </summary>
    private void ConvertListItems(MappingNode list, SequenceNode items, DocumentLocation location, List<SecretPlan> plans)
    {
        var typed = TypedListItems.Of(list);
        var converted = false;
        for (var i = 0; i < items.Items.Count; i++)
        {
            if (items.Items[i] is not MappingNode item)
            {
                continue;
            }

            if (typed.IsUntyped(item) && typed.IsSecretList)
            {
                typed.SpellOut(item);
            }

            if (SecretDocument.IsSecret(item))
            {
                var itemLocation = SecretDocument.Locate(item, location) with { Kind = $"List item {i + 1}: Secret" };
                items.Items[i] = ConvertSecret(item, itemLocation, plans);
                converted |= !ReferenceEquals(items.Items[i], item);
            }
        }

        if (converted)
        {
            typed.BecomePlainList(items);
        }
    }

    /// <summary>
    /// The plan for a Secret that <see cref="IndexedSecret"/> read, or null when it is one that the full path
    /// must take: those it passes through (with a warning), or that have no keys.
    /// </summary>
    public SecretPlan? TryPlan(SecretDocument secret, DocumentLocation location) =>
        PassThroughReason(secret.Type, secret.Annotations, secret.Values.Count > 0, location, out var rule) is null
            ? planner.Plan(secret, rule, location)
            : null;

    /// <summary>The ExternalSecret document for a plan, as <see cref="Convert"/> returns it.</summary>
    public MappingNode Write(SecretPlan plan) => writer.Write(plan);

    /// <summary>
    /// Writes the ExternalSecret of a Secret that <see cref="IndexedSecret"/> read straight from its text, when
    /// its plan is the plain one: converted, no rule naming it, every key to the one entry under its own name
    /// (what <see cref="SecretPlanner.Plan"/> gives such a Secret). False, with nothing written, for any other.
    /// </summary>
    /// <param name="sourceComment">Helm 3's <c># Source:</c> line as UTF-8; empty when there is none.</param>
    internal bool TryWriteDirect(IndexedSecret secret, ReadOnlySpan<byte> utf8, int documentIndex, int line, ReadOnlySpan<byte> sourceComment, Utf8TextBuffer into)
    {
        var store = planner.DefaultStore;

        // Only a Secret of a type ESO can manage, without annotations, for a store whose properties are plain keys
        // (the direct form writes no gjson path). The type is compared as bytes: no string per Secret.
        if (writer is not EsoWriter eso || secret.Annotations.Count > 0 || store.Definition.PropertiesAreGjsonPaths
            || (secret.Type is { } type && CannotBeManaged(type.In(utf8))))
        {
            return false;
        }

        Span<byte> entry = stackalloc byte[AsciiScalarWriter.MaxLength];
        int length;
        if (secret.Namespace is not { Length: > 0 } @namespace || settings.Secrets.Count > 0
            || !planner.TryPlainEntry(store, @namespace.In(utf8), secret.Name.In(utf8), entry, out length))
        {
            // Rules match names as strings, and messages name the Secret: the way with its location.
            var location = secret.Locate(utf8, documentIndex, line);
            if (PassThroughReason(type: null, annotations: null, hasValues: true, location, out var rule) is not null || rule is not null
                || !AsciiScalarWriter.TryNarrow(planner.SecretEntry(rule, planner.NamespaceFor(location.Namespace, location), location.Name!, store, location), entry, out length))
            {
                return false;
            }
        }

        return eso.Direct.TryWrite(secret, utf8, entry[..length], store.SecretStoreRef, sourceComment, into);
    }

    private Node ConvertSecret(MappingNode mapping, DocumentLocation location, List<SecretPlan> plans)
    {
        var annotations = (mapping.Get("metadata") as MappingNode)?.Get("annotations") as MappingNode;
        var reason = PassThroughReason(mapping.GetString("type"), annotations, HasValues(mapping), location, out var rule);
        if (reason is not null)
        {
            if (HasValues(mapping))
            {
                reporter.Warn($"{location}: passed through unconverted ({reason}); its values are in the output, which is not safe to commit");
            }

            return mapping;
        }

        var secret = SecretDocument.Read(mapping, location);
        var plan = planner.Plan(secret, rule, location);
        plans.Add(plan);
        return writer.Write(plan);
    }

    /// <summary>Why a Secret is passed through unconverted, or null; the rule that applies to it either way.</summary>
    private string? PassThroughReason(string? type, MappingNode? annotations, bool hasValues, DocumentLocation location, out SecretRule? rule)
    {
        rule = null;
        if (type is not null && CannotBeManaged(type))
        {
            return $"type {type} cannot be managed by ESO";
        }

        if (annotations?.GetString(SkipAnnotation) is { } skip && skip.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return $"annotation {SkipAnnotation}";
        }

        if (annotations?.GetString(JenkinsXExcludeAnnotation) is { } exclude && exclude.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return $"annotation {JenkinsXExcludeAnnotation}";
        }

        if (settings.SkipHooks && annotations?.Get(HelmHookAnnotation) is not null)
        {
            return "a helm hook, and --skip-hooks is set";
        }

        if (location.Name is not null)
        {
            rule = settings.RuleFor(location.Name, location.Namespace ?? settings.Namespace);
            if (rule?.Exclude == true)
            {
                return $"excluded by the rule for '{rule.NamePattern}' in {settings.Origin}";
            }
        }

        return hasValues ? null : "it has no keys";
    }

    private static bool CannotBeManaged(string type) => type is ServiceAccountTokenType or BootstrapTokenType;

    private static bool CannotBeManaged(ReadOnlySpan<byte> type) =>
        Ascii.Equals(type, ServiceAccountTokenType) || Ascii.Equals(type, BootstrapTokenType);

    // Anything but an absent, null or empty data/stringData counts: a malformed one must reach the checks, not pass through.
    private static bool HasValues(MappingNode mapping) => !IsEmpty(mapping.Get("data")) || !IsEmpty(mapping.Get("stringData"));

    private static bool IsEmpty(Node? node) =>
        node is null or MappingNode { Count: 0 } or ScalarNode { IsNull: true };
}
