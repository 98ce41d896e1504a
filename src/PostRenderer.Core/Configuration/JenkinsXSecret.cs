using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Configuration;

/// <summary>
/// One secret of a Jenkins X SecretMapping with the mapping's <c>defaults</c>, as a store reads the fields that
/// make its instance (a region, a project): each lookup names where <c>jx secret convert</c> looked.
/// </summary>
public sealed class JenkinsXSecret
{
    private readonly MappingNode secret;
    private readonly MappingNode defaults;

    internal JenkinsXSecret(string path, string backendType, MappingNode secret, MappingNode defaults)
    {
        Path = path;
        BackendType = backendType;
        this.secret = secret;
        this.defaults = defaults;
    }

    /// <summary>The mapping file, for messages.</summary>
    public string Path { get; }

    /// <summary>The secret's <c>backendType</c> as the mapping wrote it.</summary>
    public string BackendType { get; }

    /// <summary>The secret's name for messages: "defaults" for the store of Secrets no mapping names.</summary>
    public string Name => Text(secret, "name") ?? "defaults";

    /// <summary>A field of the secret itself.</summary>
    public string? Field(string name) => Text(secret, name);

    /// <summary>A field of the secret's section (<c>secretsManager</c>, <c>gcpSecretsManager</c>).</summary>
    public string? Field(string section, string name) => Text(secret.Get(section) as MappingNode, name);

    /// <summary>A field of the mapping's <c>defaults</c>.</summary>
    public string? Default(string name) => Text(defaults, name);

    /// <summary>A field of a section of the mapping's <c>defaults</c>.</summary>
    public string? Default(string section, string name) => Text(defaults.Get(section) as MappingNode, name);

    /// <summary>A user error about this mapping file: <paramref name="message"/> after its path.</summary>
    public Errors.ConfigurationException Error(string message) => new($"{Path}: {message}");

    private static string? Text(MappingNode? from, string key) => from?.GetString(key) is { Length: > 0 } value ? value : null;
}
