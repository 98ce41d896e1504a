using System.Net.Sockets;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// A loopback listener that accepts connections and never answers: a metadata endpoint behind a firewall that drops
/// replies, a proxy that hangs. What a client does with it shows whether its timeouts cover credential lookups.
/// </summary>
public sealed class SilentServer : LoopbackListener
{
    private readonly List<TcpClient> held = [];

    protected override void Accepted(TcpClient client)
    {
        lock (held)
        {
            held.Add(client);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            lock (held)
            {
                held.ForEach(client => client.Dispose());
            }
        }
    }
}
