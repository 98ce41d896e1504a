using PostRenderer.Core.Configuration;
using PostRenderer.Core.Errors;

namespace PostRenderer.Stores.Gcp.Tests;

public sealed class GcpStoreFactoryTests : AgainstGcp
{
    [Fact]
    public void Is_the_gcp_backend() => Assert.Equal(Backend.Gcp, new GcpStoreFactory().Backend);

    [Fact]
    public void Without_a_project_it_is_a_configuration_error()
    {
        var context = GcpStoreHarness.Context(new GcpSettings(), new Dictionary<string, string> { ["GOOGLE_APPLICATION_CREDENTIALS"] = Harness.Key.Path });

        var error = Assert.Throws<ConfigurationException>(() => new GcpStoreFactory().Create(context));

        Assert.Contains("GOOGLE_CLOUD_PROJECT", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, error.ExitCode);
    }

    [Theory]
    [InlineData("GOOGLE_CLOUD_PROJECT")]
    [InlineData("CLOUDSDK_CORE_PROJECT")]
    public async Task Takes_the_project_from_the_environment(string variable)
    {
        var context = GcpStoreHarness.Context(
            new GcpSettings { Endpoint = Harness.Fake.Endpoint.ToString() },
            new Dictionary<string, string> { ["GOOGLE_APPLICATION_CREDENTIALS"] = Harness.Key.Path, [variable] = FakeSecretManager.Project });
        using var store = new GcpStoreFactory().Create(context);

        Assert.Null(await store.ReadAsync("app", default));

        Assert.Equal([FakeSecretManager.Project], Harness.Fake.ProjectsSeen);
    }

    [Fact]
    public void A_missing_key_file_is_a_configuration_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "key.json");
        var context = GcpStoreHarness.Context(new GcpSettings { ProjectId = "p" }, new Dictionary<string, string> { ["GOOGLE_APPLICATION_CREDENTIALS"] = path });

        var error = Assert.Throws<ConfigurationException>(() => new GcpStoreFactory().Create(context));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("GOOGLE_APPLICATION_CREDENTIALS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_that_is_not_JSON_is_a_configuration_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not json at all");
            var context = GcpStoreHarness.Context(new GcpSettings { ProjectId = "p" }, new Dictionary<string, string> { ["GOOGLE_APPLICATION_CREDENTIALS"] = path });

            var error = Assert.Throws<ConfigurationException>(() => new GcpStoreFactory().Create(context));

            Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_endpoint_that_is_not_a_URL_is_a_configuration_error()
    {
        var context = GcpStoreHarness.Context(
            new GcpSettings { ProjectId = "p", Endpoint = "secretmanager.local" },
            new Dictionary<string, string> { ["GOOGLE_APPLICATION_CREDENTIALS"] = Harness.Key.Path });

        Assert.Throws<ConfigurationException>(() => new GcpStoreFactory().Create(context));
    }

    [Fact]
    public void Crc32C_matches_the_standard_check_value() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
}
