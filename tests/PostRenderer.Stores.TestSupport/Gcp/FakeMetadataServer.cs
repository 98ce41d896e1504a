using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PostRenderer.Stores.TestSupport;

namespace PostRenderer.Stores.TestSupport.Gcp;

/// <summary>
/// The GCE metadata server as far as credentials go: it answers with <c>Metadata-Flavor: Google</c>, and hands out
/// the attached service account's access token to requests that carry that header (others get 403, as on GCE).
/// </summary>
internal sealed class FakeMetadataServer(FakeSecretManager issuer) : IAsyncDisposable
{
    private LoopbackServer server = null!;
    private int tokenRequests;

    /// <summary>host:port, for GCE_METADATA_HOST.</summary>
    public string Host => server.Address.Authority;

    /// <summary>The token endpoint accepts and never answers.</summary>
    public bool StallTokens { get; set; }

    /// <summary>The token endpoint answers 503, as a metadata server does while the GKE metadata agent starts.</summary>
    public bool FailTokens { get; set; }

    public int TokenRequests => Volatile.Read(ref tokenRequests);

    public static async Task<FakeMetadataServer> StartAsync(FakeSecretManager issuer)
    {
        var fake = new FakeMetadataServer(issuer);
        fake.server = await LoopbackServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers["Metadata-Flavor"] = "Google";
        if (context.Request.Headers["Metadata-Flavor"] != "Google")
        {
            context.Response.StatusCode = 403;
            return;
        }

        if (context.Request.Path == "/computeMetadata/v1/instance/service-accounts/default/token")
        {
            Interlocked.Increment(ref tokenRequests);
            if (StallTokens)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            if (FailTokens)
            {
                context.Response.StatusCode = 503;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject { ["access_token"] = issuer.IssueToken(), ["expires_in"] = 3599, ["token_type"] = "Bearer" }.ToJsonString());
            return;
        }

        context.Response.ContentType = "application/text";
        await context.Response.WriteAsync("computeMetadata/\n");
    }
}
