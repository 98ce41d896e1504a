using System.Globalization;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Population;

/// <summary>
/// A store's limit on one entry's stored form, checked before anything is written: a write the store refuses half-way
/// (GCP creates the secret, then refuses its first version) leaves debris and a confusing 400.
/// </summary>
public static class EntrySizeLimit
{
    /// <summary>Throws when <paramref name="size"/> (in <paramref name="unit"/>, of the form the store keeps) exceeds <paramref name="limit"/>.</summary>
    public static void Check(string store, string entry, long size, long limit, string unit, int properties)
    {
        if (size > limit)
        {
            var sizes = string.Create(CultureInfo.InvariantCulture, $"its {properties} properties take {size:N0} {unit} as the JSON object the store keeps, over the store's limit of {limit:N0} {unit}");
            throw new StoreException(store, entry,
                sizes + "; nothing was written. Move some keys to another entry (for example with a mapping rule) or keep large values out of the Secret");
        }
    }

    /// <summary>Throws when a raw value's <paramref name="size"/> (in <paramref name="unit"/>) exceeds <paramref name="limit"/>.</summary>
    public static void CheckRaw(string store, string entry, long size, long limit, string unit)
    {
        if (size > limit)
        {
            throw new StoreException(store, entry, string.Create(CultureInfo.InvariantCulture,
                $"its raw value takes {size:N0} {unit}, over the store's limit of {limit:N0} {unit}; nothing was written. Keep large values out of the Secret"));
        }
    }
}
