using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Rendering;

/// <summary>
/// What rendering documents ahead of their turn, on another thread, would have told the user (warnings) or checked
/// against the documents before them (entry-name claims), in the order it happened, so that the thread writing the
/// output can do each when its document's turn comes: the messages, and the first error, are then exactly those of a
/// render on one thread.
/// </summary>
internal sealed class RenderJournal : IReporter, IEntryNameClaims
{
    private readonly List<Entry> entries = [];

    public int Count => entries.Count;

    public void Warn(string message) => entries.Add(new Entry(EntryKind.Warning, message));

    public void WarnOnce(string key, string message) => entries.Add(new Entry(EntryKind.WarningOnce, message, key));

    public void Info(string message) => entries.Add(new Entry(EntryKind.Info, message));

    public void Error(string message) => entries.Add(new Entry(EntryKind.Error, message));

    public void Claim(StoreDefinition definition, EntryNameScope store, string name, string raw, DocumentLocation location) =>
        entries.Add(new Entry(EntryKind.Claim, name, raw, definition, location, store));

    /// <summary>Does entries <paramref name="from"/> to <paramref name="to"/> (exclusive) for real, in order.</summary>
    public void Replay(int from, int to, IReporter reporter, IEntryNameClaims claims)
    {
        for (var i = from; i < to; i++)
        {
            var entry = entries[i];
            switch (entry.Kind)
            {
                case EntryKind.Warning:
                    reporter.Warn(entry.Text);
                    break;
                case EntryKind.WarningOnce:
                    reporter.WarnOnce(entry.Raw!, entry.Text);
                    break;
                case EntryKind.Info:
                    reporter.Info(entry.Text);
                    break;
                case EntryKind.Error:
                    reporter.Error(entry.Text);
                    break;
                default:
                    claims.Claim(entry.Definition!, entry.Store, entry.Text, entry.Raw!, entry.Location!);
                    break;
            }
        }
    }

    public void Clear() => entries.Clear();

    private enum EntryKind
    {
        Warning,
        WarningOnce,
        Info,
        Error,
        Claim,
    }

    private readonly record struct Entry(EntryKind Kind, string Text, string? Raw = null, StoreDefinition? Definition = null, DocumentLocation? Location = null, EntryNameScope Store = default);
}
