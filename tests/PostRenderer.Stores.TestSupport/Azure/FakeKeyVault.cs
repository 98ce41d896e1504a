using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.TestSupport.Azure;

/// <summary>
/// An in-memory Azure Key Vault speaking the secrets REST API the SDK uses, over HTTPS on 127.0.0.1:
/// <c>GET /secrets/{name}/[{version}]</c>, <c>GET /secrets/{name}/versions</c> (paged by <c>maxresults</c>, at most 25,
/// and <c>nextLink</c>; <c>created</c> in whole seconds as Key Vault gives it), <c>PUT /secrets/{name}</c>, the <c>api-version</c> query, the
/// bearer challenge (an unauthenticated request gets 401 with <c>WWW-Authenticate</c>), versions, soft-deleted
/// and disabled secrets, and Key Vault's error bodies. Knobs inject throttling, server errors, slowness,
/// denial, and hold writes so that concurrent writers can be made to race deterministically.
/// </summary>
internal sealed class FakeKeyVault : IAsyncDisposable
{
    public const string Token = "fake-key-vault-token";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string Resource = "https://vault.azure.net";

    private static readonly Lazy<X509Certificate2> SharedCertificate = new(SelfSignedCertificate.Create);

    private readonly object sync = new();
    private readonly Dictionary<string, FakeSecret> secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<(int Status, int? RetryAfterSeconds)> faults = new();
    private readonly List<string> log = [];
    private LoopbackServer server = null!;
    private WriteBarrier? barrier;
    private int writesToHold;

    public int Port { get; private set; }

    public X509Certificate2 Certificate => SharedCertificate.Value;

    /// <summary>Runs before each PUT is applied, with the secret's name: a concurrent writer's moment.</summary>
    public Action<string>? BeforeSet { get; set; }

    /// <summary>Versions per page of a version list; Key Vault gives at most 25.</summary>
    public int VersionPageSize { get; set; } = 25;

    /// <summary>Every response is delayed this long (before any fault or answer).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>
    /// Authenticated requests get their status, headers and the first bytes of the body, then nothing more while the
    /// connection lasts: a vault or proxy that stalls after its headers.
    /// </summary>
    public bool StallBodies { get; set; }

    /// <summary>Authenticated callers get 403 ForbiddenByRbac, as an identity without a role assignment does.</summary>
    public bool DenyAccess { get; set; }

    /// <summary>"GET /secrets/x/ token" or "PUT /secrets/x no-token": what reached the vault, in order.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (sync)
            {
                return [.. log];
            }
        }
    }

    public static async Task<FakeKeyVault> StartAsync()
    {
        var vault = new FakeKeyVault();
        vault.server = await LoopbackServer.StartAsync(vault.HandleAsync, SharedCertificate.Value);
        vault.Port = vault.server.Address.Port;
        return vault;
    }

    /// <summary>
    /// The handler a test gives the store: it trusts only this fake's certificate and connects every host name
    /// to the fake, so a vault URL like https://NAME.vault.azure.net/ exercises the production configuration.
    /// </summary>
    public SocketsHttpHandler CreateTransport()
    {
        var thumbprint = Certificate.GetCertHashString();
        var transport = ToLoopbackPort(Port);
        transport.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint;
        return transport;
    }

    /// <summary>
    /// A handler that connects every host name to 127.0.0.1:<paramref name="port"/> and validates certificates as
    /// the default handler does.
    /// </summary>
    public static SocketsHttpHandler ToLoopbackPort(int port) => new()
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status, int? retryAfterSeconds = null)
    {
        lock (sync)
        {
            for (var i = 0; i < count; i++)
            {
                faults.Enqueue((status, retryAfterSeconds));
            }
        }
    }

    /// <summary>The next <paramref name="count"/> writes race through a <see cref="WriteBarrier"/>.</summary>
    public void HoldWrites(int count)
    {
        lock (sync)
        {
            writesToHold = count;
            barrier = new WriteBarrier(count);
        }
    }

    public string Seed(string name, string value, string? contentType = "application/json")
    {
        lock (sync)
        {
            return AddVersion(name, value, contentType).Id;
        }
    }

    public FakeSecretVersion? Latest(string name)
    {
        lock (sync)
        {
            return secrets.TryGetValue(name, out var secret) && !secret.Deleted ? secret.Latest : null;
        }
    }

    public int VersionCount(string name)
    {
        lock (sync)
        {
            return secrets.TryGetValue(name, out var secret) ? secret.Versions.Count : 0;
        }
    }

    public void SoftDelete(string name)
    {
        lock (sync)
        {
            secrets[name].Deleted = true;
        }
    }

    public void DisableLatest(string name)
    {
        lock (sync)
        {
            var versions = secrets[name].Versions;
            versions[^1] = versions[^1] with { Enabled = false };
        }
    }

    public async ValueTask DisposeAsync()
    {
        barrier?.Release();
        await server.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var authenticated = http.Request.Headers.Authorization.ToString() == $"Bearer {Token}";
        lock (sync)
        {
            log.Add($"{http.Request.Method} {http.Request.Path} {(http.Request.Headers.Authorization.Count == 0 ? "no-token" : "token")}");
        }

        try
        {
            if (ResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(ResponseDelay, http.RequestAborted);
            }

            await AnswerAsync(http, authenticated);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout); nothing to answer.
        }
    }

    private async Task AnswerAsync(HttpContext http, bool authenticated)
    {
        if (TakeFault() is { } fault)
        {
            if (fault.RetryAfterSeconds is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await ErrorAsync(http, fault.Status, fault.Status == 429 ? "Throttled" : "InternalServerError", "Injected fault.");
            return;
        }

        if (string.IsNullOrEmpty(http.Request.Query["api-version"]))
        {
            await ErrorAsync(http, 400, "BadParameter", "The api-version query parameter is required.");
            return;
        }

        if (!authenticated)
        {
            // Key Vault's challenge: the SDK's first request carries no token (and no body) and learns from this
            // header which tenant and resource to ask a token for.
            http.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", resource=\"{Resource}\"";
            var missing = http.Request.Headers.Authorization.Count == 0;
            await ErrorAsync(http, 401, "Unauthorized", missing ? "AKV10000: Request is missing a Bearer or PoP token." : "AKV10022: Invalid audience.");
            return;
        }

        if (DenyAccess)
        {
            await ErrorAsync(http, 403, "Forbidden", "Caller is not authorized to perform action on resource.", "ForbiddenByRbac");
            return;
        }

        if (StallBodies)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await StalledAnswer.SendAsync(http.Response, "{\"value\":\"");
            return;
        }

        await RouteAsync(http);
    }

    private Task RouteAsync(HttpContext http)
    {
        var segments = (http.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length is < 2 or > 3 || segments[0] != "secrets")
        {
            return ErrorAsync(http, 404, "NotFound", "No such resource.");
        }

        return (http.Request.Method, segments.Length) switch
        {
            ("GET", 3) when segments[2] == "versions" => ListVersionsAsync(http, segments[1]),
            ("GET", _) => GetAsync(http, segments[1], segments.Length == 3 ? segments[2] : null),
            ("PUT", 2) => SetAsync(http, segments[1]),
            _ => ErrorAsync(http, 405, "BadParameter", "Method not allowed."),
        };
    }

    private Task GetAsync(HttpContext http, string name, string? version)
    {
        FakeSecret? secret;
        FakeSecretVersion? found;
        lock (sync)
        {
            secrets.TryGetValue(name, out secret);
            found = secret is null || secret.Deleted ? null
                : version is null ? secret.Latest
                : secret.Versions.Find(v => v.Id == version);
        }

        if (secret is null || found is null)
        {
            return ErrorAsync(http, 404, "SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault.");
        }

        return found.Enabled
            ? BundleAsync(http, secret.Name, found)
            : ErrorAsync(http, 403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
    }

    private Task ListVersionsAsync(HttpContext http, string name)
    {
        var skip = int.TryParse(http.Request.Query["$skiptoken"], out var token) ? token : 0;
        var size = int.TryParse(http.Request.Query["maxresults"], out var asked) ? Math.Min(asked, VersionPageSize) : VersionPageSize;
        List<FakeSecretVersion> page;
        int total;
        string stored;
        lock (sync)
        {
            if (!secrets.TryGetValue(name, out var secret) || secret.Deleted)
            {
                return ErrorAsync(http, 404, "SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault.");
            }

            stored = secret.Name;
            total = secret.Versions.Count;
            page = [.. secret.Versions.Skip(skip).Take(size)];
        }

        // Key Vault lists versions in no particular order; newest first makes an order-dependent client fail here.
        page.Reverse();
        var items = new JsonArray([.. page.Select(version => (JsonNode)new JsonObject
        {
            ["id"] = $"https://{http.Request.Host}/secrets/{stored}/{version.Id}",
            ["contentType"] = version.ContentType,
            ["attributes"] = Attributes(version),
            ["tags"] = new JsonObject(),
        })]);
        var next = skip + size < total
            ? $"https://{http.Request.Host}/secrets/{stored}/versions?api-version={http.Request.Query["api-version"]}&$skiptoken={skip + size}&maxresults={size}"
            : null;
        return JsonAsync(http, 200, new JsonObject { ["value"] = items, ["nextLink"] = next });
    }

    private async Task SetAsync(HttpContext http, string name)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        if (body?["value"]?.GetValue<string>() is not { } value)
        {
            await ErrorAsync(http, 400, "BadParameter", "Property value is required.");
            return;
        }

        BeforeSet?.Invoke(name);
        var held = TakeBarrier();
        if (held is not null)
        {
            await held.ArriveAsync(http.RequestAborted);
        }

        FakeSecretVersion? created = null;
        string? storedName = null;
        lock (sync)
        {
            if (!(secrets.TryGetValue(name, out var existing) && existing.Deleted))
            {
                created = AddVersion(name, value, body["contentType"]?.GetValue<string>());
                storedName = secrets[name].Name;
            }
        }

        if (held is not null)
        {
            await held.AppliedAsync(http.RequestAborted);
        }

        if (created is null)
        {
            await ErrorAsync(http, 409, "Conflict", $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.", "ObjectIsDeletedButRecoverable");
            return;
        }

        await BundleAsync(http, storedName!, created);
    }

    private WriteBarrier? TakeBarrier()
    {
        lock (sync)
        {
            if (writesToHold == 0)
            {
                return null;
            }

            writesToHold--;
            return barrier;
        }
    }

    private FakeSecretVersion AddVersion(string name, string value, string? contentType)
    {
        if (!secrets.TryGetValue(name, out var secret))
        {
            secrets[name] = secret = new FakeSecret(name);
        }

        var version = new FakeSecretVersion(Guid.NewGuid().ToString("N"), value, contentType, DateTimeOffset.UtcNow);
        secret.Versions.Add(version);
        return version;
    }

    private (int Status, int? RetryAfterSeconds)? TakeFault()
    {
        lock (sync)
        {
            return faults.Count > 0 ? faults.Dequeue() : null;
        }
    }

    private static Task BundleAsync(HttpContext http, string name, FakeSecretVersion version)
    {
        var bundle = new JsonObject
        {
            ["value"] = version.Value,
            ["contentType"] = version.ContentType,
            ["id"] = $"https://{http.Request.Host}/secrets/{name}/{version.Id}",
            ["attributes"] = Attributes(version),
            ["tags"] = new JsonObject(),
        };
        return JsonAsync(http, 200, bundle);
    }

    private static JsonObject Attributes(FakeSecretVersion version)
    {
        var created = version.Created.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["enabled"] = version.Enabled,
            ["created"] = created,
            ["updated"] = created,
            ["recoveryLevel"] = "Recoverable+Purgeable",
            ["recoverableDays"] = 90,
        };
    }

    private static Task ErrorAsync(HttpContext http, int status, string code, string message, string? innerCode = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (innerCode is not null)
        {
            error["innererror"] = new JsonObject { ["code"] = innerCode };
        }

        return JsonAsync(http, status, new JsonObject { ["error"] = error });
    }

    private static Task JsonAsync(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }
}
