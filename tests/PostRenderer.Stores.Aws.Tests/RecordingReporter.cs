using System.Collections.Concurrent;
using PostRenderer.Core.Diagnostics;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>Keeps what a store reports, to assert on warnings.</summary>
internal sealed class RecordingReporter : IReporter
{
    public ConcurrentQueue<string> Warnings { get; } = new();

    public void Warn(string message) => Warnings.Enqueue(message);

    public void Info(string message)
    {
    }

    public void Error(string message) => throw new InvalidOperationException("unexpected error report: " + message);
}
