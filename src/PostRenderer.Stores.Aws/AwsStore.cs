using System.Text.Json;
using System.Text.Json.Nodes;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// AWS Secrets Manager: one secret per entry whose SecretString is the JSON object of the Secret's keys; the
/// version token is the VersionId that carries the AWSCURRENT stage.
/// </summary>
/// <remarks>
/// Secrets Manager has no conditional PutSecretValue. Before writing, the store checks with DescribeSecret that
/// AWSCURRENT is still the version it read and returns false if not; that catches nearly every concurrent
/// writer, but a write landing between that check and PutSecretValue can still be overwritten. So
/// <see cref="HasCompareAndSet"/> is false: the populator reads again after writing and merges again if a key
/// went missing. Every PutSecretValue and CreateSecret carries a fresh ClientRequestToken, which becomes the
/// VersionId: when the shared pipeline retries a request AWS already applied (a 5xx or timeout after the
/// commit), AWS recognises the token and does not create a second version.
/// </remarks>
internal sealed class AwsStore(SecretsManagerClient client) : ISecretStore
{
    private const string CurrentStage = "AWSCURRENT";

    /// <summary>Secrets Manager's limit on a SecretString, in UTF-8 bytes.</summary>
    private const int MaxSecretStringBytes = 65_536;

    /// <summary>CreateSecret's field for the secret's name.</summary>
    private const string NameField = "Name";

    public string Name => "aws";

    public bool HasCompareAndSet => false;

    public async Task<StoreEntry?> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        var answer = await client.CallAsync("GetSecretValue", new JsonObject { ["SecretId"] = entry }, entry, "ResourceNotFoundException", cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            return null;
        }

        var secretString = Text(answer, "SecretString")
            ?? throw new StoreException(Name, entry, "holds a binary secret (SecretBinary), not a JSON object of string properties in SecretString; fix or delete the secret");
        return new StoreEntry(SecretStringContent.Parse(entry, secretString), Text(answer, "VersionId"));
    }

    public Task<bool> TryWriteAsync(string entry, IReadOnlyDictionary<string, string> properties, StoreEntry? expected, CancellationToken cancellationToken)
    {
        var secretString = SecretStringContent.Format(properties);
        EntrySizeLimit.Check(Name, entry, System.Text.Encoding.UTF8.GetByteCount(secretString), MaxSecretStringBytes, "bytes", properties.Count);
        return expected is null
            ? CreateAsync(entry, secretString, cancellationToken)
            : UpdateAsync(entry, secretString, expected.Version, cancellationToken);
    }

    public void Dispose() => client.Dispose();

    private async Task<bool> CreateAsync(string entry, string secretString, CancellationToken cancellationToken)
    {
        var input = new JsonObject { [NameField] = entry, ["SecretString"] = secretString, ["ClientRequestToken"] = NewRequestToken() };
        if (await client.CallAsync("CreateSecret", input, entry, "ResourceExistsException", cancellationToken).ConfigureAwait(false) is not null)
        {
            return true;
        }

        // The secret exists though it had no current value when read: either another writer created it meanwhile
        // (then it has an AWSCURRENT version, and the populator must read and merge), or it was made without a
        // value, by Terraform or CloudFormation with its policy, KMS key and tags, the value left to us. Only the
        // second is ours to fill, and with PutSecretValue, which keeps the secret's settings.
        var state = await DescribeAsync(entry, cancellationToken).ConfigureAwait(false);
        return state is { CurrentVersion: null } && await PutAsync(entry, secretString, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> UpdateAsync(string entry, string secretString, string? expectedVersion, CancellationToken cancellationToken)
    {
        if (expectedVersion is not null && (await DescribeAsync(entry, cancellationToken).ConfigureAwait(false))?.CurrentVersion != expectedVersion)
        {
            return false;
        }

        return await PutAsync(entry, secretString, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a version that becomes AWSCURRENT; false when the secret was deleted meanwhile (the populator then reads again and creates it).</summary>
    private async Task<bool> PutAsync(string entry, string secretString, CancellationToken cancellationToken)
    {
        var input = new JsonObject { ["SecretId"] = entry, ["SecretString"] = secretString, ["ClientRequestToken"] = NewRequestToken() };
        return await client.CallAsync("PutSecretValue", input, entry, "ResourceNotFoundException", cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>The secret's state from DescribeSecret; null when it does not exist.</summary>
    private async Task<SecretState?> DescribeAsync(string entry, CancellationToken cancellationToken)
    {
        var answer = await client.CallAsync("DescribeSecret", new JsonObject { ["SecretId"] = entry }, entry, "ResourceNotFoundException", cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            return null;
        }

        // A secret without versions has no VersionIdsToStages at all.
        if (answer["VersionIdsToStages"] is JsonObject versions)
        {
            foreach (var (versionId, stages) in versions)
            {
                if (stages is JsonArray list && list.Any(stage => stage is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == CurrentStage))
                {
                    return new SecretState(versionId);
                }
            }
        }

        return new SecretState(CurrentVersion: null);
    }

    /// <summary>AWS wants 32 to 64 characters; one token per write, reused by every retry of that write.</summary>
    private static string NewRequestToken() => Guid.NewGuid().ToString("D");

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>What DescribeSecret says of an existing secret: the version holding AWSCURRENT, if any.</summary>
    private sealed record SecretState(string? CurrentVersion);
}
