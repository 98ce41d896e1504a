using System.Net;
using System.Net.Sockets;

namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Serves the files of one folder over HTTP on 127.0.0.1, as a release's download URL would (no internet here):
/// GET /NAME answers the file or 404. Stops when disposed.
/// </summary>
public sealed class LoopbackFileServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string folder;
    private readonly Task serving;

    public LoopbackFileServer(string folder)
    {
        this.folder = folder;
        BaseUrl = $"http://127.0.0.1:{FreePort()}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public List<string> Requests { get; } = [];

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(10));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var name = Path.GetFileName(context.Request.Url!.AbsolutePath);
            lock (Requests)
            {
                Requests.Add(name);
            }

            var path = Path.Combine(folder, name);
            if (name.Length > 0 && File.Exists(path))
            {
                var bytes = await File.ReadAllBytesAsync(path);
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }
}
