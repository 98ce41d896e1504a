using System.Text.Json.Nodes;

namespace PostRenderer.EndToEnd.Tests.Stores;

/// <summary>The published binary against the fake Systems Manager Parameter Store (AWS_ENDPOINT_URL_SSM), static keys.</summary>
[Trait("Speed", "Slow")]
public sealed class ParameterStoreBinaryTests
{
    [Fact]
    public async Task Static_keys_populate_a_secure_string_parameter_once()
    {
        await using var store = await FakeParameterStore.StartAsync();
        using var roundTrip = new StoreRoundTrip("parameterstore");
        roundTrip.Variables.Set("AWS_REGION", FakeParameterStore.Region)
            .Set("AWS_ENDPOINT_URL_SSM", store.Endpoint.ToString())
            .Set("AWS_ACCESS_KEY_ID", FakeParameterStore.TestKey.AccessKey)
            .Set("AWS_SECRET_ACCESS_KEY", FakeParameterStore.TestKey.SecretKey);

        await roundTrip.AssertCreatedThenPresentAsync(
            () => store.Latest(StoreRoundTrip.Entry) is { } json ? JsonNode.Parse(json)?[StoreRoundTrip.Key]?.GetValue<string>() : null,
            () => store.VersionCount(StoreRoundTrip.Entry));

        Assert.Equal("SecureString", store.Settings(StoreRoundTrip.Entry).Type);
    }
}
