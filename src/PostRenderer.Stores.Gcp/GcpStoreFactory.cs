using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Gcp;

/// <summary>Creates the GCP Secret Manager store from <see cref="GcpSettings"/> and Application Default Credentials.</summary>
public sealed class GcpStoreFactory : ISecretStoreFactory
{
    private static readonly Uri DefaultEndpoint = new("https://secretmanager.googleapis.com/");

    private static readonly string[] ProjectVariables = ["GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT"];

    public Backend Backend => Backend.Gcp;

    public ISecretStore Create(StoreContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings.Section<GcpSettings>(Backend.Gcp);
        var project = Project(settings, context.Environment);
        var endpoint = Endpoint(settings);
        var credentials = GcpCredentialSource.FromEnvironment(context.Environment, context.Http, context.Settings.Populate);
        var target = new GcpTarget(project, credentials, new GcpQuotaWait(settings.QuotaWait));
        var http = new HttpClient(new GcpAuthorizationHandler(credentials) { InnerHandler = context.Http.CreateHandler(GcpStore.StoreName) })
        {
            BaseAddress = endpoint,
            Timeout = Timeout.InfiniteTimeSpan, // the retrying handler times each attempt
        };
        return new GcpStore(new GcpSecretManagerClient(http, target), credentials, settings.ReplicaLocations);
    }

    private static string Project(GcpSettings settings, IReadOnlyDictionary<string, string> environment)
    {
        if (!string.IsNullOrWhiteSpace(settings.ProjectId))
        {
            return settings.ProjectId.Trim();
        }

        foreach (var variable in ProjectVariables)
        {
            if (environment.TryGetValue(variable, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        throw new ConfigurationException("gcp: no project for Secret Manager; set gcp.projectId in the settings, or GOOGLE_CLOUD_PROJECT");
    }

    private static Uri Endpoint(GcpSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Endpoint))
        {
            return DefaultEndpoint;
        }

        var text = settings.Endpoint.Trim();
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ConfigurationException($"gcp: endpoint '{settings.Endpoint}' is not an http(s) URL");
        }

        return endpoint;
    }
}
