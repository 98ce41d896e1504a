using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Hardening.Tests;

/// <summary>
/// The least of Vault that `--backend vault` needs, on HttpListener at 127.0.0.1 (not Kestrel: the ASP.NET Core
/// framework reference would keep the CLI's own Microsoft.Extensions assemblies out of this project's output): the KV v2 mount "secret" with
/// check-and-set (options.cas must equal the current version; 0 creates), the mount preflight, and a token check.
/// Every version of every entry is kept, so a test can see each key's whole history.
/// (PostRenderer.Stores.Vault.Tests has the full fake; its types are internal to that project.)
/// </summary>
internal sealed class MiniVault : IAsyncDisposable
{
    public const string Token = "hvs.mini-vault-token";

    private readonly HttpListener listener;
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<Dictionary<string, string>>> entries = new(StringComparer.Ordinal);
    private readonly Task loop;
    private int casConflicts;

    private MiniVault(HttpListener listener, string address)
    {
        this.listener = listener;
        Address = address;
        loop = Task.Run(AcceptAsync);
    }

    public string Address { get; }

    public int CasConflicts => Volatile.Read(ref casConflicts);

    public static Task<MiniVault> StartAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var address = $"http://127.0.0.1:{ClosedPort.Find()}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(address);
            try
            {
                listener.Start();
                return Task.FromResult(new MiniVault(listener, address.TrimEnd('/')));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Every version of the entry, oldest first (empty when it was never written).</summary>
    public List<Dictionary<string, string>> History(string entry)
    {
        lock (gate)
        {
            return entries.TryGetValue(entry, out var versions) ? versions.Select(v => new Dictionary<string, string>(v)).ToList() : [];
        }
    }

    public IReadOnlyList<string> EntryNames()
    {
        lock (gate)
        {
            return [.. entries.Keys];
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var (status, body) = await AnswerAsync(context.Request);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away; nothing to answer.
        }
    }

    private async Task<(int Status, string Body)> AnswerAsync(HttpListenerRequest request)
    {
        if (request.Headers["X-Vault-Token"] != Token)
        {
            return (403, """{"errors":["permission denied"]}""");
        }

        var path = request.Url?.AbsolutePath ?? "";
        if (path == "/v1/sys/internal/ui/mounts/secret")
        {
            return (200, """{"data":{"path":"secret/","type":"kv","options":{"version":"2"}}}""");
        }

        const string prefix = "/v1/secret/data/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return (404, """{"errors":[]}""");
        }

        var entry = path[prefix.Length..];
        if (request.HttpMethod == "GET")
        {
            lock (gate)
            {
                if (!entries.TryGetValue(entry, out var versions))
                {
                    return (404, """{"errors":[]}""");
                }

                var data = JsonSerializer.Serialize(versions[^1]);
                return (200, "{\"data\":{\"data\":" + data + ",\"metadata\":{\"version\":" + versions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}}");
            }
        }

        var body = JsonNode.Parse(await new StreamReader(request.InputStream).ReadToEndAsync());
        if (body?["data"] is not JsonObject written || body["options"]?["cas"] is not JsonValue cas)
        {
            return (400, """{"errors":["a write needs data and options.cas"]}""");
        }

        lock (gate)
        {
            if (!entries.TryGetValue(entry, out var versions))
            {
                entries[entry] = versions = [];
            }

            if (cas.GetValue<long>() != versions.Count)
            {
                Interlocked.Increment(ref casConflicts);
                return (400, """{"errors":["check-and-set parameter did not match the current version"]}""");
            }

            versions.Add(written.ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>(), StringComparer.Ordinal));
            return (200, $$$"""{"data":{"version":{{{versions.Count}}}}}""");
        }
    }
}
