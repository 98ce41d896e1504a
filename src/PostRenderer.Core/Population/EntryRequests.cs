using PostRenderer.Core.Conversion;

namespace PostRenderer.Core.Population;

/// <summary>Turns a converted Secret's plan into one request per store entry, generating values the chart left empty.</summary>
public static class EntryRequests
{
    public static IEnumerable<EntryRequest> From(SecretPlan plan)
    {
        foreach (var group in plan.Remote.GroupBy(remote => remote.Entry, StringComparer.Ordinal))
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var remote in group)
            {
                values[remote.Property] = remote.Value.IsEmpty && remote.Generator is not null
                    ? ValueGenerator.Generate(remote.Generator)
                    : remote.Value.StoreText;
            }

            yield return new EntryRequest(group.Key, values, plan.Location.ToString());
        }
    }
}
