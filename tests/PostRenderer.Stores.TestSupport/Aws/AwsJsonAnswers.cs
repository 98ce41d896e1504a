using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>How the AWS JSON 1.1 services (Secrets Manager, Parameter Store) answer errors, written once for both fakes.</summary>
internal static class AwsJsonAnswers
{
    public const string ContentType = "application/x-amz-json-1.1";

    /// <summary>A 400 with the error body: <c>__type</c> and the message under <paramref name="messageField"/> (services differ in its case).</summary>
    public static Task ErrorAsync(HttpResponse response, string type, string message, string messageField = "message")
    {
        response.StatusCode = 400;
        response.ContentType = ContentType;
        return response.WriteAsync(new JsonObject { ["__type"] = type, [messageField] = message }.ToJsonString());
    }

    /// <summary>The IAM denial of <paramref name="service"/>:<paramref name="operation"/> for the fakes' one test user.</summary>
    public static Task AccessDeniedAsync(HttpResponse response, string service, string operation, string messageField = "message") =>
        ErrorAsync(response, "AccessDeniedException",
            $"User: arn:aws:iam::123456789012:user/test is not authorized to perform: {service}:{operation} because no identity-based policy allows the {service}:{operation} action",
            messageField);

    /// <summary>
    /// The answer to an operation the fake applied: lost to <paramref name="fault"/> when one was queued for it, cut
    /// after its headers when <paramref name="stall"/> (<see cref="StalledAnswer"/>), else <paramref name="answer"/>.
    /// </summary>
    public static Task ResultAsync(HttpResponse response, JsonObject answer, FakeFault? fault, bool stall)
    {
        if (fault is not null)
        {
            return FaultAsync(response, fault);
        }

        response.ContentType = ContentType;
        return stall ? StalledAnswer.SendAsync(response, "{") : response.WriteAsync(answer.ToJsonString());
    }

    /// <summary>An injected fault's answer: its status, its Retry-After, and an error body when it names an error type.</summary>
    public static async Task FaultAsync(HttpResponse response, FakeFault fault)
    {
        if (fault.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        response.StatusCode = fault.Status;
        if (fault.ErrorType is not null)
        {
            response.ContentType = ContentType;
            await response.WriteAsync(new JsonObject { ["__type"] = fault.ErrorType, ["message"] = "Injected fault" }.ToJsonString());
        }
    }
}
