using PostRenderer.Core.Configuration;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Tests.Conversion;

public sealed class EntryNamesTests
{
    private static readonly DocumentLocation Where = new(3, 10, "Secret", "db");

    [Theory]
    [InlineData(Backend.Vault, "ns/my.secret_x", "ns/my.secret_x")]
    [InlineData(Backend.File, "ns/name", "ns/name")]
    [InlineData(Backend.Aws, "ns/my.secret", "ns/my.secret")]
    [InlineData(Backend.Aws, "ns/mysql-secret", "ns/mysql_secret")]
    [InlineData(Backend.Aws, "ns/db-credentials", "ns/db-credentials")]
    [InlineData(Backend.Gcp, "ns/cache.redis", "ns_cache-redis")]
    [InlineData(Backend.Azure, "ns/payments.api_keys", "ns-payments-api-keys")]
    [InlineData(Backend.Alibaba, "ns/mysql-secret.v2@x", "ns/mysql-secret.v2@x")]
    [InlineData(Backend.ParameterStore, "ns/db.app_1", "/ns/db.app_1")]
    [InlineData(Backend.ParameterStore, "/ns/db", "/ns/db")]
    [InlineData(Backend.ParameterStore, "standalone", "standalone")]
    public void Names_follow_the_documented_rules(Backend backend, string raw, string expected) =>
        Assert.Equal(expected, new EntryNames().Make(TestStores.Of(backend), raw, Where));

    [Fact]
    public void Names_that_collide_after_the_rules_are_an_error_naming_the_document()
    {
        var names = new EntryNames();
        names.Make(TestStores.Of(Backend.Azure), "ns/a.b", Where);
        Assert.Equal("ns-a-b", names.Make(TestStores.Of(Backend.Azure), "ns/a.b", Where));
        var error = Assert.Throws<DocumentException>(() => names.Make(TestStores.Of(Backend.Azure), "ns/a_b", Where));
        Assert.Contains("document 3 at line 10 (Secret db)", error.Message, StringComparison.Ordinal);
        Assert.Contains("both become 'ns-a-b'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Backend.Vault, "ns//name", "not a valid path")]
    [InlineData(Backend.Vault, "../etc", "not a valid path")]
    [InlineData(Backend.Aws, "ns/na me", "does not allow")]
    [InlineData(Backend.Alibaba, "ns/na:me", "Alibaba Cloud KMS does not allow")]
    [InlineData(Backend.ParameterStore, "ns/a+b", "Parameter Store does not allow")]
    [InlineData(Backend.ParameterStore, "ssm/app", "reserves")]
    [InlineData(Backend.ParameterStore, "ns//app", "1 to 15 non-empty levels")]
    [InlineData(Backend.ParameterStore, "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p", "1 to 15 non-empty levels")]
    public void Invalid_names_are_refused(Backend backend, string raw, string expected)
    {
        var error = Assert.Throws<DocumentException>(() => new EntryNames().Make(TestStores.Of(backend), raw, Where));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_long_names_are_refused_with_the_limit()
    {
        var error = Assert.Throws<DocumentException>(() => new EntryNames().Make(TestStores.Of(Backend.Gcp), new string('a', 256), Where));
        Assert.Contains("GCP Secret Manager allows 1 to 255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_expand_namespace_name_and_name_path()
    {
        Assert.Equal("prod/lighthouse/hmac/token/lighthouse-hmac-token", EntryNameTemplate.Expand("{namespace}/{namePath}/{name}", "prod", "lighthouse-hmac-token"));
        Assert.False(EntryNameTemplate.IsValid("{cluster}/{name}", out _));
        Assert.False(EntryNameTemplate.IsValid("  ", out _));
        Assert.True(EntryNameTemplate.IsValid("static-entry", out _));
    }

    [Theory]
    [InlineData("{namespace}/{name}", "prod", "app-db", "prod/app-db")]
    [InlineData("static-entry", "prod", "app-db", "static-entry")]
    [InlineData("{name}-{name}", "prod", "a-b", "a-b-a-b")]
    [InlineData("x/{namePath}", "prod", "-a--b-", "x//a//b/")]
    [InlineData("{namespace}/{name}", "{name}", "{namespace}", "{name}/{namespace}")] // values are not expanded again
    [InlineData("{cluster}/{name}{", "prod", "app", "{cluster}/app{")] // no placeholder: kept as written
    public void Templates_expand_in_one_pass(string template, string @namespace, string name, string expected) =>
        Assert.Equal(expected, EntryNameTemplate.Expand(template, @namespace, name));

    [Fact]
    public void Go_template_literals_escape_action_delimiters()
    {
        Assert.Equal("a {{ \"{{\" }} b }}", GoTemplate.Literal("a {{ b }}"));
        Assert.Equal("plain", GoTemplate.Literal("plain"));
    }
}
