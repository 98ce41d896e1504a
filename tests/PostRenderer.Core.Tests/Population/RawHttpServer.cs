using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PostRenderer.Core.Tests.Population;

/// <summary>
/// A TCP server on 127.0.0.1 that answers each connection with whatever bytes a test scripts, including answers
/// no well-behaved HTTP server sends (headers and then silence), or a TLS handshake with an untrusted certificate.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Func<int, Stream, CancellationToken, Task> answer;
    private readonly X509Certificate2? certificate;
    private readonly Task accepting;
    private int connections;
    private int disposed;

    /// <param name="answer">Given the connection's number (from 1) and its stream, after the request's headers were read.</param>
    private RawHttpServer(Func<int, Stream, CancellationToken, Task> answer, X509Certificate2? certificate)
    {
        this.answer = answer;
        this.certificate = certificate;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public Uri Address => new($"{(certificate is null ? "http" : "https")}://127.0.0.1:{Port}/");

    public int Connections => Volatile.Read(ref connections);

    /// <summary>The connection count once it reached <paramref name="expected"/> or a second passed: a loaded machine may accept after the client gave up.</summary>
    public async Task<int> ConnectionsSettledAsync(int expected)
    {
        for (var waited = 0; Connections < expected && waited < 1000; waited += 20)
        {
            await Task.Delay(20);
        }

        return Connections;
    }

    public static RawHttpServer Start(Func<int, Stream, CancellationToken, Task> answer) => new(answer, null);

    /// <summary>Speaks TLS with a self-signed certificate no client trusts.</summary>
    public static RawHttpServer StartUntrustedTls()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        return new RawHttpServer(Answer.Json("{}"), certificate);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        certificate?.Dispose();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            var number = Interlocked.Increment(ref connections);
            _ = ServeAsync(client, number);
        }
    }

    private async Task ServeAsync(TcpClient client, int number)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                if (certificate is not null)
                {
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(certificate);
                    stream = tls;
                }

                await ReadHeadersAsync(stream, stop.Token);
                await answer(number, stream, stop.Token);
                await stream.FlushAsync(stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or System.Security.Authentication.AuthenticationException)
            {
                // The client gave up (as the tests want) or the server is stopping.
            }
        }
    }

    private static async Task ReadHeadersAsync(Stream stream, CancellationToken cancellationToken)
    {
        var seen = new StringBuilder();
        var buffer = new byte[1];
        while (!seen.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, cancellationToken) == 0)
            {
                throw new IOException("the client closed the connection");
            }

            seen.Append((char)buffer[0]);
        }
    }

    /// <summary>Scripted answers.</summary>
    public static class Answer
    {
        public static Func<int, Stream, CancellationToken, Task> Json(string body) => (_, stream, token) => WriteAsync(stream, Complete(body), token);

        /// <summary>Headers promising a body, a part of it, then nothing (the connection stays open).</summary>
        public static Func<int, Stream, CancellationToken, Task> StallAfterHeaders() => async (_, stream, token) =>
        {
            await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"par", token);
            await stream.FlushAsync(token);
            await Task.Delay(Timeout.Infinite, token);
        };

        public static string Complete(string body) =>
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

        public static Task WriteAsync(Stream stream, string text, CancellationToken token) =>
            stream.WriteAsync(Encoding.UTF8.GetBytes(text), token).AsTask();
    }
}
