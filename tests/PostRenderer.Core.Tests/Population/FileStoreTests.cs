using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Core.ProcessIO;

namespace PostRenderer.Core.Tests.Population;

/// <summary>The file store's own compare-and-set: a write lands only on the entry exactly as it was read.</summary>
public sealed class FileStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("file-store-").FullName;

    private string StorePath => Path.Combine(directory, "secrets.json");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private FileStore Store() => new(StorePath, TimeSpan.FromSeconds(10));

    private static Dictionary<string, string> Properties(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    [Fact]
    public async Task A_write_on_the_entry_as_read_lands()
    {
        File.WriteAllText(StorePath, """{"e": {"a": "1"}}""");
        using var store = Store();
        var read = await store.ReadAsync("e", default);

        Assert.True(await store.TryWriteAsync("e", Properties(("a", "1"), ("b", "2")), read, default));
        Assert.Equal("2", (await store.ReadAsync("e", default))!.Properties["b"]);
    }

    [Theory]
    [InlineData("""{"e": {"a": "changed"}}""")]
    [InlineData("""{"e": {"a": "1", "c": "added"}}""")]
    [InlineData("""{"e": {}}""")]
    [InlineData("""{"e": {"renamed": "1"}}""")]
    [InlineData("""{}""")]
    public async Task A_write_on_an_entry_changed_since_it_was_read_is_refused_and_changes_nothing(string changed)
    {
        File.WriteAllText(StorePath, """{"e": {"a": "1"}}""");
        using var store = Store();
        var read = await store.ReadAsync("e", default);
        File.WriteAllText(StorePath, changed);

        Assert.False(await store.TryWriteAsync("e", Properties(("a", "1"), ("b", "2")), read, default));
        Assert.Equal(changed, File.ReadAllText(StorePath));
    }

    [Fact]
    public async Task Creating_an_entry_that_appeared_since_it_was_read_is_refused()
    {
        using var store = Store();
        var read = await store.ReadAsync("e", default);
        File.WriteAllText(StorePath, """{"e": {"a": "other writer"}}""");

        Assert.Null(read);
        Assert.False(await store.TryWriteAsync("e", Properties(("a", "mine")), read, default));
        Assert.Equal("other writer", (await store.ReadAsync("e", default))!.Properties["a"]);
    }

    [Fact]
    public async Task Keys_rewritten_in_another_order_are_not_a_change()
    {
        File.WriteAllText(StorePath, """{"e": {"a": "1", "b": "2"}}""");
        using var store = Store();
        var read = await store.ReadAsync("e", default);
        File.WriteAllText(StorePath, """{"e": {"b": "2", "a": "1"}}""");

        Assert.True(await store.TryWriteAsync("e", Properties(("a", "1"), ("b", "2"), ("c", "3")), read, default));
    }

    [Fact]
    public async Task A_write_replaces_its_entry_in_place_and_copies_the_others_as_they_are()
    {
        File.WriteAllText(StorePath, """{"first": {"k": "caf\u00e9 <&> \"q\" \n"}, "e": {"a": "1"}, "last": {"n": "2"}}""");
        using var store = Store();
        var read = await store.ReadAsync("e", default);

        Assert.True(await store.TryWriteAsync("e", Properties(("b", "2"), ("a", "1")), read, default));

        var text = File.ReadAllText(StorePath);
        Assert.True(text.IndexOf("\"first\"", StringComparison.Ordinal) < text.IndexOf("\"e\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("\"e\"", StringComparison.Ordinal) < text.IndexOf("\"last\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("\"a\"", StringComparison.Ordinal) < text.IndexOf("\"b\"", StringComparison.Ordinal));
        Assert.Equal("café <&> \"q\" \n", (await store.ReadAsync("first", default))!.Properties["k"]);
        Assert.Equal("2", (await store.ReadAsync("last", default))!.Properties["n"]);
        Assert.Equal(2, (await store.ReadAsync("e", default))!.Properties.Count);
    }

    [Fact]
    public async Task A_new_entry_is_added_after_the_others()
    {
        File.WriteAllText(StorePath, """{"b": {"k": "1"}}""");
        using var store = Store();

        Assert.True(await store.TryWriteAsync("a", Properties(("k", "2")), expected: null, default));

        var text = File.ReadAllText(StorePath);
        Assert.True(text.IndexOf("\"b\"", StringComparison.Ordinal) < text.IndexOf("\"a\"", StringComparison.Ordinal));
        Assert.Equal("1", (await store.ReadAsync("b", default))!.Properties["k"]);
    }

    [Theory]
    [InlineData("[]", "not a JSON object of entries")]
    [InlineData("null", "not a JSON object of entries")]
    [InlineData("{\"e\": ", "not valid JSON (line 1)")]
    [InlineData("{\"e\": {\"a\": 1}}", "property 'a' is not a string")]
    [InlineData("{\"e\": {\"a\": \"file-store-secret-value-1\"}, \"e\": {}}", "names an entry twice")]
    [InlineData("{\"e\": {\"a\": \"file-store-secret-value-1\", \"a\": \"x\"}}", "names a property twice")]
    public async Task A_store_file_that_is_not_entries_of_strings_is_a_clear_error(string content, string message)
    {
        File.WriteAllText(StorePath, content);
        using var store = Store();

        var error = await Assert.ThrowsAsync<PostRenderer.Core.Errors.StoreException>(() => store.ReadAsync("e", default));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("file-store-secret-value-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_read_shows_no_content_when_formatted()
    {
        File.WriteAllText(StorePath, """{"e": {"password": "file-store-secret-value-31"}}""");
        using var store = Store();

        var read = await store.ReadAsync("e", default);

        Assert.DoesNotContain("file-store-secret-value-31", read!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_that_arrive_together_share_one_rewrite_of_the_file_and_each_is_compared_on_its_own()
    {
        File.WriteAllText(StorePath, """{"taken": {"a": "other writer"}}""");
        var rewrites = 0;
        using var store = new FileStore(StorePath, TimeSpan.FromSeconds(10))
        {
            OpenStream = (file, options) =>
            {
                Interlocked.Increment(ref rewrites);
                return new FileStream(file, options);
            },
        };

        // 200 writers at once, as population's 32 concurrent entries and more; one of them on a stale read.
        var writes = Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => store.TryWriteAsync($"e{i}", Properties(("k", $"v{i}")), null, default)))
            .Append(Task.Run(() => store.TryWriteAsync("taken", Properties(("a", "mine")), null, default)))
            .ToArray();
        var results = await Task.WhenAll(writes);

        Assert.All(results[..200], Assert.True);
        Assert.False(results[200]);
        Assert.True(rewrites < 200, $"{rewrites} rewrites for 200 writes");
        using var fresh = Store();
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal($"v{i}", (await fresh.ReadAsync($"e{i}", default))!.Properties["k"]);
        }

        Assert.Equal("other writer", (await fresh.ReadAsync("taken", default))!.Properties["a"]);
    }

    [Fact]
    public async Task Another_writers_change_between_two_groups_is_kept_even_at_the_same_size()
    {
        using var store = Store();
        Assert.True(await store.TryWriteAsync("mine", Properties(("k", "1")), null, default));
        // Another process replaces one byte of a value: same length, same entries, different content.
        var written = File.ReadAllText(StorePath);
        File.WriteAllText(StorePath, written.Replace("\"1\"", "\"9\"", StringComparison.Ordinal));

        Assert.False(await store.TryWriteAsync("mine", Properties(("k", "1"), ("j", "2")), new StoreEntry(Properties(("k", "1")), null), default));
        Assert.True(await store.TryWriteAsync("second", Properties(("k", "2")), null, default));

        using var fresh = Store();
        Assert.Equal("9", (await fresh.ReadAsync("mine", default))!.Properties["k"]);
        Assert.Equal("2", (await fresh.ReadAsync("second", default))!.Properties["k"]);
    }

    [Fact]
    public async Task A_write_refused_as_stale_refreshes_what_later_reads_see()
    {
        using var store = Store();
        Assert.Null(await store.ReadAsync("e", default));
        File.WriteAllText(StorePath, """{"e": {"a": "other writer"}}""");

        Assert.Null(await store.ReadAsync("e", default)); // answered from the file as this process last read it
        Assert.False(await store.TryWriteAsync("e", Properties(("a", "mine")), null, default));
        Assert.Equal("other writer", (await store.ReadAsync("e", default))!.Properties["a"]);
    }

    private string[] TemporaryFiles() => Directory.GetFiles(directory, "secrets.json.tmp-*");

    [Fact]
    public async Task A_write_that_fails_midway_removes_its_temporary_file_and_keeps_the_store()
    {
        File.WriteAllText(StorePath, """{"e": {"a": "1"}}""");
        using var store = new FileStore(StorePath, TimeSpan.FromSeconds(10))
        {
            OpenStream = (file, options) => new FailingStream(new FileStream(file, options)),
        };

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("new", Properties(("k", "temporary-file-value-41")), null, default));

        Assert.Empty(TemporaryFiles());
        Assert.Equal(ExitCodes.Failure, error.ExitCode);
        Assert.Contains($"cannot write {StorePath}: no space left on the device", error.Message, StringComparison.Ordinal);
        Assert.Equal("""{"e": {"a": "1"}}""", File.ReadAllText(StorePath));
    }

    [Fact]
    public async Task A_write_that_cannot_replace_the_store_file_removes_its_temporary_file()
    {
        // A folder where the store file should be: the temporary file is written, then renaming it fails.
        Directory.CreateDirectory(StorePath);
        using var store = Store();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("new", Properties(("k", "temporary-file-value-42")), null, default));

        Assert.Empty(TemporaryFiles());
        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
        Assert.Contains($"cannot write {StorePath}: it is a folder, not a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_path_through_a_file_is_the_users_error_with_the_path_and_the_reason()
    {
        File.WriteAllText(Path.Combine(directory, "plain-file"), "");
        using var store = new FileStore(Path.Combine(directory, "plain-file", "secrets.json"), TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.TryWriteAsync("new", Properties(("k", "v")), null, default));

        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
        Assert.Contains("plain-file/secrets.json: a file is in the way of a folder on the path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signal_during_a_write_waits_for_it_and_stops_the_writes_after_it()
    {
        File.WriteAllText(StorePath, """{"e": {"a": "1"}}""");
        var interruption = new Interruption();
        Thread? handler = null;
        using var store = new FileStore(StorePath, TimeSpan.FromSeconds(10))
        {
            Interruption = interruption,
            OpenStream = (file, options) =>
            {
                // As the signal handler's thread, while the temporary file is being written.
                handler = new Thread(() => interruption.Interrupt(143));
                handler.Start();
                SpinWait.SpinUntil(() => interruption.Requested);
                return new FileStream(file, options);
            },
        };

        Assert.True(await store.TryWriteAsync("new", Properties(("k", "v1")), null, default));
        handler!.Join();

        Assert.Empty(TemporaryFiles());
        Assert.Equal("v1", (await store.ReadAsync("new", default))!.Properties["k"]);
        await Assert.ThrowsAsync<OperationCanceledException>(() => store.TryWriteAsync("later", Properties(("k", "v2")), null, default));
        Assert.Empty(TemporaryFiles());
        Assert.Null(await store.ReadAsync("later", default));
    }

    /// <summary>A stream whose writes fail as on a full disk, after the file was created.</summary>
    private sealed class FailingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => throw new IOException("No space left on device", 28);

        public override void Write(byte[] buffer, int offset, int count) => Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
