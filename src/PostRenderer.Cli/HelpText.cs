namespace PostRenderer.Cli;

/// <summary>The usage text --help shows above the options; its examples are the README's (CommandLineTests holds them to it).</summary>
internal static class HelpText
{
    public const string Description = """
        Reads rendered Kubernetes YAML (files, or stdin) and writes canonical YAML to stdout in which every
        Secret is an External Secrets Operator ExternalSecret: safe to commit, no secret value in it.

        Examples:
          helm:      helm upgrade --install app ./chart -n team --post-renderer secret-postrenderer \
                       --post-renderer-args=--namespace --post-renderer-args=team
          helmfile:  helmDefaults:
                       postRenderer: secret-postrenderer
                       postRendererArgs: [--namespace, "{{ .Release.Namespace }}"]
          pipe:      helm template app ./chart -n team | secret-postrenderer --namespace team > app.yaml
          files:     secret-postrenderer -n team -o app.yaml rendered/*.yaml
          no store:  helm template app ./chart | secret-postrenderer -n team --no-populate > app.yaml
          GitOps:    helm template app ./chart | secret-postrenderer split --output-dir config-root --release app
          pre-commit: secret-postrenderer verify config-root
          kpt/kustomize: a ResourceList on stdin is answered with a ResourceList (a KRM function)

        Exit codes: 0 every document written; 2 bad input or configuration (the message says what and
        where); 1 any other failure (secret store, file system, bug).
        Under Helm 4, which hides a plugin's messages, the plugin keeps those of the last run in
        $HELM_CACHE_HOME/secret-postrenderer/last-run.log (default ~/.cache/helm/...; README "Helm 4").
        """;
}
