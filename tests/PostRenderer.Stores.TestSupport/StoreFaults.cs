namespace PostRenderer.Stores.TestSupport;

/// <summary>The faults <see cref="FaultScenarios{TStore}"/> runs, by the names each store's adapter injects them under.</summary>
public static class StoreFaults
{
    public const string ServerErrors = "server errors";
    public const string Throttling = "throttling";
    public const string SlowAnswers = "slow answers";

    /// <summary>AWS's and Azure's name for a denial (AccessDenied, 403 Forbidden).</summary>
    public const string AccessDenied = "access denied";

    /// <summary>GCP's, Vault's and Alibaba's name for a denial (PERMISSION_DENIED, "permission denied", Forbidden.RAM).</summary>
    public const string PermissionDenied = "permission denied";

    /// <summary>The write is applied, and then its answer (and its retry's) is lost.</summary>
    public const string LostAnswer = "answer lost after the write";
}
