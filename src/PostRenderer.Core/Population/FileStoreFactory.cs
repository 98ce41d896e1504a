using PostRenderer.Core.Configuration;

namespace PostRenderer.Core.Population;

/// <summary>The local file store; the default backend, so that a first run needs no cloud.</summary>
public sealed class FileStoreFactory : ISecretStoreFactory
{
    public Backend Backend => Backend.File;

    public ISecretStore Create(StoreContext context) =>
        new FileStore(Path.GetFullPath(context.Settings.Section<FileStoreSettings>(Backend.File).Path), context.Settings.Populate.Timeout) { Interruption = context.Interruption };
}
