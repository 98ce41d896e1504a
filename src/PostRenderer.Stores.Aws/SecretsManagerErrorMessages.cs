namespace PostRenderer.Stores.Aws;

/// <summary>
/// Turns an AWS error into an actionable sentence: what was refused, which credentials were used, what to
/// check. AWS's own message is quoted (it names principals and actions, never secret values).
/// </summary>
internal static class SecretsManagerErrorMessages
{
    private const int MaxQuoted = 400;

    public static string Describe(SecretsManagerError error, string operation, string credentials) => error.Type switch
    {
        "AccessDeniedException" =>
            $"access denied to secretsmanager:{operation} for {credentials}{Quote(error)}; check that the IAM policy allows "
            + $"secretsmanager:{operation} on this secret (and kms:Decrypt / kms:GenerateDataKey on its KMS key)",
        "UnrecognizedClientException" or "InvalidClientTokenId" =>
            $"AWS does not recognise the access key of {credentials} (UnrecognizedClientException); check that the key is active "
            + "and belongs to the intended account, and that any session token belongs to it",
        "InvalidSignatureException" or "SignatureDoesNotMatch" =>
            $"AWS rejected the request signature (InvalidSignatureException) made with {credentials}; the secret access key "
            + "does not belong to the access key ID, or this machine's clock is off",
        "ExpiredTokenException" or "ExpiredToken" =>
            $"the session token of {credentials} has expired; refresh the credentials (for example aws sso login) and run again",
        "IncompleteSignature" or "MissingAuthenticationToken" =>
            $"AWS rejected the request as unsigned or incompletely signed ({error.Type}) using {credentials}; check that an endpoint override points at Secrets Manager",
        "InvalidRequestException" when error.Message?.Contains("deletion", StringComparison.OrdinalIgnoreCase) == true =>
            $"the secret is scheduled for deletion, so secretsmanager:{operation} is refused; restore it (aws secretsmanager restore-secret) "
            + "or wait until the deletion is done, then run again",
        _ when error.IsThrottling =>
            $"AWS kept throttling secretsmanager:{operation} ({error.Type}) after retries; lower population concurrency or run again later",
        _ when error.Type.StartsWith("HTTP", StringComparison.Ordinal) && error.Status is 401 or 403 =>
            $"HTTP {error.Status} for secretsmanager:{operation} with {credentials}, without an AWS error body; check the endpoint and any proxy in between",
        _ => $"secretsmanager:{operation} failed with {error.Type} (HTTP {error.Status}){Quote(error)}",
    };

    private static string Quote(SecretsManagerError error)
    {
        if (string.IsNullOrWhiteSpace(error.Message))
        {
            return "";
        }

        var oneLine = error.Message.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= MaxQuoted ? $": \"{oneLine}\"" : $": \"{oneLine[..MaxQuoted]}...\"";
    }
}
