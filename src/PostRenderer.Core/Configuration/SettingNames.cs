namespace PostRenderer.Core.Configuration;

/// <summary>
/// Parses the words users write for output formats. One table so that the file, the environment, the command line
/// and the error messages agree; backends are named by their definitions (<see cref="StoreRegistry"/>).
/// </summary>
internal static class SettingNames
{
    public static readonly IReadOnlyDictionary<string, OutputFormat> Formats = new Dictionary<string, OutputFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["eso-v1"] = OutputFormat.EsoV1,
        ["eso-v1beta1"] = OutputFormat.EsoV1Beta1,
        ["kes"] = OutputFormat.Kes,
    };

    public static string Name(OutputFormat format) => Formats.First(pair => pair.Value == format).Key;
}
