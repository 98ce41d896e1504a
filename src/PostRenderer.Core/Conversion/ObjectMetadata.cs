using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Conversion;

/// <summary>Metadata shared by the writers: the ExternalSecret's own, and the one for the Secret ESO makes.</summary>
internal static class ObjectMetadata
{
    // Annotations that steer a tool for the object they sit on (helm; kustomize and kpt, which track with them the
    // file a resource came from): they stay on the ExternalSecret, and on the Secret that ESO creates they would mislead.
    private static readonly string[] HelmOnlyAnnotationPrefixes =
        ["postrenderer.helm.sh/", "helm.sh/hook", "helm.sh/resource-policy", "config.kubernetes.io/", "internal.config.kubernetes.io/", "config.k8s.io/"];

    /// <summary>The ExternalSecret's metadata: the Secret's name, namespace, labels and annotations (helm's included).</summary>
    public static MappingNode ForExternalSecret(SecretDocument secret)
    {
        var metadata = new MappingNode().Add("name", secret.Name);
        if (secret.Namespace is not null)
        {
            metadata.Add("namespace", secret.Namespace);
        }

        if (secret.Labels.Count > 0)
        {
            metadata.Add("labels", secret.Labels);
        }

        if (secret.Annotations.Count > 0)
        {
            metadata.Add("annotations", secret.Annotations);
        }

        return metadata;
    }

    /// <summary>The target Secret's labels and annotations, always explicit so that ESO copies nothing else.</summary>
    public static MappingNode ForTargetSecret(SecretDocument secret) =>
        new MappingNode()
            .Add("labels", Sorted(secret.Labels))
            .Add("annotations", Sorted(TargetAnnotations(secret)));

    /// <summary>The Secret's annotations less those that only steer helm, kustomize or kpt; the Secret's own mapping when there are none of those.</summary>
    public static MappingNode TargetAnnotations(SecretDocument secret)
    {
        var entries = secret.Annotations.Entries;
        return entries.Exists(IsHelmOnly) ? new MappingNode(entries.FindAll(entry => !IsHelmOnly(entry))) : secret.Annotations;
    }

    private static bool IsHelmOnly(KeyValuePair<Node, Node> entry) => entry.Key is ScalarNode key && IsHelmOnly(key.Value);

    private static bool IsHelmOnly(string annotation)
    {
        foreach (var prefix in HelmOnlyAnnotationPrefixes)
        {
            if (annotation.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static MappingNode Sorted(MappingNode mapping)
    {
        var entries = new List<KeyValuePair<Node, Node>>(mapping.Entries);
        EntrySort.ByKey(entries);
        return new MappingNode(entries);
    }
}
