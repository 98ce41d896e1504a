using System.Net;
using System.Net.Sockets;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// A loopback listener that reads the first bytes of each connection and then resets it (RST, no answer): a load
/// balancer dropping a backend, a server restarting. The client sees "connection reset by peer", which the AWS SDK
/// takes for a stale pooled connection and retries on its own unless told not to.
/// </summary>
public sealed class ResettingServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private int connections;

    public ResettingServer()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>host:port, as endpoint variables without a scheme take it.</summary>
    public string HostAndPort => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public Uri Address => new($"http://{HostAndPort}/");

    /// <summary>
    /// Connections accepted so far: every try of a client opens one, since the last was reset (and .NET's connection
    /// pool itself sends a request again, up to 3 times, when its connection fails before any byte of the answer).
    /// </summary>
    public int Connections => Volatile.Read(ref connections);

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
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
                _ = ResetOnFirstBytesAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task ResetOnFirstBytesAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                // Something of the request read (its head, or a TLS hello), so the client waits for the answer when the
                // reset comes.
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                deadline.CancelAfter(TimeSpan.FromSeconds(5));
                _ = await client.GetStream().ReadAsync(new byte[16 * 1024], deadline.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The client went first, or the server stopped.
            }

            // Linger 0: close sends RST instead of FIN.
            client.LingerState = new LingerOption(enable: true, seconds: 0);
        }
    }
}
