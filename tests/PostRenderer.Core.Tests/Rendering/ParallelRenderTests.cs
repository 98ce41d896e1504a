using System.Text;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Rendering;

namespace PostRenderer.Core.Tests.Rendering;

/// <summary>
/// A long render spreads over threads (<see cref="ParallelRender"/>); it must come out exactly as on one thread:
/// output, summary, plans, messages in their order, and the first error with what was written before it.
/// </summary>
public sealed class ParallelRenderTests
{
    private static readonly ParallelRenderOptions OneThread = new(StartAfterBytes: 0, BatchBytes: 0, Workers: 0, MaxBatchesInFlight: 0);

    // A batch per document, three threads, a short window: batches finish out of order all the time.
    private static readonly ParallelRenderOptions Tiny = new(StartAfterBytes: 0, BatchBytes: 1, Workers: 2, MaxBatchesInFlight: 3);

    // The first documents on the calling thread alone, then batches of several documents.
    private static readonly ParallelRenderOptions Late = new(StartAfterBytes: 400, BatchBytes: 900, Workers: 1, MaxBatchesInFlight: 2);

    public static TheoryData<string> Variants() => RenderDifferential.Variants();

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_render_is_the_same_on_several_threads_as_on_one(string variant)
    {
        var settings = RenderDifferential.SettingsFor(variant);
        var corpus = RenderDifferential.Corpus("");
        var mismatches = new List<string>();
        for (var i = 0; i < corpus.Count; i++)
        {
            foreach (var collectPlans in new[] { true, false })
            {
                var expected = RenderDifferential.Render(settings, corpus[i], collectPlans, parallel: OneThread);
                foreach (var parallel in new[] { Tiny, Late })
                {
                    var actual = RenderDifferential.Render(settings, corpus[i], collectPlans, parallel: parallel);
                    if (actual != expected)
                    {
                        mismatches.Add($"case {i}, plans taken: {collectPlans}, {parallel}:\n--- threads\n{actual}\n--- one thread\n{expected}");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} renders differ; the first:\n{mismatches.FirstOrDefault()}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_long_stream_of_every_fixture_is_the_same_on_several_threads(bool preserve)
    {
        // Every fixture that renders cleanly on its own, many times over: hundreds of documents with warnings, plans,
        // Secrets on every path and documents copied as they came.
        var settings = new Settings { Preserve = preserve };
        var clean = Directory.EnumerateFiles(RepositoryPaths.Fixtures, "input.yaml", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bad{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => File.ReadAllText(path).TrimStart('\uFEFF'))
            .Where(text => !text.Contains('\r', StringComparison.Ordinal) && RenderDifferential.Render(settings, Encoding.UTF8.GetBytes(text), collectPlans: false, parallel: OneThread).Contains(" documents, ", StringComparison.Ordinal))
            .ToList();
        var stream = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(string.Join("\n---\n", clean), 20)));

        var expected = RenderDifferential.Render(settings, stream, collectPlans: true, parallel: OneThread);

        Assert.True(clean.Count > 10, $"only {clean.Count} fixtures render cleanly");
        Assert.Contains("warning:", expected, StringComparison.Ordinal);
        foreach (var parallel in new[] { Tiny, Late, new ParallelRenderOptions(0, 4096, 3, 8) })
        {
            Assert.Equal(expected, RenderDifferential.Render(settings, stream, collectPlans: true, parallel: parallel));
            Assert.Equal(RenderDifferential.Render(settings, stream, collectPlans: false, parallel: OneThread), RenderDifferential.Render(settings, stream, collectPlans: false, parallel: parallel));
        }
    }

    [Fact]
    public void Two_entry_names_that_merge_fail_at_the_later_document_after_everything_before_it()
    {
        // On GCP 'app.one' and 'app-one' both become 'app-one'; the second is document 40, far from the first.
        var documents = Enumerable.Range(1, 60).Select(i => i switch
        {
            3 => Secret("app.one"),
            40 => Secret("app-one"),
            _ => i % 2 == 0 ? Secret($"s{i}") : $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\ndata:\n  k: v\n",
        });
        var stream = Encoding.UTF8.GetBytes(string.Join("---\n", documents));
        var settings = TestStores.Settings with { Backend = Backend.Gcp };

        var expected = RenderDifferential.Render(settings, stream, collectPlans: false, parallel: OneThread);

        Assert.StartsWith("DocumentException: document 40 at line", expected, StringComparison.Ordinal);
        Assert.Contains("both become 'team_app-one'", expected, StringComparison.Ordinal);
        Assert.Contains("name: c39", expected, StringComparison.Ordinal);
        Assert.DoesNotContain("c41", expected, StringComparison.Ordinal);
        Assert.Equal(expected, RenderDifferential.Render(settings, stream, collectPlans: false, parallel: Tiny));
        Assert.Equal(expected, RenderDifferential.Render(settings, stream, collectPlans: false, parallel: Late));
        Assert.Equal(RenderDifferential.Render(settings, stream, collectPlans: true, parallel: OneThread), RenderDifferential.Render(settings, stream, collectPlans: true, parallel: Tiny));
    }

    [Fact]
    public void An_earlier_documents_error_comes_before_invalid_utf8_further_on()
    {
        var good = string.Concat(Enumerable.Range(1, 30).Select(i => $"---\n{Secret($"s{i}")}"));
        var badSecret = "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: bad\ndata:\n  k: not*base64\n";
        byte[] invalid = [.. "---\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: "u8, 0xFF, .. "\n"u8];

        foreach (var (input, error) in new[]
        {
            ((byte[])[.. Encoding.UTF8.GetBytes(good + badSecret + good), .. invalid], "document 31 at line"),
            ((byte[])[.. Encoding.UTF8.GetBytes(good + good), .. invalid], "not valid UTF-8"),
        })
        {
            foreach (var collectPlans in new[] { false, true })
            {
                var expected = RenderDifferential.Render(new Settings(), input, collectPlans, parallel: OneThread);
                Assert.Contains(error, expected, StringComparison.Ordinal);
                Assert.Equal(expected, RenderDifferential.Render(new Settings(), input, collectPlans, parallel: Tiny));
                Assert.Equal(expected, RenderDifferential.Render(new Settings(), input, collectPlans, parallel: Late));
            }
        }
    }

    private static string Secret(string name) =>
        $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\n  namespace: team\ndata:\n  password: cGFzcw==\n";
}
