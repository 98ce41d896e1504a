namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>One release of a helmfile.yaml after helmfile's defaults and release templates are applied.</summary>
public sealed record HelmfileRelease(string Name, string Namespace, string Chart, string PostRenderer, IReadOnlyList<string> PostRendererArgs)
{
    /// <summary>
    /// The `helm template` arguments helmfile builds for this release (pkg/state/helmx.go: namespace, then
    /// --post-renderer, then one --post-renderer-args=ARG per argument), plus helmfile's `--args`.
    /// </summary>
    public IEnumerable<string> HelmTemplateArguments(IEnumerable<string> extraHelmArguments) =>
        new[] { "template", Name, Chart, "--namespace", Namespace, "--post-renderer", PostRenderer }
            .Concat(PostRendererArgs.Where(argument => argument.Length > 0).Select(argument => "--post-renderer-args=" + argument))
            .Concat(extraHelmArguments);
}
