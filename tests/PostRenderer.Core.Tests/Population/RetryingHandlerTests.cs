using System.Diagnostics;
using System.Net;
using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Core.Tests.Population;

/// <summary>The shared store HTTP pipeline against a real loopback server that misbehaves as servers and proxies do.</summary>
public sealed class RetryingHandlerTests
{
    [Fact]
    public async Task A_server_that_stalls_after_its_headers_times_out_within_the_attempts()
    {
        await using var server = RawHttpServer.Start(RawHttpServer.Answer.StallAfterHeaders());
        // 1 s per attempt, not less: the message under test needs the headers to arrive within the attempt, and on
        // a loaded CI machine a local answer's headers took over 0.3 s.
        using var client = Client(TimeSpan.FromSeconds(1), retries: 1);
        var clock = Stopwatch.StartNew();

        // WaitAsync: a regression must fail the test, not hang it.
        var error = await Assert.ThrowsAsync<StoreException>(() => client.GetAsync(server.Address).WaitAsync(TimeSpan.FromSeconds(15)));

        // Two attempts of 1 s and one backoff of at most 0.2 s; the margin is for a loaded machine.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(6));
        Assert.Equal(2, await server.ConnectionsSettledAsync(2));
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Contains("after the headers", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("test: no complete answer from http://127.0.0.1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stalled_body_is_retried_and_a_complete_answer_then_returned()
    {
        await using var server = RawHttpServer.Start((connection, stream, token) => connection == 1
            ? RawHttpServer.Answer.StallAfterHeaders()(connection, stream, token)
            : RawHttpServer.Answer.WriteAsync(stream, RawHttpServer.Answer.Complete("""{"ok":true}"""), token));
        // 1 s per attempt for the same reason as above: the second, answered attempt must not time out itself.
        using var client = Client(TimeSpan.FromSeconds(1), retries: 2);

        using var response = await client.GetAsync(server.Address).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("""{"ok":true}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task The_body_is_already_read_when_the_caller_gets_the_response()
    {
        // A caller asking for headers only (as the Azure and Google SDKs do) still gets a body that cannot stall.
        await using var server = RawHttpServer.Start(RawHttpServer.Answer.Json("""{"a":1}"""));
        using var client = Client(TimeSpan.FromSeconds(5), retries: 0);
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Address);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await server.DisposeAsync();

        Assert.Equal("""{"a":1}""", await response.Content.ReadAsStringAsync());
        Assert.True(request.Options.TryGetValue(StoreHttp.AttemptsKey, out var attempts));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task An_answer_larger_than_the_bound_is_refused_without_reading_it_all()
    {
        await using var server = RawHttpServer.Start((_, stream, token) => RawHttpServer.Answer.WriteAsync(stream,
            $"HTTP/1.1 200 OK\r\nContent-Length: {RetryingHandler.MaxAnswerBytes + 1}\r\n\r\n", token));
        using var client = Client(TimeSpan.FromSeconds(5), retries: 0);

        var error = await Assert.ThrowsAsync<StoreException>(() => client.GetAsync(server.Address));

        Assert.Contains("more than 16 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_answer_that_outgrows_the_bound_is_refused()
    {
        await using var server = RawHttpServer.Start(async (_, stream, token) =>
        {
            await RawHttpServer.Answer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", token);
            var chunk = new byte[1024 * 1024];
            var header = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
            for (var i = 0; i < 17; i++)
            {
                await stream.WriteAsync(header, token);
                await stream.WriteAsync(chunk, token);
                await stream.WriteAsync("\r\n"u8.ToArray(), token);
            }

            await RawHttpServer.Answer.WriteAsync(stream, "0\r\n\r\n", token);
        });
        using var client = Client(TimeSpan.FromSeconds(10), retries: 0);

        var error = await Assert.ThrowsAsync<StoreException>(() => client.GetAsync(server.Address));

        Assert.Contains("more than 16 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_certificate_says_how_to_trust_a_ca_and_is_not_retried()
    {
        await using var server = RawHttpServer.StartUntrustedTls();
        using var client = Client(TimeSpan.FromSeconds(5), retries: 3);

        var error = await Assert.ThrowsAsync<StoreException>(() => client.GetAsync(server.Address));

        Assert.Contains("TLS handshake with https://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("SSL_CERT_FILE", error.Message, StringComparison.Ordinal);
        Assert.Contains("tried 1 times", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task A_proxy_that_refuses_the_tunnel_is_named_in_words()
    {
        await using var proxy = RawHttpServer.Start((_, stream, token) =>
            RawHttpServer.Answer.WriteAsync(stream, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", token));
        var transport = new SocketsHttpHandler { Proxy = new WebProxy(proxy.Address), UseProxy = true };
        using var client = Client(TimeSpan.FromSeconds(5), retries: 0, transport);

        var error = await Assert.ThrowsAsync<StoreException>(() => client.GetAsync(new Uri("https://store.example.invalid/")));

        Assert.Contains("the HTTP proxy refused to open a tunnel to https://store.example.invalid (HTTP 403)", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTPS_PROXY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_named_in_words()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var client = Client(TimeSpan.FromSeconds(5), retries: 0);

        var error = await Assert.ThrowsAsync<StoreException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{port}/")));

        Assert.Contains($"cannot reach http://127.0.0.1:{port}: connection to http://127.0.0.1:{port} refused", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpRequestError.ProxyTunnelError, "net_http_proxy_tunnel_returned_failure_status_code", "proxy refused to open a tunnel")]
    [InlineData(HttpRequestError.SecureConnectionError, "net_http_ssl_connection_failed", "TLS handshake with https://h failed")]
    [InlineData(HttpRequestError.NameResolutionError, "net_http_request_error", "could not be resolved")]
    [InlineData(HttpRequestError.ResponseEnded, "net_http_invalid_response_premature_eof", "closed the connection")]
    [InlineData(HttpRequestError.Unknown, "net_http_client_execution_error", "the exchange with https://h failed (HttpRequestException)")]
    public void Messages_are_words_even_when_dotnet_gives_only_resource_keys(HttpRequestError kind, string key, string expected)
    {
        var text = HttpFailureText.Describe(new HttpRequestException(kind, key, new AggregateException("AggregateException_ctor_DefaultMessage")), "https://h");

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotMatch("[a-z]_[a-z]", text);
    }

    [Fact]
    public void A_tls_failure_with_a_resource_key_in_its_message_is_described_without_it()
    {
        var failure = new HttpRequestException(HttpRequestError.SecureConnectionError, "net_http_ssl_connection_failed",
            new System.Security.Authentication.AuthenticationException("net_ssl_io_cert_chain_validation, UntrustedRoot"));

        var text = HttpFailureText.Describe(failure, "https://vault:8200");

        Assert.StartsWith("TLS handshake with https://vault:8200 failed: the server's certificate is not trusted", text, StringComparison.Ordinal);
        Assert.DoesNotContain("net_", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotnet_text_that_reads_as_words_is_kept()
    {
        var failure = new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established, see inner exception.",
            new System.Security.Authentication.AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));

        var text = HttpFailureText.Describe(failure, "https://vault:8200");

        Assert.Contains("failed (The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot)", text, StringComparison.Ordinal);
    }

    private static HttpClient Client(TimeSpan timeout, int retries, HttpMessageHandler? transport = null) =>
        new StoreHttp(new PopulationSettings { Timeout = timeout, Retries = retries }).CreateClient("test", transport);
}
