using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.GitOps;

/// <summary>
/// Decides offline whether a kind is cluster-scoped: Kubernetes' own cluster-scoped kinds, plus the kinds of
/// the CustomResourceDefinitions found in the stream (their spec.scope says).
/// </summary>
internal sealed class ResourceScopes
{
    private static readonly HashSet<string> BuiltInClusterKinds = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "ComponentStatus",
        "ClusterRole", "ClusterRoleBinding",
        "CustomResourceDefinition", "APIService",
        "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment",
        "PriorityClass", "RuntimeClass", "IngressClass",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
        "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
        "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration",
        "PodSecurityPolicy", "TokenReview", "SelfSubjectReview", "SubjectAccessReview",
        "SelfSubjectAccessReview", "SelfSubjectRulesReview", "IPAddress", "ServiceCIDR",
        "DeviceClass", "StorageVersionMigration", "VolumeAttributesClass",
    };

    private readonly Dictionary<string, bool> customKinds = new(StringComparer.Ordinal);

    /// <summary>Learns the scope of a CRD's kind.</summary>
    public void Learn(MappingNode resource)
    {
        if (resource.GetString("kind") != "CustomResourceDefinition" || resource.Get("spec") is not MappingNode spec)
        {
            return;
        }

        if ((spec.Get("names") as MappingNode)?.GetString("kind") is { } kind)
        {
            customKinds[kind] = spec.GetString("scope") == "Cluster";
        }
    }

    public bool IsClusterScoped(string kind) =>
        BuiltInClusterKinds.Contains(kind) || (customKinds.TryGetValue(kind, out var cluster) && cluster);
}
