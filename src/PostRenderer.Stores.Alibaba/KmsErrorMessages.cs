namespace PostRenderer.Stores.Alibaba;

/// <summary>What a KMS or signature error means for the user, and what to check.</summary>
internal static class KmsErrorMessages
{
    public static string Describe(KmsError error, string action, string credentials) =>
        $"kms:{action} failed: {error}{Advice(error, action, credentials)}";

    private static string Advice(KmsError error, string action, string credentials) => error.Code switch
    {
        "SignatureDoesNotMatch" or "IncompleteSignature" =>
            $". KMS did not accept the signature made with {credentials}; check that the AccessKey secret belongs to the AccessKey ID",
        "InvalidAccessKeyId.NotFound" or "InvalidAccessKeyId.Inactive" or "InvalidSecurityToken.Expired" or "InvalidSecurityToken.Malformed" or "InvalidSecurityToken.MismatchWithAccessKey" =>
            $". The credentials of {credentials} are unknown, disabled or expired; renew them",
        "InvalidTimeStamp.Expired" => ". The request's date was off by more than 15 minutes; check this machine's clock",
        _ when error.Code.StartsWith("Forbidden.RAM", StringComparison.Ordinal) || error.Code is "Forbidden.NoPermission" or "Forbidden" =>
            $". {credentials} may not call kms:{action}: grant it kms:GetSecretValue and kms:DescribeSecret to read, and kms:CreateSecret, kms:PutSecretValue, "
            + "kms:ListSecretVersionIds and kms:GenerateDataKey (on the key that encrypts the secret) to populate; see README \"Alibaba Cloud KMS\"",
        _ when error.IsThrottling => ". KMS kept throttling the requests; lower --concurrency or raise retries",
        KmsSecrets.InDeleteWindow =>
            ". The secret is scheduled for deletion; restore it (kms:RestoreSecret) or choose another entry name",
        "Rejected.LimitExceeded" or "Rejected.ResourceLimitExceeded" => ". A KMS quota is used up (secrets per region, or versions)",
        _ => "",
    };
}
