using System.Globalization;
using System.Text;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Yaml;

/// <summary>The byte writer takes the emitter's style for every scalar it takes, and leaves it those that are not printable ASCII or need escapes.</summary>
public sealed class AsciiScalarWriterTests
{
    public static TheoryData<string> Scalars() =>
    [
        "rel0-queue-16", "app.kubernetes.io/name", "team-0/rel0-queue-16", "kubernetes.io/tls", "Opaque", "tls.crt",
        "token", "queue", "a", "y", "yes", "No", "on", "OFF", "true", "False", "null", "Null", "~", "<<", "=",
        "1", "1.16.0", "0x1F", ".5", "-1", "+1", "-", "-a", "---", "...", "a:", "a: b", "a #b", "a#b", "a:b",
        " lead", "trail ", "", "\"quoted\"", "back\\slash", "it's", "#comment", "&anchor", "*alias", "!tag",
        "%directive", "@at", "`tick", "[x]", "{x}", "?q", "|bar", ">gt", "abcdef.", "abcdef/", "abcde-",
        "über", "tab\there", "line\nbreak",
    ];

    [Theory]
    [MemberData(nameof(Scalars))]
    public void It_takes_the_emitters_style_and_only_scalars_that_need_no_escape(string value)
    {
        foreach (var resolved in new[] { false, true })
        {
            var expected = CanonicalEmitter.StyleOf(value, resolved, childIndent: 2);
            var actual = AsciiScalarWriter.StyleOf(Encoding.UTF8.GetBytes(value), resolved);
            var printableAscii = value.All(c => c is >= ' ' and <= '~');
            if (!printableAscii || expected == CanonicalStyle.Literal || (expected == CanonicalStyle.DoubleQuoted && value.Any(c => c is '"' or '\\')))
            {
                Assert.Null(actual);
            }
            else
            {
                Assert.Equal(expected, actual);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scalars))]
    public void An_entry_it_writes_is_the_emitters_entry_byte_for_byte(string value)
    {
        var buffer = new Utf8TextBuffer();
        if (!AsciiScalarWriter.TryWriteEntry(buffer, "    key:"u8, Encoding.UTF8.GetBytes(value), resolved: false))
        {
            return; // left to the emitter, as the other test holds
        }

        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new CanonicalEmitter(text).WriteEntry(4, "key", value);
        Assert.Equal(text.ToString(), Encoding.UTF8.GetString(buffer.Written));
    }

    [Fact]
    public void Text_narrows_to_ascii_only_when_it_is_ascii_and_fits()
    {
        Span<byte> room = stackalloc byte[8];

        Assert.True(AsciiScalarWriter.TryNarrow("ns/name", room, out var length));
        Assert.Equal("ns/name", Encoding.ASCII.GetString(room[..length]));
        Assert.False(AsciiScalarWriter.TryNarrow("ns/ñame", room, out _));
        Assert.False(AsciiScalarWriter.TryNarrow("ns/longer-name", room, out _));
    }
}
