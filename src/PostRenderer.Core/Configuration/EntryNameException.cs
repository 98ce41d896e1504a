namespace PostRenderer.Core.Configuration;

/// <summary>A store cannot take an entry name; the message says which name and what to fix, and is shown with the document.</summary>
public sealed class EntryNameException(string message) : Exception(message);
