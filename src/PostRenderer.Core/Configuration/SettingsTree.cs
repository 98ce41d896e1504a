namespace PostRenderer.Core.Configuration;

/// <summary>
/// The layered configuration as a tree of names. Each layer's flat <c>a:b:0:c</c> keys are applied in order, and
/// path segments are matched the way users write them: ignoring case, '_' and '-'. So <c>refresh-interval</c> in
/// the file, <c>SECRET_POSTRENDERER_REFRESH_INTERVAL</c> and <c>--refresh-interval</c> are one setting, and the
/// later layer wins whichever spelling each used.
/// </summary>
internal sealed class SettingsTree
{
    private readonly Dictionary<string, SettingsTree> children = new(StringComparer.Ordinal);

    private SettingsTree(string key, string path)
    {
        Key = key;
        FirstKey = key;
        Path = path;
    }

    /// <summary>The name as the layer that last set it spelled it.</summary>
    public string Key { get; private set; }

    /// <summary>The name as the first layer that set it spelled it: what users named a store in the file.</summary>
    public string FirstKey { get; }

    /// <summary>The full <c>a:b:c</c> path in that layer's spelling, for messages that say where a value came from.</summary>
    public string Path { get; private set; }

    public string? Value { get; private set; }

    /// <summary>The children in the order they were first set.</summary>
    public IEnumerable<SettingsTree> Children => children.Values;

    public static SettingsTree Empty() => new("", "");

    /// <summary>Builds the tree from layers, lowest precedence first.</summary>
    public static SettingsTree Build(params IEnumerable<KeyValuePair<string, string?>>[] layers)
    {
        var root = Empty();
        foreach (var layer in layers)
        {
            foreach (var (key, value) in layer)
            {
                root.Set(key, value);
            }
        }

        return root;
    }

    public SettingsTree? Child(string name) => children.GetValueOrDefault(Normalize(name));

    public static string Normalize(string name) =>
        name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private void Set(string path, string? value)
    {
        var node = this;
        var start = 0;
        while (true)
        {
            var end = path.IndexOf(':', start);
            var segment = end < 0 ? path[start..] : path[start..end];
            var nodePath = end < 0 ? path : path[..end];
            var normalized = Normalize(segment);
            if (!node.children.TryGetValue(normalized, out var child))
            {
                child = new SettingsTree(segment, nodePath);
                node.children.Add(normalized, child);
            }

            child.Key = segment;
            child.Path = nodePath;
            if (end < 0)
            {
                child.Value = value;
                return;
            }

            node = child;
            start = end + 1;
        }
    }
}
