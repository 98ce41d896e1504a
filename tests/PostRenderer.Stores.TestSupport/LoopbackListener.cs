using System.Net;
using System.Net.Sockets;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// A raw TCP listener on 127.0.0.1 at a free port that counts the connections it accepts and hands each to
/// <see cref="Accepted"/>: the base of servers that misbehave below HTTP (<see cref="SilentServer"/>,
/// <see cref="ResettingServer"/>).
/// </summary>
public abstract class LoopbackListener : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private int connections;

    protected LoopbackListener()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>host:port, as metadata host and endpoint variables without a scheme take it.</summary>
    public string HostAndPort => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public Uri Address => new($"http://{HostAndPort}/");

    /// <summary>Connections accepted so far: each try of a client makes one (or reuses one).</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Cancelled when the listener stops.</summary>
    protected CancellationTokenSource Stopping { get; } = new();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Stopping.Cancel();
            listener.Stop();
            Stopping.Dispose();
        }
    }

    /// <summary>What the server does with a connection; it owns <paramref name="client"/>.</summary>
    protected abstract void Accepted(TcpClient client);

    private async Task AcceptAsync()
    {
        try
        {
            while (!Stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(Stopping.Token);
                Interlocked.Increment(ref connections);
                Accepted(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }
}
