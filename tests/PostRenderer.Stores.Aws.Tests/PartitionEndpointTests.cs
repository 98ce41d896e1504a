using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Aws.Tests;

/// <summary>
/// Issue 18 item 7: the public endpoint comes from AWSSDK.Core's partition data, with FIPS and dual-stack as the
/// environment or the profile ask (every region used to get .amazonaws.com, and FIPS was ignored).
/// </summary>
public sealed class PartitionEndpointTests
{
    [Theory]
    [InlineData("eu-west-1", null, null, "https://secretsmanager.eu-west-1.amazonaws.com/")]
    [InlineData("cn-north-1", null, null, "https://secretsmanager.cn-north-1.amazonaws.com.cn/")]
    [InlineData("us-gov-west-1", "true", null, "https://secretsmanager-fips.us-gov-west-1.amazonaws.com/")]
    [InlineData("us-iso-east-1", null, null, "https://secretsmanager.us-iso-east-1.c2s.ic.gov/")]
    [InlineData("us-isob-east-1", null, null, "https://secretsmanager.us-isob-east-1.sc2s.sgov.gov/")]
    [InlineData("us-east-1", "true", null, "https://secretsmanager-fips.us-east-1.amazonaws.com/")]
    [InlineData("us-east-1", "FALSE", "true", "https://secretsmanager.us-east-1.api.aws/")]
    [InlineData("us-east-1", "true", "true", "https://secretsmanager-fips.us-east-1.api.aws/")]
    public void The_endpoint_follows_the_partition_of_the_region(string region, string? fips, string? dualStack, string expected)
    {
        var environment = new Dictionary<string, string> { ["AWS_REGION"] = region };
        if (fips is not null)
        {
            environment["AWS_USE_FIPS_ENDPOINT"] = fips;
        }

        if (dualStack is not null)
        {
            environment["AWS_USE_DUALSTACK_ENDPOINT"] = dualStack;
        }

        var location = AwsLocation.Resolve(new AwsSettings(), environment);

        Assert.Equal(new Uri(expected), location.ServiceEndpoint);
        Assert.Equal(region, location.Region.SystemName);
    }

    [Fact]
    public void A_flag_that_is_not_true_or_false_is_a_configuration_error()
    {
        var environment = new Dictionary<string, string> { ["AWS_REGION"] = "us-east-1", ["AWS_USE_FIPS_ENDPOINT"] = "yes" };

        var error = Assert.Throws<ConfigurationException>(() => AwsLocation.Resolve(new AwsSettings(), environment));

        Assert.Contains("AWS_USE_FIPS_ENDPOINT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_selected_profile_gives_the_region_and_fips_when_the_environment_does_not()
    {
        var directory = Directory.CreateTempSubdirectory("aws-config-").FullName;
        var config = Path.Combine(directory, "config");
        File.WriteAllText(config, "[profile gov]\nregion = us-gov-east-1\nuse_fips_endpoint = true\n");
        try
        {
            var location = AwsLocation.Resolve(new AwsSettings(), new Dictionary<string, string> { ["AWS_PROFILE"] = "gov", ["AWS_CONFIG_FILE"] = config });

            Assert.Equal("us-gov-east-1", location.Region.SystemName);
            Assert.Equal(new Uri("https://secretsmanager-fips.us-gov-east-1.amazonaws.com/"), location.ServiceEndpoint);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
