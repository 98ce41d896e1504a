using System.Text;
using PostRenderer.Core.Conversion;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Core.Tests.Conversion;

/// <summary>
/// Data values are checked when a Secret is read and decoded only on demand; both must agree with decoding
/// eagerly (base64, then strict UTF-8), which is what the value means.
/// </summary>
public class SecretDocumentTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Theory]
    [InlineData("")]
    [InlineData("cGFzc3dvcmQ=")]
    [InlineData("cGFz\nc3dv cmQ=")]
    [InlineData(" cGFzc3dvcmQ= ")]
    [InlineData("cGFzc3dvcmQ")]
    [InlineData("cGFzc3dvcmQ==")]
    [InlineData("cGFz=c3dvcmQ=")]
    [InlineData("not base64!")]
    [InlineData("/w==")]
    [InlineData("wK8=")]
    [InlineData("7aCA")]
    [InlineData("77u/aGk=")]
    [InlineData("8J+Ygg==")]
    [InlineData("9JCAgA==")]
    [InlineData("AA==")]
    public void A_data_value_reads_as_the_eager_strict_decoding_does(string base64) => AssertLikeEagerDecoding(base64);

    [Fact]
    public void Random_bytes_read_as_the_eager_strict_decoding_does()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            if (random.Next(2) == 0)
            {
                // Mostly-text values, where a single bad byte decides text or binary.
                for (var j = 0; j < bytes.Length; j++)
                {
                    bytes[j] = (byte)(bytes[j] % 2 == 0 ? 'a' + (bytes[j] % 26) : bytes[j]);
                }
            }

            var base64 = Convert.ToBase64String(bytes);
            if (base64.Length > 4 && random.Next(3) == 0)
            {
                base64 = base64.Insert(random.Next(base64.Length), random.Next(2) == 0 ? "\n" : "*");
            }

            AssertLikeEagerDecoding(base64);
        }
    }

    private static void AssertLikeEagerDecoding(string base64)
    {
        var secret = new MappingNode()
            .Add("apiVersion", "v1")
            .Add("kind", "Secret")
            .Add("metadata", new MappingNode().Add("name", "s"))
            .Add("data", new MappingNode().Add("key", base64));

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            Assert.Throws<DocumentException>(() => SecretDocument.Read(secret, new DocumentLocation(1, 1)));
            return;
        }

        var value = Assert.Single(SecretDocument.Read(secret, new DocumentLocation(1, 1)).Values);
        string? text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = null;
        }

        Assert.Equal(text is null, value.IsBinary);
        Assert.Equal(bytes.Length == 0, value.IsEmpty);
        Assert.Equal(text ?? Convert.ToBase64String(bytes), value.StoreText);
        Assert.Equal(base64, value.SourceText);
        Assert.False(value.FromStringData);
    }
}
