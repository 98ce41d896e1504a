using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostRenderer.Core.Errors;
using PostRenderer.Core.ProcessIO;

namespace PostRenderer.Core.Population;

/// <summary>
/// A JSON file as a secret store, for development and demos: <c>{"entry": {"key": "value"}}</c>, mode 0600,
/// replaced atomically (write a temporary file, rename). Writes hold an exclusive lock on a sibling lock file
/// and compare the entry with what was read, so parallel renders on one machine never lose a write.
/// Writes are committed in groups: the writes that arrive while one group is being written wait and go together
/// into the next, each compared with the file as read under the lock, so a group costs one read, one merge and
/// one rewrite of the file whatever its size. Reads are answered from the file as last read or written by this
/// process; a write compares with the file itself, and a write that finds the entry changed refreshes that view.
/// Under the lock the file is always read again, but parsed again only when its bytes are not the ones this
/// process last read or wrote: another writer's change is always seen, and this process's own groups do not pay
/// for parsing the whole file each time.
/// </summary>
internal sealed partial class FileStore(string path, TimeSpan lockTimeout) : ISecretStore, IPlainValueStore
{
    private const int RequestsAtOnce = 1024;

    private readonly Lock gate = new();
    private List<PendingWrite> pending = [];
    private bool committing;

    // The document as this process last read or wrote it, and the file's bytes it came from (null: not read yet,
    // or no file). Changed only under the gate: a group merges into it, and readers see it.
    private JsonObject? view;
    private byte[]? viewBytes;
    private IDisposable? signalRegistration;

    public string Name => "file";

    public bool HasCompareAndSet => true;

    /// <summary>
    /// Writes wait for the group being committed and then go together into the next, so the more a run keeps in
    /// flight, the fewer rewrites of the whole file it costs: with the network stores' 32, 1,000 Secrets took at
    /// least 32 rewrites (66 measured). A request costs no round trip, and the waiting values are no more than the
    /// file itself holds once written.
    /// </summary>
    public int RequestsInFlight(int configured) => Math.Max(configured, RequestsAtOnce);

    public Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(ToEntry(entry, View()[entry]));
        }
    }

    /// <summary>The file as this process last read it; read it on the first request. Call under the gate.</summary>
    private JsonObject View()
    {
        if (view is null)
        {
            viewBytes = ReadFile();
            view = Parse(viewBytes);
        }

        return view;
    }

    public Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken) =>
        EnqueueAsync(new PendingWrite(entry, properties, expected), cancellationToken);

    private async Task<bool> EnqueueAsync(PendingWrite write, CancellationToken cancellationToken)
    {
        bool commits;
        lock (gate)
        {
            pending.Add(write);
            commits = !committing;
            committing = true;
        }

        // The first writer to find no group being written writes groups until no write is waiting.
        if (commits)
        {
            await CommitWaitingAsync(cancellationToken).ConfigureAwait(false);
        }

        return await write.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A signal waits for the write in progress (the temporary file is never left behind), and stops later ones.</summary>
    public Interruption Interruption { get; init; } = new();

    public void Dispose()
    {
        signalRegistration?.Dispose();
    }

    private async Task CommitWaitingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            List<PendingWrite> group;
            lock (gate)
            {
                if (pending.Count == 0)
                {
                    committing = false;
                    return;
                }

                group = pending;
                pending = [];
            }

            try
            {
                await CommitAsync(group, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Nothing of the group was written: each of its writers hears why.
                lock (gate)
                {
                    view = null;
                    viewBytes = null;
                }

                foreach (var write in group)
                {
                    write.Result.TrySetException(ex);
                }
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> group, CancellationToken cancellationToken)
    {
        using var fileLock = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        var bytes = ReadFile();
        var outcomes = new List<(PendingWrite Write, bool Written)>(group.Count);
        byte[]? rewritten = null;
        lock (gate)
        {
            if (view is null || !SameBytes(bytes, viewBytes))
            {
                // Another writer changed the file (or this process never read it): its content is what counts.
                view = Parse(bytes);
                viewBytes = bytes;
            }

            foreach (var write in group)
            {
                bool written;
                try
                {
                    written = Merge(view, write);
                }
                catch (StoreException ex)
                {
                    write.Result.TrySetException(ex);
                    continue;
                }

                outcomes.Add((write, written));
            }

            if (outcomes.Exists(outcome => outcome.Written))
            {
                rewritten = Serialize(view);
            }
        }

        if (rewritten is not null)
        {
            Save(rewritten);
            lock (gate)
            {
                viewBytes = rewritten;
            }
        }

        foreach (var (write, written) in outcomes)
        {
            write.Result.TrySetResult(written);
        }
    }

    // Compare-and-set on the document read under the lock: earlier writes of the group are already in it.
    private bool Merge(JsonObject document, PendingWrite write)
    {
        if (write.PlainValue is not null)
        {
            return MergePlain(document, write);
        }

        if (!SameProperties(ToEntry(write.Entry, document[write.Entry]), write.Expected))
        {
            return false;
        }

        var value = new JsonObject();
        foreach (var (key, text) in write.Properties.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            value[key] = text;
        }

        document[write.Entry] = value;
        return true;
    }

    private sealed record PendingWrite(string Entry, IReadOnlyDictionary<string, string> Properties, StoreEntry? Expected, string? PlainValue = null)
    {
        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The store file's bytes; null when there is no file yet.</summary>
    private byte[]? ReadFile()
    {
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception ex) when (FileSystemErrors.IsFileSystemError(ex))
        {
            throw CannotUse("read", ex);
        }
    }

    private static bool SameBytes(byte[]? file, byte[]? known) =>
        file is null ? known is null : known is not null && file.AsSpan().SequenceEqual(known);

    private JsonObject Parse(byte[]? bytes)
    {
        if (bytes is null)
        {
            return [];
        }

        try
        {
            var document = JsonNode.Parse(bytes) as JsonObject
                ?? throw new StoreException(Name, null, $"{path} is not a JSON object of entries; fix or remove it");
            return HasUniqueNames(document)
                ? document
                : throw new StoreException(Name, null, $"{path} names an entry twice; fix or remove it");
        }
        catch (JsonException ex)
        {
            throw new StoreException(Name, null, $"{path} is not valid JSON (line {ex.LineNumber + 1}); fix or remove it", ex);
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
            var holds = node.GetValueKind() == JsonValueKind.String ? "a raw value (the JSON string of a key without 'property')" : $"a JSON {node.GetValueKind()}";
            throw new StoreException(Name, entry, $"holds {holds}, not an object of properties; map the keys elsewhere, or fix it in {path}");
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

    private static byte[] Serialize(JsonObject document)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void Save(byte[] content)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId;
        // Registering installs the signal handlers; the cleanup has nothing to do, as the file exists only inside Critical.
        signalRegistration ??= Interruption.OnInterrupt(() => DeleteIfPresent(temporary));
        try
        {
            using (Interruption.Critical())
            {
                WriteAndReplace(content, temporary);
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

    private void WriteAndReplace(byte[] content, string temporary)
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
            stream.Write(content);
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
