using System.Net;
using System.Net.Sockets;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// A loopback listener that accepts connections and never answers: a metadata endpoint behind a firewall that drops
/// replies, a proxy that hangs. What a client does with it shows whether its timeouts cover credential lookups.
/// </summary>
public sealed class SilentServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> held = [];
    private readonly CancellationTokenSource stop = new();
    private int connections;

    public SilentServer()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>host:port, as metadata host variables take it.</summary>
    public string HostAndPort => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public Uri Address => new($"http://{HostAndPort}/");

    /// <summary>Connections accepted so far: each try of a client makes one (or reuses one).</summary>
    public int Connections => Volatile.Read(ref connections);

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        lock (held)
        {
            held.ForEach(client => client.Dispose());
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
                lock (held)
                {
                    held.Add(client);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }
}
