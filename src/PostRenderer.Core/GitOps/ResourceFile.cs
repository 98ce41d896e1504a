namespace PostRenderer.Core.GitOps;

/// <summary>One resource staged for the GitOps directory, before its final path is known.</summary>
/// <param name="StagedPath">Where its canonical text waits.</param>
/// <param name="Kind">metadata-less identity: kind,</param>
/// <param name="Name">metadata.name,</param>
/// <param name="Namespace">metadata.namespace (null when the document has none),</param>
/// <param name="Release">the release folder it belongs in,</param>
/// <param name="ReleaseSource">where that name came from, for messages,</param>
/// <param name="Origin">the document it came from, for messages.</param>
internal sealed record ResourceFile(string StagedPath, string Kind, string Name, string? Namespace, string Release, string ReleaseSource, string Origin);
