using PostRenderer.Core.Configuration;

namespace PostRenderer.Cli.Tests;

/// <summary>The CLI's list is the one place stores are registered: every backend once, each with its factory.</summary>
public sealed class StoresTests
{
    [Fact]
    public void Every_backend_has_one_definition_and_one_factory()
    {
        var backends = Enum.GetValues<Backend>().Order().ToList();
        Assert.Equal(backends, Stores.Registry.All.Select(definition => definition.Backend).Order().ToList());
        Assert.Equal(backends, Stores.Factories.Select(factory => factory.Backend).Order().ToList());
    }

    [Fact]
    public void Definitions_name_their_backend_in_the_order_messages_list_them()
    {
        Assert.Equal(["file", "vault", "aws", "parameterstore", "gcp", "azure", "alibaba"], Stores.Registry.All.Select(definition => definition.Name));
        Assert.Equal("vault, aws, parameterstore, gcp, azure or alibaba", Stores.Registry.ClusterStoreChoices());
    }
}
