namespace PostRenderer.Core.Errors;

/// <summary>Bad input inside one document; the message names the document so the user can find it.</summary>
internal sealed class DocumentException : UserException
{
    public DocumentException(DocumentLocation location, string problem, Exception? inner = null)
        : base($"{location}: {problem}", ExitCodes.BadInput, inner)
    {
        Location = location;
    }

    public DocumentLocation Location { get; }
}
