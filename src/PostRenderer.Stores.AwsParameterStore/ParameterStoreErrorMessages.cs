using Amazon.Runtime;

namespace PostRenderer.Stores.AwsParameterStore;

/// <summary>
/// Turns a Systems Manager error into a sentence saying what was refused, with which credentials, and what to check.
/// AWS's own message is quoted (it names principals, actions and limits, never parameter values).
/// </summary>
internal static class ParameterStoreErrorMessages
{
    private const int MaxQuoted = 400;

    public static string Describe(AmazonServiceException error, string operation, string credentials, bool throttling) => error.ErrorCode switch
    {
        "AccessDeniedException" =>
            $"access denied to ssm:{operation} for {credentials}{Quote(error)}; check that the IAM policy allows ssm:GetParameter, "
            + "ssm:DescribeParameters and ssm:PutParameter on this parameter (and kms:Decrypt / kms:Encrypt on its KMS key)",
        "UnrecognizedClientException" or "InvalidClientTokenId" =>
            $"AWS does not recognise the access key of {credentials} ({error.ErrorCode}); check that the key is active and belongs to the intended account",
        "InvalidSignatureException" or "SignatureDoesNotMatch" =>
            $"AWS rejected the request signature ({error.ErrorCode}) made with {credentials}; the secret access key does not belong "
            + "to the access key ID, or this machine's clock is off",
        "ExpiredTokenException" or "ExpiredToken" =>
            $"the session token of {credentials} has expired; refresh the credentials (for example aws sso login) and run again",
        "InvalidKeyId" =>
            $"ssm:{operation} refused the KMS key{Quote(error)}; check parameterStore.kmsKeyId and that the key is enabled and usable by {credentials}",
        "ParameterLimitExceeded" or "ParameterMaxVersionLimitExceeded" or "HierarchyLevelLimitExceededException" =>
            $"ssm:{operation} hit a Parameter Store limit ({error.ErrorCode}){Quote(error)}",
        "ValidationException" =>
            $"ssm:{operation} refused the request as invalid (ValidationException; AWS's message is left out, it can quote the value); "
            + "check the parameter name and parameterStore.tier",
        _ when throttling =>
            $"AWS kept throttling ssm:{operation} ({error.ErrorCode}) after retries; lower population concurrency or run again later",
        _ => $"ssm:{operation} failed with {error.ErrorCode ?? "an error"} (HTTP {(int)error.StatusCode}){Quote(error)}",
    };

    private static string Quote(AmazonServiceException error)
    {
        if (string.IsNullOrWhiteSpace(error.Message))
        {
            return "";
        }

        var oneLine = error.Message.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= MaxQuoted ? $": \"{oneLine}\"" : $": \"{oneLine[..MaxQuoted]}...\"";
    }
}
