using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>
/// Secrets Manager's data model in memory: secrets with versions and staging labels; the ClientRequestToken becomes
/// the VersionId and makes a repeated request a no-op. As the API reference says: a label is on one version at a
/// time; PutSecretValue without VersionStages moves AWSCURRENT to the new version, with VersionStages it attaches
/// exactly those (taking them from other versions); UpdateSecretVersionStage moves a label that is attached elsewhere
/// only when RemoveFromVersionId names that version (InvalidParameterException otherwise); whenever AWSCURRENT moves,
/// AWSPREVIOUS goes to the version it left. Versions without labels are deprecated but still readable by VersionId.
/// One lock: AWS applies each request atomically.
/// </summary>
internal sealed partial class FakeSecretsManagerState(string region)
{
    private const string Current = "AWSCURRENT";
    private const string Previous = "AWSPREVIOUS";
    private readonly Lock gate = new();
    private readonly Dictionary<string, Secret> secrets = new(StringComparer.Ordinal);

    /// <summary>Runs (under the lock) before each operation, with the operation and its SecretId or Name: a concurrent writer's moment.</summary>
    public Action<string, string?>? BeforeOperation { get; set; }

    public JsonObject Handle(string operation, JsonObject input)
    {
        lock (gate)
        {
            BeforeOperation?.Invoke(operation, Text(input, "SecretId") ?? Text(input, "Name"));
            return operation switch
            {
                "UpdateSecretVersionStage" => UpdateSecretVersionStage(input),
                "GetSecretValue" => GetSecretValue(input),
                "CreateSecret" => CreateSecret(input),
                "PutSecretValue" => PutSecretValue(input),
                "DescribeSecret" => DescribeSecret(input),
                _ => throw new FakeAwsError("UnknownOperationException", $"Unknown operation {operation}"),
            };
        }
    }

    public void Seed(string name, string? secretString, string? secretBinary = null)
    {
        lock (gate)
        {
            var secret = secrets.TryGetValue(name, out var existing) ? existing : secrets[name] = new Secret(name, Arn(name));
            AddVersion(secret, Guid.NewGuid().ToString(), secretString, secretBinary);
        }
    }

    /// <summary>
    /// A secret made without a value, as Terraform's aws_secretsmanager_secret or CloudFormation make it: a name,
    /// a customer-managed KMS key and tags, no version. Its value is left to someone else.
    /// </summary>
    public void SeedWithoutValue(string name, string kmsKeyId, string tagKey, string tagValue)
    {
        lock (gate)
        {
            secrets[name] = new Secret(name, Arn(name)) { KmsKeyId = kmsKeyId, Tags = { [tagKey] = tagValue } };
        }
    }

    /// <summary>The secret's KMS key and tags, which only the secret's own settings calls change.</summary>
    public (string? KmsKeyId, IReadOnlyDictionary<string, string> Tags) Settings(string name)
    {
        lock (gate)
        {
            var secret = secrets[name];
            return (secret.KmsKeyId, new Dictionary<string, string>(secret.Tags, StringComparer.Ordinal));
        }
    }

    /// <summary>DeleteSecret with a recovery window: the secret stays, but only Describe and Restore work on it.</summary>
    public void ScheduleDeletion(string name)
    {
        lock (gate)
        {
            secrets[name].DeletionScheduled = true;
        }
    }

    public string? CurrentString(string name)
    {
        lock (gate)
        {
            return secrets.TryGetValue(name, out var secret) ? secret.Versions.SingleOrDefault(v => v.Stages.Contains(Current))?.SecretString : null;
        }
    }

    public string? CurrentVersionId(string name)
    {
        lock (gate)
        {
            return secrets.TryGetValue(name, out var secret) ? secret.Versions.SingleOrDefault(v => v.Stages.Contains(Current))?.Id : null;
        }
    }

    /// <summary>The labels on a version; empty when it is deprecated (or unknown).</summary>
    public IReadOnlyCollection<string> Stages(string name, string versionId)
    {
        lock (gate)
        {
            return secrets.TryGetValue(name, out var secret) && secret.Versions.SingleOrDefault(v => v.Id == versionId) is { } version ? [.. version.Stages] : [];
        }
    }

    public int VersionCount(string name)
    {
        lock (gate)
        {
            return secrets.TryGetValue(name, out var secret) ? secret.Versions.Count : 0;
        }
    }

    private JsonObject GetSecretValue(JsonObject input)
    {
        var secret = FindLive(input);
        var versionId = Text(input, "VersionId");
        var stage = Text(input, "VersionStage") ?? (versionId is null ? Current : null);
        var version = secret.Versions.SingleOrDefault(v => (versionId is null || v.Id == versionId) && (stage is null || v.Stages.Contains(stage)))
            ?? throw new FakeAwsError("ResourceNotFoundException", versionId is null
                ? $"Secrets Manager can't find the specified secret value for staging label: {stage}"
                : $"Secrets Manager can't find the specified secret value for VersionId: {versionId}");
        var answer = new JsonObject
        {
            ["ARN"] = secret.Arn,
            ["Name"] = secret.Name,
            ["VersionId"] = version.Id,
            ["VersionStages"] = new JsonArray([.. version.Stages.Select(stage => JsonValue.Create(stage))]),
            ["CreatedDate"] = 1.7e9,
        };
        if (version.SecretString is not null)
        {
            answer["SecretString"] = version.SecretString;
        }

        if (version.SecretBinary is not null)
        {
            answer["SecretBinary"] = version.SecretBinary;
        }

        return answer;
    }

    private JsonObject CreateSecret(JsonObject input)
    {
        var name = Text(input, "Name") ?? throw new FakeAwsError("InvalidParameterException", "Name is required.");
        if (!ValidName().IsMatch(name))
        {
            throw new FakeAwsError("ValidationException", "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!");
        }

        var token = Text(input, "ClientRequestToken") ?? Guid.NewGuid().ToString();
        var secretString = Text(input, "SecretString");
        if (secrets.TryGetValue(name, out var existing))
        {
            // The same request again (its answer was lost): AWS treats it as done.
            if (existing.Versions.Any(v => v.Id == token && v.SecretString == secretString))
            {
                return new JsonObject { ["ARN"] = existing.Arn, ["Name"] = name, ["VersionId"] = token };
            }

            throw existing.DeletionScheduled
                ? new FakeAwsError("InvalidRequestException", "You can't create this secret because a secret with this name is already scheduled for deletion.")
                : new FakeAwsError("ResourceExistsException", $"The operation failed because the secret {name} already exists.");
        }

        var secret = secrets[name] = new Secret(name, Arn(name));
        if (secretString is not null)
        {
            AddVersion(secret, token, secretString, null);
        }

        return new JsonObject { ["ARN"] = secret.Arn, ["Name"] = name, ["VersionId"] = token };
    }

    private JsonObject PutSecretValue(JsonObject input)
    {
        var secret = FindLive(input);
        var token = Text(input, "ClientRequestToken") ?? Guid.NewGuid().ToString();
        var secretString = Text(input, "SecretString");
        var existing = secret.Versions.SingleOrDefault(v => v.Id == token);
        if (existing is not null && existing.SecretString != secretString)
        {
            throw new FakeAwsError("ResourceExistsException", "You can't modify an existing version, you can only create a new version.");
        }

        var stages = input["VersionStages"] is JsonArray labels ? labels.Select(label => label!.GetValue<string>()).ToList() : null;
        var version = existing ?? (stages is null ? AddVersion(secret, token, secretString, null) : AddStagedVersion(secret, token, secretString, stages));
        return new JsonObject
        {
            ["ARN"] = secret.Arn,
            ["Name"] = secret.Name,
            ["VersionId"] = version.Id,
            ["VersionStages"] = new JsonArray([.. version.Stages.Select(stage => JsonValue.Create(stage))]),
        };
    }

    private JsonObject UpdateSecretVersionStage(JsonObject input)
    {
        var secret = FindLive(input);
        var stage = Text(input, "VersionStage") ?? throw new FakeAwsError("InvalidParameterException", "VersionStage is required.");
        var moveTo = Text(input, "MoveToVersionId");
        var removeFrom = Text(input, "RemoveFromVersionId");
        var holder = secret.Versions.SingleOrDefault(v => v.Stages.Contains(stage));
        var target = moveTo is null ? null : secret.Versions.SingleOrDefault(v => v.Id == moveTo)
            ?? throw new FakeAwsError("ResourceNotFoundException", $"Secrets Manager can't find the specified secret version: {moveTo}");
        if (holder is not null && holder != target && removeFrom is null)
        {
            throw new FakeAwsError("InvalidParameterException",
                $"The parameter RemoveFromVersionId can't be empty. Staging label {stage} is currently attached to version {holder.Id}, so you must explicitly reference that version in RemoveFromVersionId.");
        }

        if (removeFrom is not null && holder?.Id != removeFrom)
        {
            throw new FakeAwsError("InvalidParameterException",
                $"When you move staging label {stage}, if you specify RemoveFromVersionId, it must be set to the version that currently has the staging label {stage}.");
        }

        if (target is not null)
        {
            Attach(secret, target, stage);
        }
        else
        {
            holder?.Stages.Remove(stage);
        }

        return new JsonObject { ["ARN"] = secret.Arn, ["Name"] = secret.Name };
    }

    private JsonObject DescribeSecret(JsonObject input)
    {
        var secret = Find(input);
        var answer = new JsonObject { ["ARN"] = secret.Arn, ["Name"] = secret.Name, ["CreatedDate"] = 1.7e9 };
        if (secret.KmsKeyId is not null)
        {
            answer["KmsKeyId"] = secret.KmsKeyId;
        }

        if (secret.Tags.Count > 0)
        {
            answer["Tags"] = new JsonArray([.. secret.Tags.Select(tag => new JsonObject { ["Key"] = tag.Key, ["Value"] = tag.Value })]);
        }

        if (secret.DeletionScheduled)
        {
            answer["DeletedDate"] = 1.7e9;
        }

        // AWS leaves VersionIdsToStages out for a secret that has no labelled version (one made without a value).
        var labelled = secret.Versions.Where(v => v.Stages.Count > 0).ToList();
        if (labelled.Count > 0)
        {
            var stages = new JsonObject();
            foreach (var version in labelled)
            {
                stages[version.Id] = new JsonArray([.. version.Stages.Select(stage => JsonValue.Create(stage))]);
            }

            answer["VersionIdsToStages"] = stages;
        }

        return answer;
    }

    private static Version AddVersion(Secret secret, string id, string? secretString, string? secretBinary)
    {
        foreach (var old in secret.Versions)
        {
            old.Stages.Remove(Previous);
            if (old.Stages.Remove(Current))
            {
                old.Stages.Add(Previous);
            }
        }

        var version = new Version(id, secretString, secretBinary, [Current]);
        secret.Versions.Add(version);
        return version;
    }

    private static Version AddStagedVersion(Secret secret, string id, string? secretString, List<string> stages)
    {
        var version = new Version(id, secretString, null, []);
        secret.Versions.Add(version);
        stages.ForEach(stage => Attach(secret, version, stage));
        return version;
    }

    /// <summary>Takes <paramref name="stage"/> from whichever version has it; AWSCURRENT leaves AWSPREVIOUS behind.</summary>
    private static void Attach(Secret secret, Version target, string stage)
    {
        var holder = secret.Versions.SingleOrDefault(v => v.Stages.Contains(stage));
        if (holder == target)
        {
            return;
        }

        holder?.Stages.Remove(stage);
        target.Stages.Add(stage);
        if (stage == Current && holder is not null)
        {
            secret.Versions.ForEach(v => v.Stages.Remove(Previous));
            holder.Stages.Add(Previous);
        }
    }

    private Secret Find(JsonObject input)
    {
        var id = Text(input, "SecretId") ?? throw new FakeAwsError("InvalidParameterException", "SecretId is required.");
        return secrets.Values.FirstOrDefault(s => s.Name == id || s.Arn == id)
            ?? throw new FakeAwsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    private Secret FindLive(JsonObject input)
    {
        var secret = Find(input);
        return secret.DeletionScheduled
            ? throw new FakeAwsError("InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion.")
            : secret;
    }

    private string Arn(string name) => $"arn:aws:secretsmanager:{region}:123456789012:secret:{name}-AbCdEf";

    private static string? Text(JsonObject input, string name) => input[name]?.GetValue<string>();

    [GeneratedRegex("^[A-Za-z0-9/_+=.@-]{1,512}$")]
    private static partial Regex ValidName();

    private sealed record Secret(string Name, string Arn)
    {
        public List<Version> Versions { get; } = [];

        public bool DeletionScheduled { get; set; }

        public string? KmsKeyId { get; init; }

        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Version(string Id, string? SecretString, string? SecretBinary, HashSet<string> Stages);
}
