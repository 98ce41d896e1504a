using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Gcp;

/// <summary>Turns a Google API error into a <see cref="StoreException"/> that says what to check.</summary>
internal static class GcpStoreFailure
{
    public static StoreException From(GcpError error, GcpTarget target, string entry, string action) =>
        new(GcpStore.StoreName, entry, $"cannot {action} in project '{target.Project}': {error}{Advice(error, target, action)}");

    private static string Advice(GcpError error, GcpTarget target, string action) => error.Status switch
    {
        "UNAUTHENTICATED" =>
            $". Secret Manager did not accept the access token of {target.Credentials.Description}; check that the key or login is still valid " +
            "(a fresh service account key in GOOGLE_APPLICATION_CREDENTIALS, or `gcloud auth application-default login`)",
        "PERMISSION_DENIED" =>
            $". {target.Credentials.Description} may not {action}: grant it roles/secretmanager.secretAccessor to read and " +
            "roles/secretmanager.admin (or secretmanager.secrets.create and secretmanager.versions.add) to populate, " +
            "and check that the Secret Manager API is enabled in the project",
        "NOT_FOUND" => ". Check the project id (gcp.projectId, GOOGLE_CLOUD_PROJECT)",
        "RESOURCE_EXHAUSTED" =>
            $". The quota stayed exhausted while waiting {target.QuotaWait.Budget.TotalSeconds:0.#}s in all (gcp.quotaWait); "
            + "raise gcp.quotaWait, lower the populate concurrency, or ask for more Secret Manager quota",
        "FAILED_PRECONDITION" => ". The latest version is disabled or destroyed; enable it, or add a version holding a JSON object",
        "INVALID_ARGUMENT" => ". Entry names allow A-Z, a-z, 0-9, '_' and '-' (up to 255); a payload holds at most 64 KiB",
        _ => "",
    };
}
