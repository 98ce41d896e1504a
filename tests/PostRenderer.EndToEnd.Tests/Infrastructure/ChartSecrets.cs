namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>The secret values fixtures/charts/*/values.yaml set: rendered output must never contain them.</summary>
public static class ChartSecrets
{
    public const string RandomPasswordApiKey = "e2e-fixed-api-key-7f3b9c";

    public const string HookMigrationToken = "e2e-hook-migration-token-4d2a";

    public const string SubchartRootPassword = "e2e-subchart-root-password-91c";

    public const string WidgetWebhookSecret = "e2e-widget-webhook-secret-05e";
}
