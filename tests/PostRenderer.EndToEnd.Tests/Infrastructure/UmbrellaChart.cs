namespace PostRenderer.EndToEnd.Tests.Infrastructure;

/// <summary>What every helm version must make of fixtures/charts/umbrella, whose only Secret sits in a subchart.</summary>
public static class UmbrellaChart
{
    /// <summary>Checks the subchart's Secret became an ExternalSecret beside the parent's Service; returns the parsed output.</summary>
    public static RenderedManifests AssertConverted(string output)
    {
        var rendered = RenderedManifests.Parse(output);
        rendered.AssertNoPlainSecrets();
        rendered.AssertHoldsNoValue(ChartSecrets.SubchartRootPassword);
        rendered.Single("ExternalSecret", "shop-database");
        rendered.Single("Service", "shop-web");
        Assert.Contains("umbrella/charts/database/templates/secret.yaml", rendered.Sources);
        return rendered;
    }
}
