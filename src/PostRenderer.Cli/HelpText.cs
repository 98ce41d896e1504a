namespace PostRenderer.Cli;

/// <summary>The usage text --help shows above the options.</summary>
internal static class HelpText
{
    public const string Description = """
        Reads rendered Kubernetes YAML on stdin and writes canonical YAML to stdout in which every Secret
        is an External Secrets Operator ExternalSecret: safe to commit, no secret value in it.

        Examples:
          helm:      helm upgrade --install app ./chart --post-renderer secret-postrenderer \
                       --post-renderer-args --backend --post-renderer-args vault
          helmfile:  helmDefaults:
                       postRenderer: secret-postrenderer
                       postRendererArgs: [--namespace, "{{ .Release.Namespace }}"]
          pipe:      helm template app ./chart | secret-postrenderer --no-populate > app.yaml
          GitOps:    helm template app ./chart | secret-postrenderer split --output-dir config-root --release app
          pre-commit: secret-postrenderer verify config-root

        Exit codes: 0 every document written; 2 bad input or configuration (the message says what and
        where); 1 any other failure (secret store, file system, bug).
        Under Helm 4, which hides a plugin's messages, the plugin keeps those of the last run in
        $HELM_CACHE_HOME/secret-postrenderer/last-run.log (default ~/.cache/helm/...; README "Helm 4").
        """;
}
