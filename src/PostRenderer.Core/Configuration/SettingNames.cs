namespace PostRenderer.Core.Configuration;

/// <summary>
/// Parses the words users write for enums. One table so that the file, the environment, the command line
/// and the error messages agree.
/// </summary>
internal static class SettingNames
{
    public static readonly IReadOnlyDictionary<string, OutputFormat> Formats = new Dictionary<string, OutputFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["eso-v1"] = OutputFormat.EsoV1,
        ["eso-v1beta1"] = OutputFormat.EsoV1Beta1,
        ["kes"] = OutputFormat.Kes,
    };

    public static readonly IReadOnlyDictionary<string, Backend> Backends = new Dictionary<string, Backend>(StringComparer.OrdinalIgnoreCase)
    {
        ["file"] = Backend.File,
        ["vault"] = Backend.Vault,
        ["aws"] = Backend.Aws,
        ["gcp"] = Backend.Gcp,
        ["azure"] = Backend.Azure,
        ["alibaba"] = Backend.Alibaba,
        ["parameterstore"] = Backend.ParameterStore,
    };

    public static string Name(OutputFormat format) => Formats.First(pair => pair.Value == format).Key;

    public static string Name(Backend backend) => Backends.First(pair => pair.Value == backend).Key;
}
