using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;
using static PostRenderer.Stores.TestSupport.Aws.AwsTestStores;

namespace PostRenderer.Stores.Aws.Tests;

public sealed class AwsLocationTests : AgainstAws
{
    private const string Unused = "http://127.0.0.1:9/"; // Discard port: a request there fails.

    [Fact]
    public async Task The_secrets_manager_endpoint_variable_wins_over_the_general_one()
    {
        var environment = Environment(Server);
        environment["AWS_ENDPOINT_URL"] = Unused;

        using var store = Create(environment);

        Assert.Null(await store.ReadAsync("ns/app", default));
        Assert.Equal(1, Server.Requests);
    }

    [Fact]
    public async Task The_general_endpoint_variable_is_used_when_alone()
    {
        var environment = Environment(Server);
        environment.Remove("AWS_ENDPOINT_URL_SECRETS_MANAGER");
        environment["AWS_ENDPOINT_URL"] = Server.Endpoint.ToString();

        using var store = Create(environment);

        Assert.Null(await store.ReadAsync("ns/app", default));
        Assert.Equal(1, Server.Requests);
    }

    [Fact]
    public async Task The_endpoint_setting_wins_over_the_environment()
    {
        var environment = Environment(Server);
        environment["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = Unused;
        environment["AWS_ENDPOINT_URL"] = Unused;

        using var store = Create(environment, new AwsSettings { Endpoint = Server.Endpoint.ToString() });

        Assert.Null(await store.ReadAsync("ns/app", default));
    }

    [Fact]
    public async Task The_region_setting_wins_over_the_environment_and_is_the_signing_region()
    {
        var environment = Environment(Server);
        environment["AWS_REGION"] = "us-east-1";

        using var wrongRegion = Create(environment);
        var error = await Assert.ThrowsAsync<StoreException>(() => wrongRegion.ReadAsync("ns/app", default));
        Assert.Contains("InvalidSignatureException", error.Message);

        using var store = Create(environment, new AwsSettings { Region = FakeAwsServer.Region });
        Assert.Null(await store.ReadAsync("ns/app", default));
    }

    [Fact]
    public async Task Aws_default_region_is_used_when_aws_region_is_unset()
    {
        var environment = Environment(Server);
        environment.Remove("AWS_REGION");
        environment["AWS_DEFAULT_REGION"] = FakeAwsServer.Region;

        using var store = Create(environment);

        Assert.Null(await store.ReadAsync("ns/app", default));
    }

    [Fact]
    public void No_region_is_a_configuration_error()
    {
        var environment = Environment(Server);
        environment.Remove("AWS_REGION");

        var error = Assert.Throws<ConfigurationException>(() => Create(environment));

        Assert.Contains("AWS_REGION", error.Message);
    }

    [Fact]
    public void Without_overrides_the_public_regional_endpoints_are_used()
    {
        var location = AwsLocation.Resolve(new AwsSettings(), new Dictionary<string, string> { ["AWS_REGION"] = "eu-west-1" });

        Assert.Equal(new Uri("https://secretsmanager.eu-west-1.amazonaws.com/"), location.ServiceEndpoint);
        Assert.Null(location.StsEndpoint);
        Assert.Equal("eu-west-1", location.Region.SystemName);
    }

    [Fact]
    public void An_endpoint_that_is_not_an_http_url_is_a_configuration_error()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            AwsLocation.Resolve(new AwsSettings { Region = "eu-west-1" }, new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "localhost:4566" }));

        Assert.Contains("AWS_ENDPOINT_URL", error.Message);
    }

    [Fact]
    public void The_factory_is_for_the_aws_backend() => Assert.Equal(Backend.Aws, new AwsStoreFactory().Backend);
}
