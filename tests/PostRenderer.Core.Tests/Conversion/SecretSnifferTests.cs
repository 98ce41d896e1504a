using System.Text;
using PostRenderer.Core.Conversion;

namespace PostRenderer.Core.Tests.Conversion;

public sealed class SecretSnifferTests
{
    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")]
    [InlineData("---\n# Source: a\nkind: Deployment # web\nspec:\n  template:\n    kind: Secret\n")]
    [InlineData("kind: 'Service'\n")]
    [InlineData("data:\n  note: |\n    kind: Secret\nkind: ConfigMap\n")]
    [InlineData("apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: x\r\n")]
    public void Documents_that_cannot_be_secrets_may_be_copied(string text) =>
        Assert.False(SecretSniffer.MayHoldSecret(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("apiVersion: v1\nkind: Secret\n")]
    [InlineData("kind: \"Secret\"\n")]
    [InlineData("kind: List\nitems: []\n")]
    [InlineData("kind: SecretList\n")]
    [InlineData("{kind: Secret}\n")]
    [InlineData("--- {kind: Secret}\n")]
    [InlineData("  kind: Secret\n")]
    [InlineData("  namespace: spans}\napiVersion: v1\nkind: ConfigMap\n")]
    [InlineData("# note\n\n    a: b\nkind: ConfigMap\n")]
    [InlineData("kind: !!str Secret\n")]
    [InlineData("kind: &k Secret\n")]
    [InlineData("kind: *k\n")]
    [InlineData("<<: *base\nkind: ConfigMap\n")]
    [InlineData("\"kind\": ConfigMap\n")]
    [InlineData("kind: ConfigMap\nkind: Secret\n")]
    [InlineData("apiVersion: v1\nmetadata: {}\n")]
    [InlineData("kind:\n  Secret\n")]
    [InlineData("? kind\n: Secret\n")]
    [InlineData("kind: ConfigMap\n# note\rkind: Secret\n")]
    [InlineData("kind: ConfigMap\n# note\u2028kind: Secret\n")]
    [InlineData("kind: ConfigMap\n# note\u0085kind: Secret\n")]
    public void Anything_that_might_be_a_secret_is_parsed(string text) =>
        Assert.True(SecretSniffer.MayHoldSecret(Encoding.UTF8.GetBytes(text)));
}
