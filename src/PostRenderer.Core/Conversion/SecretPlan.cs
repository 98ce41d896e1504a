using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Conversion;

/// <summary>What the converter decided for one Secret: which store, which keys go there, which stay literal.</summary>
/// <param name="StoreRef">The ESO store reference: the store's own, unless the rule names another.</param>
internal sealed record SecretPlan(
    SecretDocument Secret,
    DocumentLocation Location,
    StoreSettings Store,
    SecretStoreRef StoreRef,
    IReadOnlyList<RemoteKey> Remote,
    IReadOnlyList<SecretValue> Unsecured)
{
    public Backend Backend => Store.Backend;
}
