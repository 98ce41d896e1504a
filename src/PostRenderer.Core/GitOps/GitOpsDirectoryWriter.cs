using System.Text;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Output;
using PostRenderer.Core.ProcessIO;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.GitOps;

/// <summary>
/// Writes one canonical file per resource into a GitOps directory. Every document is first staged inside the
/// directory (same file system); only when the whole render succeeded are the files moved into place, and a
/// failure while moving puts back every file it replaced or pruned, so a failed run leaves the directory as it was.
/// </summary>
internal sealed class GitOpsDirectoryWriter : IDocumentSink, IDisposable
{
    private const string HelmPostRendererPrefix = "postrenderer.helm.sh/";
    private const string ReleaseLabel = "app.kubernetes.io/instance";
    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly string root;
    private readonly string? release;
    private readonly string defaultNamespace;
    private readonly bool prune;
    private readonly bool rootExisted;
    private readonly string staging;
    private readonly ResourceScopes scopes = new();
    private readonly List<ResourceFile> files = [];
    private readonly IReporter? reporter;
    private readonly Interruption interruption;
    private readonly IDisposable interruptRegistration;
    private readonly Lock removal = new();
    private bool removed;
    private int stagedRecords;

    public GitOpsDirectoryWriter(string root, string? release, string defaultNamespace, bool prune, IReporter? reporter = null, Interruption? interruption = null)
    {
        this.reporter = reporter;
        this.interruption = interruption ?? new Interruption();
        this.root = Path.GetFullPath(root);
        if (release is not null && GitOpsLayout.SegmentProblem(release) is { } problem)
        {
            throw new ConfigurationException($"setting 'release' is '{release}', which cannot be a folder name in the output directory: {problem}");
        }

        this.release = release;
        this.defaultNamespace = defaultNamespace;
        this.prune = prune;
        rootExisted = Directory.Exists(this.root);
        staging = Path.Combine(this.root, $".secret-postrenderer-staging-{Guid.NewGuid():N}");
        if (File.Exists(this.root))
        {
            throw new UserException($"the output directory {this.root} is a file, not a folder; give a folder");
        }

        interruptRegistration = this.interruption.OnInterrupt(RemoveStaging);
        try
        {
            using (this.interruption.Critical())
            {
                Directory.CreateDirectory(staging);
            }
        }
        catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
        {
            interruptRegistration.Dispose();
            throw new UserException($"cannot write the output directory {this.root}: {FileSystemErrors.Reason(ex)}", FileSystemErrors.ExitCodeFor(ex), ex);
        }
    }

    /// <summary>Test hook: called before each step of moving files into place, with the step's number.</summary>
    internal Action<int>? BeforeCommitStep { get; init; }

    public int FilesWritten { get; private set; }

    public void Write(Node document, string? sourceComment, DocumentLocation location)
    {
        if (CanonicalOrder.ListItems(document) is { } items)
        {
            for (var i = 0; i < items.Items.Count; i++)
            {
                Stage(items.Items[i], location with { Kind = $"List item {i + 1}" });
            }

            return;
        }

        Stage(document, location);
    }

    public void Complete()
    {
        using (interruption.Critical())
        {
            MoveIntoPlace();
        }
    }

    public void Dispose()
    {
        interruptRegistration.Dispose();
        RemoveStaging();
    }

    private void MoveIntoPlace()
    {
        var realRoot = RealPath.Of(root);
        var targets = new Dictionary<string, ResourceFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var path = Path.Combine(root, GitOpsLayout.PathOf(file, scopes, defaultNamespace));
            EnsureInside(path, realRoot, file.Origin);
            if (targets.TryGetValue(path, out var earlier))
            {
                throw new UserException($"{file.Origin} and {earlier.Origin} both map to {Path.GetRelativePath(root, path)}; rename one of them");
            }

            targets[path] = file;
        }

        var plan = new RecordPlan(realRoot, prune, reporter);
        var releaseFolders = files.Select(file => file.Release).Distinct(StringComparer.Ordinal).SelectMany(name => GitOpsLayout.ReleaseFolders(root, name)).Where(Directory.Exists);
        plan.Plan(targets.ToDictionary(pair => pair.Key, pair => WrittenFilesRecord.HashOf(pair.Value.StagedPath), StringComparer.Ordinal), releaseFolders);
        var writes = targets.Select(pair => (pair.Key, pair.Value.StagedPath)).Concat(plan.Records.Select(record => (record.Key, StageText(record.Value))));
        new DirectoryTransaction(staging, BeforeStep).Commit(writes.ToList(), plan.Removals);
        FilesWritten = targets.Count;
    }

    // A signal between two moves stops the transaction, which then puts back what it moved.
    private void BeforeStep(int step)
    {
        BeforeCommitStep?.Invoke(step);
        interruption.ThrowIfRequested();
    }

    /// <summary>Removes the staging folder, and the output directory if this run created it and left it empty; once, from Dispose or a signal.</summary>
    private void RemoveStaging()
    {
        lock (removal)
        {
            if (removed)
            {
                return;
            }

            removed = true;
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            if (!rootExisted && Directory.Exists(root) && !Directory.EnumerateFileSystemEntries(root).Any())
            {
                Directory.Delete(root);
            }
        }
    }

    private void Stage(Node node, DocumentLocation location)
    {
        if (node is not MappingNode resource || resource.GetString("kind") is not { Length: > 0 } kind
            || (resource.Get("metadata") as MappingNode)?.GetString("name") is not { Length: > 0 } name)
        {
            throw new DocumentException(location, "is not a Kubernetes resource with a kind and metadata.name, so it has no place in the GitOps layout");
        }

        scopes.Learn(resource);
        var metadata = (MappingNode)resource.Get("metadata")!;
        var staged = Path.Combine(staging, $"{files.Count}.yaml");
        using (interruption.Critical())
        using (var writer = new StreamWriter(staged, append: false, Utf8))
        {
            new CanonicalEmitter(writer).WriteDocument(WithoutHelmPostRendererAnnotations(resource), sourceComment: null);
        }

        var (releaseName, releaseSource) = release is not null ? (release, "release")
            : (metadata.Get("labels") as MappingNode)?.GetString(ReleaseLabel) is { } label ? (label, $"label {ReleaseLabel}")
            : ("default", "release");
        files.Add(new ResourceFile(staged, kind, name, metadata.GetString("namespace"), releaseName, releaseSource, SecretDocumentLocation(location, kind, name)));
    }

    /// <summary>
    /// Refuses a path that a symbolic link already in the output directory would lead outside it: the run
    /// writes only inside the directory it was given.
    /// </summary>
    private void EnsureInside(string path, string realRoot, string origin)
    {
        var real = RealPath.Of(path);
        if (!RealPath.IsInside(real, realRoot))
        {
            throw new UserException($"{origin}: {Path.GetRelativePath(root, path)} leads outside the output directory {root} through a symbolic link (to {real}); remove the link");
        }
    }

    private static string SecretDocumentLocation(DocumentLocation location, string kind, string name) =>
        (location with { Kind = location.Kind ?? kind, Name = location.Name ?? name }).ToString();

    /// <summary>Helm 4's regrouping annotation means nothing in a split file; the resource is copied without it.</summary>
    private static MappingNode WithoutHelmPostRendererAnnotations(MappingNode resource)
    {
        if ((resource.Get("metadata") as MappingNode)?.Get("annotations") is not MappingNode annotations
            || !annotations.Entries.Any(entry => IsHelmPostRendererKey(entry.Key)))
        {
            return resource;
        }

        var kept = annotations.Entries.Where(entry => !IsHelmPostRendererKey(entry.Key)).ToList();
        var metadata = new MappingNode(((MappingNode)resource.Get("metadata")!).Entries
            .Where(entry => kept.Count > 0 || (entry.Key as ScalarNode)?.Value != "annotations")
            .Select(entry => (entry.Key as ScalarNode)?.Value == "annotations" ? new KeyValuePair<Node, Node>(entry.Key, new MappingNode(kept)) : entry)
            .ToList());
        return new MappingNode(resource.Entries
            .Select(entry => (entry.Key as ScalarNode)?.Value == "metadata" ? new KeyValuePair<Node, Node>(entry.Key, metadata) : entry)
            .ToList());
    }

    private static bool IsHelmPostRendererKey(Node key) =>
        key is ScalarNode scalar && scalar.Value.StartsWith(HelmPostRendererPrefix, StringComparison.Ordinal);

    private string StageText(string text)
    {
        var staged = Path.Combine(staging, $"record-{stagedRecords++}");
        File.WriteAllText(staged, text, Utf8);
        return staged;
    }
}
