using System.Net.Sockets;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// A loopback listener that reads the first bytes of each connection and then resets it (RST, no answer): a load
/// balancer dropping a backend, a server restarting. The client sees "connection reset by peer", which the AWS SDK
/// takes for a stale pooled connection and retries on its own unless told not to. Every try of a client opens a
/// connection, since the last was reset (and .NET's connection pool itself sends a request without a body again, up
/// to 3 times, when its connection fails before any byte of the answer).
/// </summary>
public sealed class ResettingServer : LoopbackListener
{
    protected override void Accepted(TcpClient client) => _ = ResetOnFirstBytesAsync(client, Stopping.Token);

    private static async Task ResetOnFirstBytesAsync(TcpClient client, CancellationToken stopping)
    {
        using (client)
        {
            try
            {
                // Something of the request read (its head, or a TLS hello), so the client waits for the answer when the
                // reset comes.
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
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
