namespace PostRenderer.Core.Configuration;

/// <summary>Everything the tool was told, from file, environment and command line, validated.</summary>
public sealed record Settings
{
    public OutputFormat Format { get; init; } = OutputFormat.EsoV1;

    public Backend Backend { get; init; } = Backend.File;

    /// <summary>Namespace for Secrets without one: --namespace, else HELM_NAMESPACE, else this file's, else default.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>
    /// Whether <see cref="Namespace"/> was given (option, HELM_NAMESPACE, ARGOCD_APP_NAMESPACE or configuration) rather
    /// than the fallback "default": a Secret without a namespace then gets entries under default/ that another
    /// release elsewhere would share, which deserves a warning (an error with <see cref="Strict"/>).
    /// </summary>
    public bool NamespaceGiven { get; init; }

    /// <summary>Refuse (exit 2) what otherwise only warns about entries that may be shared by mistake.</summary>
    public bool Strict { get; init; }

    public SecretStoreRef SecretStoreRef { get; init; } = new("secret-store", "ClusterSecretStore");

    public string RefreshInterval { get; init; } = "1h0m0s";

    /// <summary>Store entry name template; null means the backend's default (see <see cref="EntryNames"/>).</summary>
    public string? EntryName { get; init; }

    public IReadOnlyList<SecretRule> Secrets { get; init; } = [];

    public VaultSettings Vault { get; init; } = new();

    public AwsSettings Aws { get; init; } = new();

    public GcpSettings Gcp { get; init; } = new();

    public AzureSettings Azure { get; init; } = new();

    public FileStoreSettings File { get; init; } = new();

    public KesSettings Kes { get; init; } = new();

    public PopulationSettings Populate { get; init; } = new();

    /// <summary>Also write messages to this file (Helm 4 hides a post-renderer's stderr).</summary>
    public string? LogFile { get; init; }

    public bool Debug { get; init; }

    /// <summary>Leave helm hook Secrets unconverted (Helm 3 never sends hooks; Helm 4 and pipes do).</summary>
    public bool SkipHooks { get; init; }

    /// <summary>Also write one file per resource under this directory, in the GitOps layout.</summary>
    public string? OutputDir { get; init; }

    /// <summary>The release folder of the GitOps layout; default: the app.kubernetes.io/instance label, else "default".</summary>
    public string? Release { get; init; }

    /// <summary>Copy documents that cannot be Secrets byte for byte instead of canonicalising them (the fastest path).</summary>
    public bool Preserve { get; init; }

    /// <summary>Remove files of the release that this render no longer produces.</summary>
    public bool Prune { get; init; }

    /// <summary>Largest document accepted, in bytes of UTF-8; bounds memory on hostile input.</summary>
    public int MaxDocumentSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>Where the settings came from, for messages: a file path, or "defaults".</summary>
    public string Origin { get; init; } = "defaults";

    public SecretRule? RuleFor(string name, string @namespace)
    {
        // A loop, not LINQ: this runs for every Secret of a render, and a closure per call is not free.
        foreach (var rule in Secrets)
        {
            if (rule.Matches(name, @namespace))
            {
                return rule;
            }
        }

        return null;
    }
}
