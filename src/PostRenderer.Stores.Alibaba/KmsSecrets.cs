using System.Text.Json;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>
/// The KMS secret operations population needs, typed: GetSecretValue, CreateSecret, PutSecretValue, DescribeSecret,
/// ListSecretVersionIds.
/// </summary>
internal sealed class KmsSecrets(KmsClient client, string? encryptionKeyId) : IDisposable
{
    public const string CurrentStage = "ACSCurrent";
    public const string PreviousStage = "ACSPrevious";

    // The codes population expects, as Alibaba Cloud's KMS API reference (2016-01-20) gives them in CreateSecret's
    // and DeleteSecret's error tables (https://www.alibabacloud.com/help/en/kms/key-management-service/developer-reference/api-kms-2016-01-20-createsecret
    // and .../api-kms-2016-01-20-deletesecret): 404 Forbidden.ResourceNotFound "The resource is not found.",
    // 409 Rejected.ResourceExist "The resource already exists.", 409 Rejected.ResourceInDeleteWindow "The secret is
    // planned to be deleted." The client matches codes, never statuses.
    private const string NotFound = "Forbidden.ResourceNotFound";

    private const string AlreadyExists = "Rejected.ResourceExist";

    /// <summary>CreateSecret's answer for a name whose secret is scheduled for deletion.</summary>
    public const string InDeleteWindow = "Rejected.ResourceInDeleteWindow";

    // ListSecretVersionIds' documented default page size; a full page means there may be another.
    private const int VersionPageSize = 20;

    // Pages read before giving up: far more versions than a secret written by population ever has.
    private const int MaxVersionPages = 50;

    private static readonly string[] NotFoundOnly = [NotFound];
    private static readonly string[] NameTaken = [AlreadyExists, InDeleteWindow];

    public string CredentialsDescription => client.CredentialsDescription;

    /// <summary>The version carrying <paramref name="stage"/>, or the version <paramref name="versionId"/>; null when there is none.</summary>
    public async Task<SecretVersion?> GetAsync(string name, string? stage, string? versionId, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string> { ["SecretName"] = name };
        if (stage is not null)
        {
            parameters["VersionStage"] = stage;
        }

        if (versionId is not null)
        {
            parameters["VersionId"] = versionId;
        }

        if ((await client.CallAsync("GetSecretValue", parameters, name, NotFoundOnly, cancellationToken).ConfigureAwait(false)).Body is not { } answer)
        {
            return null;
        }

        return new SecretVersion(
            Text(answer, "VersionId") ?? throw new StoreException(AlibabaStore.StoreName, name, "kms:GetSecretValue answered without a VersionId; is alibaba.endpoint a KMS endpoint?"),
            Text(answer, "SecretData") ?? "",
            Text(answer, "SecretDataType") ?? "text");
    }

    /// <summary>
    /// Creates the secret with its first version. Null when it was created; otherwise the code KMS refused the name
    /// with: <c>Rejected.ResourceExist</c> (a secret of that name exists) or <see cref="InDeleteWindow"/>.
    /// </summary>
    public async Task<string?> CreateAsync(string name, string secretData, string versionId, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>
        {
            ["SecretName"] = name,
            ["SecretData"] = secretData,
            ["SecretDataType"] = "text",
            ["VersionId"] = versionId,
            ["Description"] = "Created by secret-postrenderer",
        };
        if (encryptionKeyId is not null)
        {
            parameters["EncryptionKeyId"] = encryptionKeyId;
        }

        return (await client.CallAsync("CreateSecret", parameters, name, NameTaken, cancellationToken).ConfigureAwait(false)).RefusedWith;
    }

    /// <summary>
    /// Stores a new version that becomes ACSCurrent (the one before becomes ACSPrevious). KMS answers a retry that
    /// repeats a stored version's id and value with success, so a lost answer does not add a second version.
    /// False when the secret does not exist (deleted meanwhile).
    /// </summary>
    public async Task<bool> PutAsync(string name, string secretData, string versionId, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>
        {
            ["SecretName"] = name,
            ["SecretData"] = secretData,
            ["SecretDataType"] = "text",
            ["VersionId"] = versionId,
        };
        return (await client.CallAsync("PutSecretValue", parameters, name, NotFoundOnly, cancellationToken).ConfigureAwait(false)).Body is not null;
    }

    /// <summary>
    /// Every version of the secret, those whose stage labels moved on included (IncludeDeprecated), in the order KMS
    /// lists them; null when the secret does not exist. Values are not listed.
    /// </summary>
    public async Task<IReadOnlyList<VersionListing>?> ListVersionsAsync(string name, CancellationToken cancellationToken)
    {
        var versions = new List<VersionListing>();
        for (var page = 1; page <= MaxVersionPages; page++)
        {
            var parameters = new Dictionary<string, string>
            {
                ["SecretName"] = name,
                ["IncludeDeprecated"] = "true",
                ["PageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PageSize"] = VersionPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if ((await client.CallAsync("ListSecretVersionIds", parameters, name, NotFoundOnly, cancellationToken).ConfigureAwait(false)).Body is not { } answer)
            {
                return null;
            }

            var listed = Listed(name, answer);
            versions.AddRange(listed);

            // TotalCount is documented both as the page's count and as the total, so only a short page ends the list.
            if (listed.Count < VersionPageSize)
            {
                return versions;
            }
        }

        throw new StoreException(AlibabaStore.StoreName, name, $"kms:ListSecretVersionIds listed more than {MaxVersionPages * VersionPageSize} versions; delete old versions of the secret");
    }

    /// <summary>The secret's metadata; null when it does not exist.</summary>
    public async Task<SecretDescription?> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        var answer = await client.CallAsync("DescribeSecret", new Dictionary<string, string> { ["SecretName"] = name }, name, NotFoundOnly, cancellationToken).ConfigureAwait(false);
        return answer.Body is { } description ? new SecretDescription(Text(description, "PlannedDeleteTime")) : null;
    }

    public void Dispose() => client.Dispose();

    // {"VersionIds": {"VersionId": [{"VersionId": "v1", "CreateTime": "2024-02-21T15:39:26Z", "VersionStages": {...}}]}}
    private static List<VersionListing> Listed(string name, JsonElement answer)
    {
        if (!answer.TryGetProperty("VersionIds", out var ids) || ids.ValueKind != JsonValueKind.Object
            || !ids.TryGetProperty("VersionId", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return items.EnumerateArray()
            .Select(item => new VersionListing(
                (item.ValueKind == JsonValueKind.Object ? Text(item, "VersionId") : null)
                    ?? throw new StoreException(AlibabaStore.StoreName, name, "kms:ListSecretVersionIds listed a version without a VersionId; is alibaba.endpoint a KMS endpoint?"),
                Text(item, "CreateTime") ?? ""))
            .ToList();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}

/// <summary>One version of a secret. <see cref="Data"/> is secret: never format it.</summary>
internal sealed record SecretVersion(string VersionId, string Data, string DataType)
{
    public override string ToString() => $"SecretVersion({VersionId}, {DataType})";
}

/// <summary>One version as ListSecretVersionIds lists it: its id and when it was made (ISO 8601, to the second).</summary>
internal sealed record VersionListing(string VersionId, string CreateTime);

/// <summary>What DescribeSecret says that population needs: whether the secret is scheduled for deletion.</summary>
internal sealed record SecretDescription(string? PlannedDeleteTime);
