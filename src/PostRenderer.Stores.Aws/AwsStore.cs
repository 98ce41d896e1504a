using System.Text.Json;
using System.Text.Json.Nodes;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;

namespace PostRenderer.Stores.Aws;

/// <summary>
/// AWS Secrets Manager: one secret per entry whose SecretString is the JSON object of the Secret's keys; the
/// version token is the VersionId that carries the AWSCURRENT stage.
/// </summary>
/// <remarks>
/// A write is a compare-and-set made of two calls: PutSecretValue stores the new version under a staging label of our
/// own (<see cref="StagingLabel"/>), leaving AWSCURRENT where it is; UpdateSecretVersionStage then moves AWSCURRENT to
/// it with <c>RemoveFromVersionId</c> = the version read, which AWS refuses when another version became current
/// meanwhile. Refused, the write returns false and the populator reads again and merges, so a value another writer
/// stored in between is never put back. CreateSecret is atomic by itself. Every PutSecretValue and CreateSecret
/// carries a fresh ClientRequestToken, which becomes the VersionId: when the shared pipeline retries a request AWS
/// already applied (a 5xx or timeout after the commit), AWS recognises the token and adds no second version.
/// Where the identity may not call UpdateSecretVersionStage, the store says so once and falls back to
/// <see cref="WriteWithoutStageMoveAsync"/>: check, write, then repair from AWSPREVIOUS; <see cref="HasCompareAndSet"/>
/// then turns false so that the populator also reads again after writing.
/// </remarks>
internal sealed partial class AwsStore(SecretsManagerClient client, IReporter? reporter) : ISecretStore
{
    /// <summary>The label our new version carries until AWSCURRENT is moved to it (and after: AWS moves it on with our next write).</summary>
    public const string StagingLabel = "secret-postrenderer";

    private const string CurrentStage = "AWSCURRENT";
    private const string PreviousStage = "AWSPREVIOUS";

    /// <summary>Secrets Manager's limit on a SecretString, in UTF-8 bytes.</summary>
    private const int MaxSecretStringBytes = 65_536;

    /// <summary>CreateSecret's field for the secret's name.</summary>
    private const string NameField = "Name";

    // Rounds of merging in a version another writer made current under ours, in the fallback, before giving up.
    private const int MaxRepairRounds = 8;

    // What UpdateSecretVersionStage may answer that is not a failure of the run.
    private static readonly string[] MoveRefusals = ["InvalidParameterException", "ResourceNotFoundException", "AccessDeniedException"];

    private int stageMovesRefused;

    public string Name => "aws";

    public bool HasCompareAndSet => Volatile.Read(ref stageMovesRefused) == 0;

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
        var secretString = Format(entry, properties);
        return expected is null
            ? CreateAsync(entry, properties, secretString, cancellationToken)
            : ReplaceAsync(entry, properties, expected, secretString, cancellationToken);
    }

    public void Dispose() => client.Dispose();

    private static string Format(string entry, IReadOnlyDictionary<string, string> properties)
    {
        var secretString = SecretStringContent.Format(properties);
        EntrySizeLimit.Check("aws", entry, System.Text.Encoding.UTF8.GetByteCount(secretString), MaxSecretStringBytes, "bytes", properties.Count);
        return secretString;
    }

    private async Task<bool> CreateAsync(string entry, IReadOnlyDictionary<string, string>? properties, string secretString, CancellationToken cancellationToken)
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
        return state is { CurrentVersion: null }
            && await ReplaceAsync(entry, properties, expected: null, secretString, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a new version current in place of <paramref name="expected"/>'s (null: of no version).</summary>
    private async Task<bool> ReplaceAsync(string entry, IReadOnlyDictionary<string, string>? properties, StoreEntry? expected, string secretString, CancellationToken cancellationToken)
    {
        if (!HasCompareAndSet)
        {
            return await WriteWithoutStageMoveAsync(entry, properties, expected, secretString, cancellationToken).ConfigureAwait(false);
        }

        var staged = await PutAsync(entry, secretString, [StagingLabel], cancellationToken).ConfigureAwait(false);
        if (staged is null)
        {
            return false;
        }

        var move = new JsonObject { ["SecretId"] = entry, ["VersionStage"] = CurrentStage, ["MoveToVersionId"] = staged };
        if (expected?.Version is { } read)
        {
            move["RemoveFromVersionId"] = read;
        }

        var answer = await client.TryCallAsync("UpdateSecretVersionStage", move, entry, MoveRefusals, cancellationToken).ConfigureAwait(false);
        switch (answer.Error)
        {
            case null:
                return true;
            case "AccessDeniedException":
                WarnStageMovesRefused();
                return await WriteWithoutStageMoveAsync(entry, properties, expected, secretString, cancellationToken).ConfigureAwait(false);
            default:
                // Another version became current since the read (or the secret went away): the populator reads again.
                // Unless the move was ours, applied by an attempt whose answer was lost and refused on the retry.
                return (await DescribeAsync(entry, cancellationToken).ConfigureAwait(false))?.CurrentVersion == staged;
        }
    }

    /// <summary>
    /// Without UpdateSecretVersionStage: checks that <paramref name="expected"/>'s version is still current, writes
    /// (PutSecretValue moves AWSCURRENT itself), and then looks at AWSPREVIOUS: if it is not the version read, another
    /// writer's version landed between the check and the write, and ours may have put back a value it changed. Its
    /// values are merged in (for every key this write did not set, theirs win) and written again.
    /// </summary>
    private async Task<bool> WriteWithoutStageMoveAsync(string entry, IReadOnlyDictionary<string, string>? properties, StoreEntry? expected, string secretString, CancellationToken cancellationToken)
    {
        var basis = expected?.Version;
        var state = await DescribeAsync(entry, cancellationToken).ConfigureAwait(false);
        if (state is null || state.CurrentVersion != basis)
        {
            return false;
        }

        if (properties is null)
        {
            // A raw value is the one thing this write sets, so nothing of an interleaved version needs folding in.
            return await PutAsync(entry, secretString, stages: null, cancellationToken).ConfigureAwait(false) is not null;
        }

        var merge = new InterleavedVersionMerge(properties, expected);
        for (var round = 0; round < MaxRepairRounds; round++)
        {
            var written = await PutAsync(entry, Format(entry, merge.Content), stages: null, cancellationToken).ConfigureAwait(false);
            if (written is null)
            {
                return false;
            }

            state = await DescribeAsync(entry, cancellationToken).ConfigureAwait(false);
            if (state?.CurrentVersion != written || state.PreviousVersion is not { } previous || previous == basis)
            {
                // Ours is current on top of the version read, or a later writer's is (which then answers for itself).
                return true;
            }

            var interleaved = await ReadVersionAsync(entry, previous, cancellationToken).ConfigureAwait(false);
            if (interleaved is null || !merge.FoldIn(interleaved))
            {
                return true;
            }

            basis = written;
        }

        return false;
    }

    private void WarnStageMovesRefused()
    {
        if (Interlocked.Exchange(ref stageMovesRefused, 1) == 0)
        {
            reporter?.Warn(
                $"aws: secretsmanager:UpdateSecretVersionStage is denied to {client.CredentialsDescription}, so writes are not compare-and-set: "
                + "each write checks the current version first and repairs afterwards from AWSPREVIOUS, which leaves a short window in which "
                + "a concurrent change can be undone; allow secretsmanager:UpdateSecretVersionStage to close it (see SECURITY.md)");
        }
    }

    /// <summary>
    /// Adds a version; with <paramref name="stages"/> it carries those labels and AWSCURRENT stays where it is, without
    /// it becomes AWSCURRENT. Returns its VersionId; null when the secret was deleted meanwhile (the populator then
    /// reads again and creates it).
    /// </summary>
    private async Task<string?> PutAsync(string entry, string secretString, string[]? stages, CancellationToken cancellationToken)
    {
        var token = NewRequestToken();
        var input = new JsonObject { ["SecretId"] = entry, ["SecretString"] = secretString, ["ClientRequestToken"] = token };
        if (stages is not null)
        {
            input["VersionStages"] = new JsonArray([.. stages.Select(stage => JsonValue.Create(stage))]);
        }

        return await client.CallAsync("PutSecretValue", input, entry, "ResourceNotFoundException", cancellationToken).ConfigureAwait(false) is null ? null : token;
    }

    /// <summary>The properties of one version; null when it or the secret is gone.</summary>
    private async Task<IReadOnlyDictionary<string, string>?> ReadVersionAsync(string entry, string versionId, CancellationToken cancellationToken)
    {
        var answer = await client.CallAsync("GetSecretValue", new JsonObject { ["SecretId"] = entry, ["VersionId"] = versionId }, entry, "ResourceNotFoundException", cancellationToken).ConfigureAwait(false);
        return answer is null || Text(answer, "SecretString") is not { } secretString ? null : SecretStringContent.Parse(entry, secretString);
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
        string? current = null, previous = null;
        if (answer["VersionIdsToStages"] is JsonObject versions)
        {
            foreach (var (versionId, stages) in versions)
            {
                current = HasStage(stages, CurrentStage) ? versionId : current;
                previous = HasStage(stages, PreviousStage) ? versionId : previous;
            }
        }

        return new SecretState(current, previous);
    }

    private static bool HasStage(JsonNode? stages, string stage) =>
        stages is JsonArray list && list.Any(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == stage);

    /// <summary>AWS wants 32 to 64 characters; one token per write, reused by every retry of that write.</summary>
    private static string NewRequestToken() => Guid.NewGuid().ToString("D");

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>What DescribeSecret says of an existing secret: the versions holding AWSCURRENT and AWSPREVIOUS, if any.</summary>
    private sealed record SecretState(string? CurrentVersion, string? PreviousVersion);
}
