using System.Text.Json;
using System.Text.Json.Nodes;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Pipeline;

namespace PostRenderer.Core.Population;

/// <summary>
/// A JSON file as a secret store, for development and demos: <c>{"entry": {"key": "value"}}</c>, mode 0600,
/// replaced atomically (write a temporary file, rename). Writes hold an exclusive lock on a sibling lock file
/// and compare the entry with what was read, so parallel renders on one machine never lose a write.
/// </summary>
public sealed class FileStore(string path, TimeSpan lockTimeout) : ISecretStore
{
    // Writers of this process queue here rather than poll the lock file: with the default 32 of them polling
    // it every millisecond, the polling, not the disk, set the pace (bench/RESULTS.md). The lock file still
    // orders this process against other processes.
    private readonly SemaphoreSlim writers = new(1, 1);
    private IDisposable? signalRegistration;

    public string Name => "file";

    public bool HasCompareAndSet => true;

    public Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken) =>
        Task.FromResult(ToEntry(entry, Load()[entry]));

    public async Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
    {
        await writers.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await WriteLockedAsync(entry, properties, expected, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writers.Release();
        }
    }

    /// <summary>A signal waits for the write in progress (the temporary file is never left behind), and stops later ones.</summary>
    public Interruption Interruption { get; init; } = new();

    public void Dispose()
    {
        signalRegistration?.Dispose();
        writers.Dispose();
    }

    private async Task<bool> WriteLockedAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
    {
        using var fileLock = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        var document = Load();
        if (!SameProperties(ToEntry(entry, document[entry]), expected))
        {
            return false;
        }

        var value = new JsonObject();
        foreach (var (key, text) in properties.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            value[key] = text;
        }

        document[entry] = value;
        Save(document);
        return true;
    }

    private JsonObject Load()
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            var document = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject
                ?? throw new StoreException(Name, null, $"{path} is not a JSON object of entries; fix or remove it");
            return HasUniqueNames(document)
                ? document
                : throw new StoreException(Name, null, $"{path} names an entry twice; fix or remove it");
        }
        catch (JsonException ex)
        {
            throw new StoreException(Name, null, $"{path} is not valid JSON (line {ex.LineNumber + 1}); fix or remove it", ex);
        }
        catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
        {
            throw CannotUse("read", ex);
        }
    }

    private StoreEntry? ToEntry(string entry, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject properties)
        {
            throw new StoreException(Name, entry, $"holds a JSON {node.GetValueKind()}, not an object of properties; fix it in {path}");
        }

        if (!HasUniqueNames(properties))
        {
            throw new StoreException(Name, entry, $"names a property twice; fix it in {path}");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            result[key] = value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String
                ? scalar.GetValue<string>()
                : throw new StoreException(Name, entry, $"property '{key}' is not a string; fix it in {path}");
        }

        // No version: the compare-and-set compares the properties themselves (SameProperties). A hash of them
        // would be the same check, but SHA-256 loads OpenSSL, about 14 ms of every populating start
        // (bench/history.md).
        return new StoreEntry(result, Version: null);
    }

    // A JsonObject reads its names on first use and throws there on a name given twice; asked here, that is a
    // clear store error instead of an ArgumentException reported as a bug wherever the object is first used.
    private static bool HasUniqueNames(JsonObject names)
    {
        try
        {
            _ = names.Count;
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // The entry is unchanged since it was read when it still holds exactly the properties read; the order of
    // its keys in the file does not count.
    private static bool SameProperties(StoreEntry? current, StoreEntry? expected)
    {
        if (current is null || expected is null)
        {
            return current is null && expected is null;
        }

        if (current.Properties.Count != expected.Properties.Count)
        {
            return false;
        }

        foreach (var (key, value) in current.Properties)
        {
            if (!expected.Properties.TryGetValue(key, out var read) || !string.Equals(read, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private void Save(JsonObject document)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId;
        // Registering installs the signal handlers; the cleanup has nothing to do, as the file exists only inside Critical.
        signalRegistration ??= Interruption.OnInterrupt(() => DeleteIfPresent(temporary));
        try
        {
            using (Interruption.Critical())
            {
                WriteAndReplace(document, temporary);
            }
        }
        catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
        {
            throw CannotUse("write", ex);
        }
        finally
        {
            // The temporary file holds every value of the store: it never outlives a write that failed.
            DeleteIfPresent(temporary);
        }
    }

    private void WriteAndReplace(JsonObject document, string temporary)
    {
        // Replacing by rename would ignore a store file the user made read-only: ask for write access first.
        if (File.Exists(path))
        {
            using (new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            {
            }
        }

        using (var stream = OpenTemporary(temporary))
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            document.WriteTo(writer);
            writer.Flush();
            if (stream is FileStream file)
            {
                file.Flush(flushToDisk: true);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Test hook: opens the temporary file a write goes through (a test makes it fail midway).</summary>
    internal Func<string, FileStreamOptions, Stream> OpenStream { get; init; } = (file, options) => new FileStream(file, options);

    private Stream OpenTemporary(string temporary) => OpenStream(temporary, PrivateFile(FileMode.Create, FileAccess.Write, FileShare.None));

    private static void DeleteIfPresent(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
        {
            // Nothing more can be done; the failure that brought us here is the one reported.
        }
    }

    // A folder that cannot be written or a path through a file is the user's to fix (exit 2); a full disk is not (exit 1).
    private StoreException CannotUse(string verb, Exception ex) =>
        new(Name, null, $"cannot {verb} {path}: {FileSystemErrors.Reason(ex)}", ex, FileSystemErrors.ExitCodeFor(ex));

    // Owner-only permissions (0600 files, 0700 directory): the file holds secret values.
    private static FileStreamOptions PrivateFile(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private static void CreatePrivateDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + lockTimeout;
        try
        {
            CreatePrivateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
        {
            throw CannotUse("write", ex);
        }

        while (true)
        {
            try
            {
                return new FileStream(path + ".lock", PrivateFile(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException ex) when (FileSystemErrors.IsLockedByAnother(ex) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (FileSystemErrors.IsLockedByAnother(ex))
            {
                throw new StoreException(Name, null, $"{path}.lock stayed locked for {lockTimeout.TotalSeconds:0}s; is another run stuck?", ex);
            }
            catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
            {
                throw CannotUse("lock", ex);
            }
        }
    }
}
