using System.Text;
using System.Text.Json.Nodes;

namespace PostRenderer.Core.Tests.Oracle;

/// <summary>The oracle itself reads as Kubernetes does (the facts the differential tests rest on).</summary>
[Trait("Speed", "Slow")]
[Collection(KubernetesOracleGroup.Name)]
public sealed class KubernetesOracleTests
{
    [Fact]
    public void Splits_only_at_separator_lines_and_refuses_content_after_the_separator()
    {
        // A separator right after another (or at the start) stays in the next document, as the YAMLReader keeps it.
        var reading = Read("---\n---\na: 1\n--- # comment\nb: 2\r\n---\r\n---\nc: 3\n...\nd: 4\n");
        Assert.Null(reading.SplitError);
        Assert.Equal(["null", "{\"a\":1}", "{\"b\":2}", "{\"c\":3}"], reading.Documents.Select(document => document.Value?.ToJsonString() ?? "null"));

        var refused = Read("a: 1\n--- b: 2\nc: 3\n");
        Assert.Contains("invalid Yaml document separator", refused.SplitError, StringComparison.Ordinal);
        Assert.Empty(refused.Documents); // the document read so far is lost with the error, as in the YAMLReader
    }

    [Fact]
    public void Reads_go_yaml_v2_scalars_tags_merge_keys_and_a_bom_in_any_document()
    {
        var reading = Read("x: 1\n---\n\ufeffapiVersion: v1\nkind: !!binary U2VjcmV0\n<<: {on: yes, z: 0755}\nnk: ~\nu: +_1\n");
        var document = reading.Documents[1].Value!.AsObject();
        Assert.Equal("Secret", document["kind"]!.GetValue<string>());
        Assert.True(document["true"]!.GetValue<bool>(), "the key 'on' is true, and so is the value 'yes'");
        Assert.Equal(493, document["z"]!.GetValue<int>());
        Assert.Equal(1, document["u"]!.GetValue<int>());
        Assert.True(document.ContainsKey("nk") && document["nk"] is null, "~ is null");
        Assert.True(document.ContainsKey("apiVersion"), "the BOM is not part of the first key");
    }

    [Fact]
    public void Items_of_a_typed_list_without_kind_and_apiVersion_are_of_the_lists_kind()
    {
        var reading = Read("apiVersion: v1\nkind: SecretList\nitems:\n- metadata: {name: a}\n- kind: ConfigMap\n  metadata: {name: b}\n");
        var items = KubernetesObjects.Objects(reading.Documents[0].Value!).ToList();
        Assert.True(items[0].IsSecret);
        Assert.False(items[1].IsSecret);
        Assert.False(KubernetesObjects.Objects(JsonNode.Parse("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"metadata\":{}}]}")!).Single().IsSecret);
    }

    [Fact]
    public void Libyaml_reads_what_it_reads_in_the_terms_of_sigs_k8s_io_yaml()
    {
        var reading = ReferenceReaders.Libyaml.Read(Encoding.UTF8.GetBytes("---\nyes: 2024-01-01\nb: !!binary aGk=\n---\nc: 1\n"));
        Assert.Equal(["{\"true\":\"2024-01-01\",\"b\":\"hi\"}", "{\"c\":1}"], reading.Documents.Select(document => document.Value!.ToJsonString()));
    }

    private static StreamReading Read(string text) => ReferenceReaders.Kubernetes.Read(Encoding.UTF8.GetBytes(text));
}
