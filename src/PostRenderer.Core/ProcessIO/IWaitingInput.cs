namespace PostRenderer.Core.ProcessIO;

/// <summary>
/// Input that can tell when a read is about to wait for its producer. The render then lets out everything it
/// holds (documents gathered for the other cores, output still in its buffer) before the wait, so that a
/// producer that writes a document and pauses sees that document's output at once, while a fast producer,
/// whose reads never wait, keeps the large batches and writes that make throughput.
/// </summary>
internal interface IWaitingInput
{
    /// <summary>Called on the reading thread just before a read that would wait for more input.</summary>
    Action? BeforeWait { get; set; }
}
