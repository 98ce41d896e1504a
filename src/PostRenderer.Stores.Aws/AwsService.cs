namespace PostRenderer.Stores.Aws;

/// <summary>
/// One AWS service a store talks to, as endpoint resolution needs it: the host prefix of its public endpoints, the
/// suffix of its <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> variable, and the store's name and settings section for messages.
/// </summary>
internal sealed record AwsService(string EndpointPrefix, string EnvironmentSuffix, string StoreName, string SettingsSection)
{
    public static readonly AwsService SecretsManager = new("secretsmanager", "SECRETS_MANAGER", "aws", "aws");

    public static readonly AwsService ParameterStore = new("ssm", "SSM", "parameterstore", "parameterStore");
}
