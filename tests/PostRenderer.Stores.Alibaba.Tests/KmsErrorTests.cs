using System.Text;

namespace PostRenderer.Stores.Alibaba.Tests;

/// <summary>Error answers become text that names the code and never a value, whatever the service echoes.</summary>
public sealed class KmsErrorTests
{
    [Fact]
    public void The_code_message_and_request_id_are_read()
    {
        var error = KmsError.Parse(404, Json("""{"RequestId":"R-1","HostId":"kms.cn-hangzhou.aliyuncs.com","Code":"Forbidden.ResourceNotFound","Message":"The resource you requested is not found."}"""));

        Assert.Equal("Forbidden.ResourceNotFound (HTTP 404): The resource you requested is not found [request R-1]", error.ToString());
    }

    [Fact]
    public void A_message_echoing_a_parameter_loses_it()
    {
        var error = KmsError.Parse(400, Json("""{"Code":"InvalidParameter","Message":"SecretData {\"password\":\"hunter2-value\"} is invalid"}"""))
            .Without("{\"password\":\"hunter2-value\"}");

        Assert.DoesNotContain("hunter2-value", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("(redacted)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_error_drops_the_servers_string_to_sign()
    {
        var error = KmsError.Parse(400, Json("""{"Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\nabc"}"""));

        Assert.Equal("SignatureDoesNotMatch (HTTP 400): Specified signature is not matched with our calculation", error.ToString());
    }

    [Fact]
    public void An_answer_that_is_not_json_keeps_the_status()
    {
        var error = KmsError.Parse(502, Encoding.UTF8.GetBytes("<html>Bad Gateway</html>"));

        Assert.Equal("HTTP502 (HTTP 502)", error.ToString());
        Assert.False(error.IsThrottling);
    }

    [Theory]
    [InlineData("Throttling", true)]
    [InlineData("Throttling.User", true)]
    [InlineData("Throttling.Api", true)]
    [InlineData("Forbidden.RAM", false)]
    public void Throttling_codes_are_recognised(string code, bool throttling) =>
        Assert.Equal(throttling, new KmsError(400, code, null, null).IsThrottling);

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
}
