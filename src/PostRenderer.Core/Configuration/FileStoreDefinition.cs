namespace PostRenderer.Core.Configuration;

/// <summary>The local JSON file store: Core's own, the default, so that a first run needs no cloud.</summary>
public sealed class FileStoreDefinition : StoreDefinition<FileStoreSettings>
{
    public static FileStoreDefinition Instance { get; } = new();

    public override Backend Backend => Backend.File;

    public override string Name => "file";

    // jx secret convert wrote 'local' for Secrets its mapping kept in the cluster.
    public override string? JenkinsXBackendType => "local";

    public override bool EntryNamesMayMerge => false;

    public override bool EntryNamesArePaths => true;

    public override JenkinsXEntries JenkinsXEntries => JenkinsXEntries.PerKey;

    public override bool JenkinsXPropertyPerKey => true;

    public override string EntryName(string raw) => EntryNameRules.RequirePath(raw);

    public override FileStoreSettings Read(SectionReader section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var path = section.String("path");
        section.RejectUnknown();
        return path is null ? new FileStoreSettings() : new FileStoreSettings { Path = path };
    }
}
