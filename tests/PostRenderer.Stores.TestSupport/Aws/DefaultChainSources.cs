namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>
/// The SDK's default credential chain reads the process environment itself; a test of one credential source sets
/// that source's variables and clears every other source's, so that the chain reaches the one under test and no
/// real login on the machine is found first.
/// </summary>
internal static class DefaultChainSources
{
    /// <summary>
    /// Sets <paramref name="sources"/> in the process environment, with no keys, profile, web identity, container or
    /// instance metadata besides, and the shared files pointing into <paramref name="noFiles"/> unless a source names
    /// them. Disposing puts the old values back (run in the <see cref="EnvironmentVariables.Collection"/> collection).
    /// </summary>
    public static IDisposable Only(string noFiles, params (string Name, string? Value)[] sources) =>
        EnvironmentVariables.Set(
        [
            ("AWS_ACCESS_KEY_ID", null), ("AWS_SECRET_ACCESS_KEY", null), ("AWS_SESSION_TOKEN", null), ("AWS_PROFILE", null),
            ("AWS_WEB_IDENTITY_TOKEN_FILE", null), ("AWS_ROLE_ARN", null), ("AWS_REGION", null), ("AWS_DEFAULT_REGION", null),
            ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(noFiles, "credentials")), ("AWS_CONFIG_FILE", Path.Combine(noFiles, "config")),
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", null), ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null),
            ("AWS_EC2_METADATA_DISABLED", "true"),
            .. sources,
        ]);
}
