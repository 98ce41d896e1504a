using System.Globalization;
using System.Text.Json;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba;

/// <summary>The <c>Credentials</c> of an STS answer (AssumeRole, AssumeRoleWithOIDC), read without ever quoting it.</summary>
internal static class StsCredentialsAnswer
{
    public static AlibabaCredentials Parse(byte[] body, string action, Func<string, StoreException> failed)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var credentials = document.RootElement.GetProperty("Credentials");
            return new AlibabaCredentials(
                credentials.GetProperty("AccessKeyId").GetString()!,
                credentials.GetProperty("AccessKeySecret").GetString()!,
                credentials.GetProperty("SecurityToken").GetString()!,
                DateTimeOffset.Parse(credentials.GetProperty("Expiration").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentNullException)
        {
            // Not chained: the parser's message could quote the answer, which holds a secret.
            throw failed($"STS answered {action} without usable Credentials (AccessKeyId, AccessKeySecret, SecurityToken, Expiration); is alibaba.stsEndpoint an STS endpoint?");
        }
    }
}
