using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Krm;

/// <summary>
/// The settings a KRM function is given in its ResourceList's functionConfig: a ConfigMap whose <c>data</c> keys are
/// setting names (<c>backend</c>, <c>populate</c>, nested ones with dots: <c>secretStoreRef.name</c>), or our own kind,
/// <c>SecretPostRendererConfig</c>, whose <c>spec</c> is exactly a configuration file's content
/// (schema/secret-postrenderer-function-config.schema.json).
/// </summary>
internal static class FunctionConfig
{
    public const string OwnApiVersion = "secret-postrenderer.io/v1alpha1";
    public const string OwnKind = "SecretPostRendererConfig";

    /// <summary>Configuration keys and values, in the form of the command-line layer (<c>a:b</c>).</summary>
    public static Dictionary<string, string?> Settings(MappingNode? functionConfig)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (functionConfig is null || functionConfig.Count == 0)
        {
            return settings;
        }

        var kind = functionConfig.GetString("kind");
        if (kind == "ConfigMap")
        {
            if (functionConfig.Get("data") is MappingNode data)
            {
                foreach (var (key, value) in data.Entries)
                {
                    settings[(key.ToString() ?? "").Replace('.', ':')] = (value as ScalarNode)?.Value
                        ?? throw new ConfigurationException($"functionConfig ConfigMap: data.{key} must be a string");
                }
            }

            return settings;
        }

        if (kind == OwnKind && functionConfig.GetString("apiVersion") == OwnApiVersion)
        {
            return functionConfig.Get("spec") is { } spec ? YamlFlattener.Flatten(spec, $"functionConfig {OwnKind} spec") : settings;
        }

        throw new ConfigurationException(
            $"functionConfig of kind '{kind}' is not one this function reads; give a ConfigMap (data: setting names) or {OwnApiVersion} {OwnKind}");
    }
}
