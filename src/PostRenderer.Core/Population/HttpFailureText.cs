using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace PostRenderer.Core.Population;

/// <summary>
/// Words for a failed HTTP exchange. .NET's own messages are resource lookups, and a build published with
/// UseSystemResourceKeys shows the lookup key (<c>net_http_ssl_connection_failed</c>) instead of the text; so the
/// message is built here from the exception's kind (HttpRequestError, SocketError, AuthenticationException), and
/// .NET's text is added only when it reads as words.
/// </summary>
public static class HttpFailureText
{
    /// <summary>What a user should set to trust a private CA, for any store; stores add their own setting.</summary>
    public const string TrustHint =
        "if the server's certificate is signed by a private CA, trust it: on Linux set SSL_CERT_FILE to a PEM bundle holding that CA (or add it to the system store)";

    /// <summary>True when <paramref name="ex"/> or an inner exception is a failed TLS handshake.</summary>
    public static bool IsTlsFailure(Exception ex) =>
        Chain(ex).Any(inner => inner is AuthenticationException
            || inner is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError });

    /// <summary>
    /// True when the TLS handshake itself was refused (certificate or protocol), which asking again does not heal; a
    /// connection reset during the handshake is a TLS failure too, but a transient one.
    /// </summary>
    public static bool IsHandshakeRefused(Exception ex) => Chain(ex).Any(inner => inner is AuthenticationException);

    /// <summary>One clause saying what went wrong on the way to <paramref name="target"/> (an authority such as https://host:8200).</summary>
    public static string Describe(Exception ex, string? target)
    {
        var where = target ?? "the server";
        if (IsTlsFailure(ex))
        {
            var detail = Chain(ex).OfType<AuthenticationException>().Select(inner => Words(inner.Message)).FirstOrDefault(text => text is not null);
            return $"TLS handshake with {where} failed{(detail is null ? "" : $" ({detail})")}: the server's certificate is not trusted here, or it does not speak TLS; {TrustHint}";
        }

        if (Chain(ex).OfType<SocketException>().FirstOrDefault() is { } socket)
        {
            return Socket(socket.SocketErrorCode, where);
        }

        if (Chain(ex).OfType<HttpRequestException>().FirstOrDefault() is { } http && Http(http, where) is { } text)
        {
            return text;
        }

        if (Chain(ex).OfType<IOException>().Any())
        {
            return $"the connection to {where} broke off";
        }

        return Chain(ex).Select(inner => Words(inner.Message)).FirstOrDefault(words => words is not null) is { } message
            ? message
            : $"the exchange with {where} failed ({ex.GetType().Name})";
    }

    private static string? Http(HttpRequestException ex, string where) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => $"the host name of {where} could not be resolved (DNS); check the address",
        HttpRequestError.ConnectionError => $"could not connect to {where}",
        HttpRequestError.ProxyTunnelError =>
            $"the HTTP proxy refused to open a tunnel to {where}{(ex.StatusCode is { } status ? $" (HTTP {(int)status})" : "")}; check HTTPS_PROXY / NO_PROXY and what the proxy allows",
        HttpRequestError.UserAuthenticationError => $"the proxy or {where} asked for credentials this tool does not have (HTTP 401/407); put the proxy's user in the proxy URL or exempt the host with NO_PROXY",
        HttpRequestError.HttpProtocolError => $"{where} broke the HTTP protocol",
        HttpRequestError.InvalidResponse => $"{where} answered with something that is not HTTP; is the address right (http vs https, the port)?",
        HttpRequestError.ResponseEnded => $"{where} closed the connection before its answer was complete",
        HttpRequestError.ConfigurationLimitExceeded => $"the answer of {where} exceeded a limit (headers or body too large)",
        HttpRequestError.VersionNegotiationError => $"{where} and this tool found no HTTP version in common",
        _ => null,
    };

    private static string Socket(SocketError error, string where) => error switch
    {
        SocketError.ConnectionRefused => $"connection to {where} refused: nothing listens there; check the address and port",
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => $"the host name of {where} could not be resolved (DNS); check the address",
        SocketError.TimedOut => $"connecting to {where} timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown or SocketError.HostDown => $"{where} is unreachable from this network",
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => $"the connection to {where} was reset",
        SocketError.AccessDenied => $"the network refused the connection to {where} (access denied)",
        _ => $"the connection to {where} failed (socket error {error})",
    };

    // Real text has spaces and no resource keys; a key may come alone or formatted into a list
    // ("net_ssl_io_cert_chain_validation, UntrustedRoot").
    private static string? Words(string message) =>
        message.Contains(' ', StringComparison.Ordinal)
        && !message.Contains("see inner exception", StringComparison.OrdinalIgnoreCase)
        && !message.Split(' ', ',', ':', ';', '(', ')', '\'', '"').Any(IsResourceKey)
            ? message.TrimEnd('.')
            : null;

    private static bool IsResourceKey(string word) =>
        word.Contains('_', StringComparison.Ordinal) && word.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.Flatten().InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }

                yield break;
            }

            yield return current;
        }
    }
}
