using System.Net;
using System.Net.Sockets;

namespace PostRenderer.Stores.TestSupport;

/// <summary>A loopback port nothing listens on now: for "connection refused", or for a listener of a test's own to take.</summary>
public static class ClosedPort
{
    public static int Find()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
