using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Conversion;

/// <summary>What the converter decided for one Secret: which store, which keys go there, which stay literal.</summary>
public sealed record SecretPlan(
    SecretDocument Secret,
    DocumentLocation Location,
    Backend Backend,
    SecretStoreRef StoreRef,
    IReadOnlyList<RemoteKey> Remote,
    IReadOnlyList<SecretValue> Unsecured);
