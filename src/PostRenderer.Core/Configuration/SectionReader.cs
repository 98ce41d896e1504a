using System.Globalization;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Configuration;

/// <summary>
/// Reads one configuration section by name, remembering which names it asked for so that anything else
/// in the section can be reported as an unknown setting. Names match ignoring case, '_' and '-', so that
/// <c>refreshInterval</c>, <c>refresh-interval</c> and <c>SECRET_POSTRENDERER_REFRESH_INTERVAL</c> agree.
/// </summary>
public sealed class SectionReader
{
    private readonly SettingsTree section;
    private readonly string path;
    private readonly Func<string, string> describeOrigin;
    // Each name asked for, normalised, with its spelling: the candidates of an unknown name's "did you mean".
    private readonly Dictionary<string, string> known = new(StringComparer.Ordinal);

    internal SectionReader(SettingsTree section, string path, Func<string, string> describeOrigin)
    {
        this.section = section;
        this.path = path;
        this.describeOrigin = describeOrigin;
    }

    public string? String(string name) => Child(name)?.Value is { Length: > 0 } value ? value : null;

    public string String(string name, string fallback) => String(name) ?? fallback;

    public bool? Bool(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" or "1" => true,
            "false" or "no" or "off" or "0" => false,
            _ => throw Invalid(name, text, "true or false"),
        };
    }

    public int? Int(string name, int min, int max)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Invalid(name, text, $"a whole number from {min} to {max}");
        }

        return value;
    }

    public TimeSpan? Duration(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return GoDuration.TryParse(text, out var value) && value > TimeSpan.Zero
            ? value
            : throw Invalid(name, text, "a duration such as 30s, 2m or 1h30m");
    }

    public T? Choice<T>(string name, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return choices.TryGetValue(text, out var value)
            ? value
            : throw Invalid(name, text, "one of " + string.Join(", ", choices.Keys));
    }

    public string? OneOf(string name, IReadOnlyCollection<string> choices)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        var match = choices.FirstOrDefault(choice => string.Equals(choice, text, StringComparison.OrdinalIgnoreCase));
        return match ?? throw Invalid(name, text, "one of " + string.Join(", ", choices));
    }

    public SectionReader Section(string name)
    {
        known.TryAdd(SettingsTree.Normalize(name), name);
        var child = FindChild(name);
        return new SectionReader(child ?? SettingsTree.Empty(), Join(child?.Key ?? name), describeOrigin);
    }

    /// <summary>The entries of a mapping whose keys are names the user chose (stores), in the order first set.</summary>
    public IReadOnlyList<(string Name, SectionReader Section)> Entries(string name)
    {
        known.TryAdd(SettingsTree.Normalize(name), name);
        var child = FindChild(name);
        if (child is null)
        {
            return [];
        }

        var entries = new List<(string, SectionReader)>();
        foreach (var item in child.Children)
        {
            entries.Add((item.FirstKey, new SectionReader(item, $"{Join(child.Key)}.{item.FirstKey}", describeOrigin)));
        }

        return entries;
    }

    /// <summary>True when the section has <paramref name="name"/> with a value or children.</summary>
    public bool Has(string name) => FindChild(name) is { } child && (child.Value is { Length: > 0 } || child.Children.Any());

    /// <summary>This section's path, for messages.</summary>
    public string Where => path;

    /// <summary>The items of a list, in index order.</summary>
    public IReadOnlyList<SectionReader> List(string name)
    {
        known.TryAdd(SettingsTree.Normalize(name), name);
        var child = FindChild(name);
        if (child is null)
        {
            return [];
        }

        var items = new SortedDictionary<int, SettingsTree>();
        foreach (var item in child.Children)
        {
            if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw new ConfigurationException($"setting '{Join(child.Key)}' must be a list{describeOrigin(item.Path)}");
            }

            items[index] = item;
        }

        var readers = new List<SectionReader>(items.Count);
        foreach (var (index, item) in items)
        {
            readers.Add(new SectionReader(item, $"{Join(child.Key)}[{index}]", describeOrigin));
        }

        return readers;
    }

    public IReadOnlyList<string> StringList(string name)
    {
        var items = List(name);
        var result = new List<string>(items.Count);
        foreach (var item in items)
        {
            var value = item.section.Value;
            if (string.IsNullOrEmpty(value))
            {
                throw new ConfigurationException($"setting '{item.path}' must be a non-empty string");
            }

            result.Add(value);
        }

        return result;
    }

    /// <summary>Call after reading every known name: anything left is a typo or a setting we do not have.</summary>
    public void RejectUnknown()
    {
        foreach (var child in section.Children)
        {
            if (!known.ContainsKey(SettingsTree.Normalize(child.Key)))
            {
                throw new ConfigurationException(
                    $"unknown setting '{Join(child.Key)}'{describeOrigin(child.Path)}"
                    + (Suggestion.Closest(child.Key, known.Values) is { } closest ? $"; did you mean '{Join(closest)}'?" : "; the README's Configuration section lists every setting"));
            }
        }
    }

    public ConfigurationException Invalid(string name, string text, string expected) =>
        new($"setting '{Join(name)}' is '{text}'; expected {expected}{describeOrigin(FindChild(name)?.Path ?? name)}");

    private SettingsTree? Child(string name)
    {
        known.TryAdd(SettingsTree.Normalize(name), name);
        return FindChild(name);
    }

    private SettingsTree? FindChild(string name) => section.Child(name);

    private string Join(string name) => path.Length == 0 ? name : $"{path}.{name}";
}
