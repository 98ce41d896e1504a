using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Alibaba.Tests;

public sealed class AlibabaStoreFactoryTests
{
    [Fact]
    public void Is_the_alibaba_backend() => Assert.Equal(Backend.Alibaba, new AlibabaStoreFactory().Backend);

    [Fact]
    public void The_endpoints_follow_the_region_by_default()
    {
        var location = AlibabaLocation.Resolve(new AlibabaSettings(), new Dictionary<string, string> { ["ALIBABA_CLOUD_REGION_ID"] = "ap-southeast-1" });

        Assert.Equal(new Uri("https://kms.ap-southeast-1.aliyuncs.com/"), location.KmsEndpoint);
        Assert.Equal(new Uri("https://sts.ap-southeast-1.aliyuncs.com/"), location.StsEndpoint);
    }

    [Fact]
    public void The_setting_wins_over_the_environment_and_a_bare_host_means_https()
    {
        var location = AlibabaLocation.Resolve(
            new AlibabaSettings { RegionId = "cn-shanghai", Endpoint = "kst-sha123.cryptoservice.kms.aliyuncs.com" },
            new Dictionary<string, string> { ["ALIBABA_CLOUD_REGION_ID"] = "ap-southeast-1" });

        Assert.Equal("cn-shanghai", location.RegionId);
        Assert.Equal(new Uri("https://kst-sha123.cryptoservice.kms.aliyuncs.com/"), location.KmsEndpoint);
    }

    [Fact]
    public void Without_a_region_the_error_says_where_to_set_one()
    {
        var error = Assert.Throws<ConfigurationException>(() => AlibabaLocation.Resolve(new AlibabaSettings(), new Dictionary<string, string>()));

        Assert.Contains("alibaba.regionId", error.Message, StringComparison.Ordinal);
        Assert.Contains("ALIBABA_CLOUD_REGION_ID", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://kms.example")]
    [InlineData("https://kms.example/some/path")]
    public void An_endpoint_that_is_not_an_http_root_is_refused(string endpoint)
    {
        var error = Assert.Throws<ConfigurationException>(() => AlibabaLocation.Resolve(new AlibabaSettings { RegionId = "cn-hangzhou", Endpoint = endpoint }, new Dictionary<string, string>()));

        Assert.Contains("alibaba: endpoint", error.Message, StringComparison.Ordinal);
    }
}
