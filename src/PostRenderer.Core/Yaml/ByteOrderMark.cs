namespace PostRenderer.Core.Yaml;

/// <summary>
/// A UTF-8 byte-order mark inside a stream. Kubernetes cuts the stream into pieces at <c>---</c> lines and go-yaml
/// skips a mark only at the very start of a piece: so a document that starts with one (files joined with
/// <c>cat</c>, each saved with a BOM) means what it would without it, and a mark anywhere else is text, which
/// <see cref="KubernetesReading"/> refuses where our readers would read it otherwise.
/// </summary>
internal static class ByteOrderMark
{
    private const char Mark = '\uFEFF';

    /// <param name="markerInPiece">The document's own <c>---</c> line is part of the piece (<see cref="RawDocument.MarkerInPiece"/>).</param>
    public static string StripAtPieceStart(string text, bool markerInPiece)
    {
        if (!text.Contains(Mark, StringComparison.Ordinal))
        {
            return text;
        }

        var pieceStart = 0;
        if (IsBareMarkerLine(text) && !markerInPiece)
        {
            pieceStart = text.IndexOf('\n') + 1;
        }

        return pieceStart > 0 && pieceStart < text.Length && text[pieceStart] == Mark || pieceStart == 0 && text[0] == Mark
            ? text.Remove(pieceStart, 1)
            : text;
    }

    /// <summary>A first line that is <c>---</c> alone (spaces or a comment may follow), ending in a line break.</summary>
    private static bool IsBareMarkerLine(string text)
    {
        var end = text.IndexOf('\n');
        if (end < 0 || !text.StartsWith("---", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text.AsSpan(3, end - 3).TrimEnd('\r').TrimStart(" \t");
        return (end == 3 || text[3] is ' ' or '\t' or '\r') && (rest.IsEmpty || rest[0] == '#');
    }
}
