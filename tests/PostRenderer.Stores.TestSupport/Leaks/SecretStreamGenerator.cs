using System.Globalization;
using System.Text;
using PostRenderer.Core.Yaml;

namespace PostRenderer.Stores.TestSupport.Leaks;

/// <summary>One generated Secret and what the converter must do with it.</summary>
/// <param name="Name">metadata.name (unique in its stream).</param>
/// <param name="Namespace">metadata.namespace, or null (the run's namespace applies).</param>
/// <param name="ExpectConverted">True: must become an ExternalSecret; false: passed through by a documented rule.</param>
/// <param name="Values">Its keys and values (only these are checked for leaks, and only when converted).</param>
/// <param name="InList">Written as an item of a kind: List document.</param>
public sealed record GeneratedSecret(string Name, string? Namespace, bool ExpectConverted, IReadOnlyList<GeneratedValue> Values, bool InList);

/// <summary>
/// One key of a generated Secret. <paramref name="StoreText"/> is what the store must receive (text, or base64 of
/// binary bytes); <paramref name="SourceText"/> is how the input wrote it (base64 for data); <paramref name="Marker"/>
/// is a 16-character random alphanumeric core that is part of the value, so that even a partial leak is found.
/// </summary>
public sealed record GeneratedValue(string Key, string StoreText, string SourceText, string Marker, bool Binary);

/// <summary>A generated input stream and the facts needed to judge the converter's answer.</summary>
public sealed class GeneratedCase
{
    public required int Seed { get; init; }

    public required byte[] Input { get; init; }

    public required List<GeneratedSecret> Secrets { get; init; }

    /// <summary>Values of a Secret that must fail the run (invalid base64); null when the stream is valid.</summary>
    public string? InvalidValue { get; init; }

    /// <summary>Names of all Kubernetes resources in the stream (for the GitOps split, each maps to one file).</summary>
    public required int ResourceCount { get; init; }

    /// <summary>The stream also holds documents that are not Kubernetes resources (a bare scalar or list).</summary>
    public required bool HasNonResources { get; init; }

    /// <summary>Every value that must never be printed: the converted Secrets' values and the invalid one.</summary>
    public IEnumerable<GeneratedValue> ProtectedValues() => Secrets.Where(secret => secret.ExpectConverted).SelectMany(secret => secret.Values);

    public override string ToString() => $"seed {Seed}";
}

/// <summary>
/// A small, seeded, deterministic generator of rendered multi-document streams (FsCheck is not available here).
/// Each stream mixes Secrets (data and stringData; binary, unicode, control characters, multi-line values, PEM
/// blocks, values that look like YAML or like Go templates, in every scalar style) with ConfigMaps, Deployments,
/// Lists, bare scalars and lists, comment-only and empty documents, optionally with CRLF line ends and a BOM.
/// Secrets also come in the shapes Kubernetes reads as Secrets that a line-based reader may not: kind through a
/// merge key, a space before the colon, !!str and !!binary tags, !!binary values, flow mappings spanning lines,
/// stringData merged in with "&lt;&lt;", a byte-order mark at the start of any document, and kind-less items of a
/// typed SecretList.
/// <para>
/// The leak rule: every secret value it makes is at least 16 characters long and contains a 16-character random
/// alphanumeric marker that occurs nowhere else, so any appearance of the marker (or of the whole value, its
/// base64 or its JSON-escaped form) in an output is a leak and never a coincidence. Short values (1 to 3
/// characters) and values equal to YAML or ESO words occur in any output by nature and are not generated.
/// </para>
/// </summary>
public sealed class SecretStreamGenerator(int seed)
{
    private const string Alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string KeyChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
    private const string YamlIndicators = ":#-?{}[],&*!|>'\"%@`~=<\\/ ";
    private const string Base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static readonly string[] UnicodeBits =
    [
        "é", "ü", "ß", "ø", "中文", "日本語", "한국어", "Ελληνικά", "кириллица", "עברית", "العربية", "🔑", "🔐", "👩‍💻", "𝔘𝔫𝔦",
        "\u00a0", "\u200b", "\u202e", "\u2028", "\u2029", "\u0085", "\ufeff", "\u00ad", "ﬁ", "Å", "Å",
    ];

    private static readonly string[] TemplateShapes =
    [
        "{{ MARK }}", "{{ .Values.MARK }}", "{{- randAlphaNum 32 | MARK -}}", "{{\"{{\"}}MARK{{\"}}\"}}", "${MARK}", "$(MARK)", "%{MARK}",
    ];

    private static readonly string[] YamlShapes =
    [
        "key: MARK", "- MARK", "---\nMARK: 1", "...\nMARK", "&anchor MARK", "*MARK", "!!binary MARK", "? MARK\n: x", "{a: MARK}", "[MARK, 1]",
        "MARK #comment", "\"MARK\"", "'MARK'", "|\n  MARK", "> MARK", "%YAML 1.2\n---\nMARK", "<<: *MARK", "true MARK", "null MARK", "0x1F MARK",
        "MARK:", " MARK ", "\tMARK", "MARK\n", "\nMARK\n\n", "--- MARK", "# MARK",
    ];

    private readonly Random random = new(seed);
    private readonly HashSet<string> markers = new(StringComparer.Ordinal);
    private int nameCounter;

    /// <summary>Makes one stream. <paramref name="resourcesOnly"/> leaves out documents that are not Kubernetes resources.</summary>
    public GeneratedCase Next(int caseSeed, bool resourcesOnly = false, bool allowInvalid = true)
    {
        var documents = new List<string>();
        var secrets = new List<GeneratedSecret>();
        var resources = 0;
        var nonResources = false;
        string? invalid = null;
        var count = random.Next(1, 7);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            if (roll < 55)
            {
                var (text, secret) = SecretDocument(inList: false);
                documents.Add(text);
                secrets.Add(secret);
                resources++;
            }
            else if (roll < 63)
            {
                var items = new List<string>();
                var itemCount = random.Next(1, 4);

                // A typed SecretList whose items carry no apiVersion and kind: Kubernetes makes each a v1 Secret.
                var typed = random.Next(4) == 0;
                for (var item = 0; item < itemCount; item++)
                {
                    if (typed || random.Next(2) == 0)
                    {
                        var (text, secret) = SecretDocument(inList: true, kindless: typed);
                        items.Add(text);
                        secrets.Add(secret);
                    }
                    else
                    {
                        items.Add(ConfigMap());
                    }

                    resources++;
                }

                documents.Add(ListDocument(items, typed ? "SecretList" : "List"));
            }
            else if (roll < 78)
            {
                documents.Add(ConfigMap());
                resources++;
            }
            else if (roll < 86)
            {
                documents.Add(Deployment());
                resources++;
            }
            else if (roll < 92 && !resourcesOnly)
            {
                documents.Add(random.Next(2) == 0 ? $"just a scalar {Token(8)}\n" : $"- {Token(6)}\n- {Token(6)}\n");
                nonResources = true;
            }
            else
            {
                documents.Add(random.Next(2) == 0 ? "# only a comment\n" : "");
            }
        }

        if (resources == 0 && !nonResources)
        {
            // A stream of only comments and empty documents is an error by design ("nothing to render").
            documents.Add(ConfigMap());
            resources++;
        }

        if (allowInvalid && random.Next(100) < 3)
        {
            invalid = NewMarker() + "*!";
            var name = NextName("broken");
            documents.Insert(random.Next(documents.Count + 1), $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\ndata:\n  bad: \"{invalid}\"\n");
        }

        return new GeneratedCase
        {
            Seed = caseSeed,
            Input = Encode(documents),
            Secrets = secrets,
            InvalidValue = invalid,
            ResourceCount = resources,
            HasNonResources = nonResources,
        };
    }

    /// <summary>A fresh random alphanumeric string (not a marker; for names and non-secret content).</summary>
    public string Token(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alnum[random.Next(Alnum.Length)];
        }

        return new string(chars);
    }

    private byte[] Encode(List<string> documents)
    {
        var builder = new StringBuilder();
        if (random.Next(4) == 0)
        {
            builder.Append("# a leading comment\n");
        }

        for (var i = 0; i < documents.Count; i++)
        {
            var separator = random.Next(10) switch
            {
                0 => "--- # separator comment\n",
                1 => "---\n\n",
                _ => "---\n",
            };
            if (i > 0 || random.Next(2) == 0)
            {
                // Kubernetes' splitter keeps a '---' in the next piece when nothing came since the last one.
                var pieceStartsAfterSeparator = i > 0 && !EndsWithMarkerLine(builder);
                builder.Append(separator);

                // A byte-order mark at the start of any document, not only the stream's: where go-yaml skips it, at
                // the very start of the piece Kubernetes hands it (anywhere else it is text, and refused).
                if (pieceStartsAfterSeparator && separator != "---\n\n" && documents[i] is [not ('-' or '%' or '.'), ..] && random.Next(25) == 0)
                {
                    builder.Append('\ufeff');
                }
            }

            if (random.Next(3) == 0)
            {
                builder.Append("# Source: chart/templates/t").Append(i).Append(".yaml\n");
            }

            builder.Append(documents[i]);
            if (random.Next(12) == 0)
            {
                builder.Append("...\n");
            }
        }

        var text = builder.ToString();
        if (random.Next(8) == 0)
        {
            text = text.Replace("\n", "\r\n", StringComparison.Ordinal);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return random.Next(10) == 0 ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    private static bool EndsWithMarkerLine(StringBuilder builder)
    {
        var text = builder.ToString();
        var lastLine = text.TrimEnd('\n');
        lastLine = lastLine[(lastLine.LastIndexOf('\n') + 1)..];
        return text.Length == 0 || lastLine.StartsWith("---", StringComparison.Ordinal);
    }

    private (string Text, GeneratedSecret Secret) SecretDocument(bool inList, bool kindless = false)
    {
        var name = NextName("s");
        string? ns = random.Next(3) == 0 ? null : "ns" + random.Next(3).ToString(CultureInfo.InvariantCulture);
        var builder = new StringBuilder();

        // Which documented rule applies, if any.
        var rule = random.Next(100);
        var skipAnnotation = rule is >= 0 and < 4;
        var type = rule switch
        {
            >= 4 and < 7 => "kubernetes.io/service-account-token",
            >= 7 and < 9 => "bootstrap.kubernetes.io/token",
            _ => random.Next(6) switch
            {
                0 => "kubernetes.io/tls",
                1 => "kubernetes.io/dockerconfigjson",
                2 => "example.com/custom-" + Token(4).ToLowerInvariant(),
                3 => null,
                _ => "Opaque",
            },
        };
        var noKeys = rule is >= 9 and < 12;

        if (!kindless)
        {
            builder.Append(TypeLines());
        }

        var hasLabels = random.Next(3) == 0;
        var hasAnnotations = skipAnnotation || random.Next(4) == 0;
        if (!hasLabels && !hasAnnotations && random.Next(12) == 0)
        {
            // A flow mapping spanning lines.
            builder.Append("metadata: {name: ").Append(name).Append(ns is null ? "}\n" : ",\n  namespace: " + ns + "}\n");
        }
        else
        {
            builder.Append("metadata:\n").Append("  name: ").Append(name).Append('\n');
            if (ns is not null)
            {
                builder.Append("  namespace: ").Append(ns).Append('\n');
            }
        }

        if (hasLabels)
        {
            // A label is text for Kubernetes: a token that would read as a number (79009) is quoted.
            var label = Token(5);
            builder.Append("  labels:\n").Append("    app.kubernetes.io/name: ").Append(ScalarStyleRules.ResolvesToString(label) ? label : "\"" + label + "\"").Append('\n');
        }

        if (hasAnnotations)
        {
            builder.Append("  annotations:\n");
            if (skipAnnotation)
            {
                builder.Append("    secret-postrenderer/skip: \"true\"\n");
            }

            if (random.Next(2) == 0)
            {
                builder.Append("    helm.sh/hook: pre-install\n");
            }

            builder.Append("    note: ").Append(Token(7)).Append('\n');
        }

        if (type is not null)
        {
            builder.Append("type: ").Append(type).Append('\n');
        }

        if (random.Next(10) == 0)
        {
            builder.Append("immutable: true\n");
        }

        var values = new List<GeneratedValue>();
        if (noKeys)
        {
            builder.Append(random.Next(3) switch { 0 => "data: {}\n", 1 => "stringData:\n", _ => "" });
        }
        else
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var dataLines = new StringBuilder();
            var stringDataLines = new StringBuilder();
            var flowStringData = new List<string>();
            var stringDataStyle = random.Next(20) switch { 0 => "flow", 1 => "merge", _ => "block" };
            var keyCount = random.Next(1, 6);
            for (var k = 0; k < keyCount; k++)
            {
                string key;
                do
                {
                    key = Key();
                }
                while (!keys.Add(key));

                if (random.Next(2) == 0)
                {
                    var (value, line) = DataValue(key, "  ");
                    values.Add(value);
                    dataLines.Append(line);
                }
                else if (stringDataStyle != "block")
                {
                    var marker = NewMarker();
                    var text = ValueText(marker);
                    values.Add(new GeneratedValue(key, text, text, marker, Binary: false));
                    flowStringData.Add(WriteKey(key) + ": " + DoubleQuoted(text));
                }
                else
                {
                    var (value, line) = StringDataValue(key, "  ");
                    values.Add(value);
                    stringDataLines.Append(line);
                }
            }

            if (dataLines.Length > 0)
            {
                builder.Append("data:\n").Append(dataLines);
            }

            if (stringDataLines.Length > 0)
            {
                builder.Append("stringData:\n").Append(stringDataLines);
            }

            if (flowStringData.Count > 0)
            {
                // A flow mapping over several lines, on its own or merged in with "<<" (then it holds every
                // stringData key: an explicit stringData key would hide the merged one).
                var flow = "{" + string.Join(",\n  ", flowStringData) + "}";
                builder.Append(stringDataStyle == "merge" ? "<<: {stringData: " + flow + "}\n" : "stringData: " + flow + "\n");
            }
        }

        var passed = skipAnnotation || noKeys || type is "kubernetes.io/service-account-token" or "bootstrap.kubernetes.io/token";
        return (builder.ToString(), new GeneratedSecret(name, ns, !passed, values, inList));
    }

    /// <summary>
    /// A Secret's apiVersion and kind lines, mostly plain, sometimes in the shapes Kubernetes reads the same way:
    /// a merge key, a space before the colon, a !!str tag, kind as !!binary (base64 of "Secret").
    /// </summary>
    private string TypeLines() => random.Next(25) switch
    {
        0 => "apiVersion: v1\n<<: {kind: Secret}\n",
        1 => "apiVersion : v1\nkind : Secret\n",
        2 => "apiVersion: !!str v1\nkind: !!str Secret\n",
        3 => "apiVersion: v1\nkind: !!binary U2VjcmV0\n",
        _ => "apiVersion: v1\nkind: Secret\n",
    };

    private static string ListDocument(List<string> items, string kind)
    {
        var builder = new StringBuilder("apiVersion: v1\nkind: ").Append(kind).Append("\nitems:\n");
        foreach (var item in items)
        {
            // Each item is a whole resource, indented under its "- ".
            var lines = item.TrimEnd('\n').Split('\n');
            builder.Append("- ").Append(lines[0]).Append('\n');
            foreach (var line in lines.Skip(1))
            {
                builder.Append(line.Length == 0 ? "" : "  ").Append(line).Append('\n');
            }
        }

        return builder.ToString();
    }

    private string ConfigMap()
    {
        var builder = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ").Append(NextName("cm")).Append('\n');
        if (random.Next(2) == 0)
        {
            builder.Append("  namespace: ns").Append(random.Next(3)).Append('\n');
        }

        builder.Append("data:\n");
        var count = random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            // Non-secret content in the same shapes as secret values, so the emitter meets them elsewhere too.
            builder.Append("  c").Append(i).Append(": ").Append(DoubleQuoted(ValueText(Token(16)))).Append('\n');
        }

        if (count == 0)
        {
            builder.Append("  plain: ").Append(Token(5)).Append('\n');
        }

        return builder.ToString();
    }

    private string Deployment() =>
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {NextName("d")}\nspec:\n  replicas: {random.Next(5)}\n  template:\n    spec:\n"
        + $"      containers:\n        - name: app\n          image: \"example/{Token(5).ToLowerInvariant()}:1.{random.Next(9)}\"\n"
        + "          env:\n            - name: FLAG\n              value: \"yes\"\n";

    private string NextName(string prefix) =>
        $"{prefix}-{nameCounter++.ToString(CultureInfo.InvariantCulture)}-{Token(5).ToLowerInvariant()}";

    private string Key()
    {
        var length = random.Next(1, 24);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = KeyChars[random.Next(KeyChars.Length)];
        }

        var key = new string(chars);
        return key is "." or ".." ? key + "k" : key;
    }

    // Plain only where Kubernetes reads the key as the text it is (y is "true", 2. is "2"): the runner expects the text.
    private string WriteKey(string key) =>
        key[0] is '-' or '.' || !ScalarStyleRules.ResolvesToString(key) || random.Next(4) == 0 ? "\"" + key + "\"" : key;

    private string NewMarker()
    {
        string marker;
        do
        {
            marker = Token(16);
        }
        while (!markers.Add(marker));

        return marker;
    }

    /// <summary>A value of a random shape around <paramref name="marker"/>.</summary>
    private string ValueText(string marker) => random.Next(9) switch
    {
        0 => Printable(random.Next(0, 40)) + marker + Printable(random.Next(0, 40)),
        1 => Unicode() + marker + Unicode(),
        2 => string.Join('\n', Enumerable.Range(0, random.Next(2, 7)).Select(i => i == 1 ? marker : Printable(random.Next(0, 30)))) + (random.Next(2) == 0 ? "\n" : ""),
        3 => Pem(marker),
        4 => YamlShapes[random.Next(YamlShapes.Length)].Replace("MARK", marker, StringComparison.Ordinal),
        5 => TemplateShapes[random.Next(TemplateShapes.Length)].Replace("MARK", marker, StringComparison.Ordinal),
        6 => Control() + marker + Control(),
        7 => "{\"password\":\"" + marker + "\",\"n\":" + random.Next(1000) + "}",
        _ => marker + (random.Next(2) == 0 ? "" : "-" + Token(random.Next(1, 30))),
    };

    private (GeneratedValue Value, string Line) DataValue(string key, string indent)
    {
        var marker = NewMarker();
        if (random.Next(5) == 0)
        {
            // Binary: invalid UTF-8 bytes around the marker's ASCII.
            var bytes = new List<byte> { 0xFF, 0xFE };
            var noise = new byte[random.Next(4, 40)];
            random.NextBytes(noise);
            bytes.AddRange(noise);
            bytes.AddRange(Encoding.ASCII.GetBytes(marker));
            bytes.Add(0x80);
            var base64 = Convert.ToBase64String([.. bytes]);
            return (new GeneratedValue(key, base64, base64, marker, Binary: true), $"{indent}{WriteKey(key)}: {base64}\n");
        }

        var text = ValueText(marker);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        var styled = random.Next(3) switch
        {
            0 => "\"" + encoded + "\"",
            1 => "'" + encoded + "'",
            _ => encoded,
        };
        return (new GeneratedValue(key, text, encoded, marker, Binary: false), $"{indent}{WriteKey(key)}: {styled}\n");
    }

    private (GeneratedValue Value, string Line) StringDataValue(string key, string indent)
    {
        var marker = NewMarker();
        var text = ValueText(marker);
        string written;
        if (IsBlockSafe(text) && random.Next(2) == 0)
        {
            written = Literal(text, indent + "  ");
        }
        else if (IsSingleQuoteSafe(text) && random.Next(2) == 0)
        {
            written = "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        }
        else if (IsPlainSafe(text) && random.Next(2) == 0)
        {
            written = text;
        }
        else if (random.Next(12) == 0)
        {
            // go-yaml decodes a !!binary scalar: the value is its bytes.
            written = "!!binary " + Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }
        else
        {
            written = DoubleQuoted(text);
        }

        return (new GeneratedValue(key, text, text, marker, Binary: false), $"{indent}{WriteKey(key)}: {written}\n");
    }

    private string Printable(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(3) == 0 ? YamlIndicators[random.Next(YamlIndicators.Length)] : (char)random.Next(0x21, 0x7F);
        }

        return new string(chars);
    }

    private string Unicode() => string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => UnicodeBits[random.Next(UnicodeBits.Length)]));

    private string Control() => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(6) switch
    {
        0 => "\t",
        1 => "\r\n",
        2 => "\u0001",
        3 => "\u007f",
        4 => "\u001b[31m",
        _ => "\\",
    }));

    private string Pem(string marker)
    {
        var builder = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
        var lines = random.Next(2, 6);
        for (var i = 0; i < lines; i++)
        {
            var line = new char[64];
            for (var c = 0; c < 64; c++)
            {
                line[c] = Base64Chars[random.Next(Base64Chars.Length)];
            }

            if (i == 0)
            {
                marker.CopyTo(0, line, 8, marker.Length);
            }

            builder.Append(line).Append('\n');
        }

        builder.Append("-----END RSA PRIVATE KEY-----");
        if (random.Next(2) == 0)
        {
            builder.Append('\n');
        }

        return builder.ToString();
    }

    private static bool IsPlainSafe(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !char.IsAsciiDigit(text[0]) && text[0] is not ('-' or '.');

    private static bool IsSingleQuoteSafe(string text) =>
        text.All(c => c >= 0x20 && c != 0x7F && c is not ('\u0085' or '\u2028' or '\u2029' or '\ufeff' or '\u00a0'))
        && !text.StartsWith(' ') && !text.EndsWith(' ');

    /// <summary>Literal blocks hold only printable text and line breaks; the first line must not start with a space.</summary>
    private static bool IsBlockSafe(string text) =>
        text.Length > 0 && text.Contains('\n', StringComparison.Ordinal)
        && text.All(c => c == '\n' || (c >= 0x20 && c != 0x7F && c is not ('\u0085' or '\u2028' or '\u2029' or '\ufeff' or '\u00a0' or '\u200b')))
        && !text.StartsWith(' ') && !text.StartsWith('\n') && !text.EndsWith("\n\n", StringComparison.Ordinal)
        && text.Split('\n').All(line => !line.EndsWith(' '));

    private static string Literal(string text, string indent)
    {
        var chomp = text.EndsWith('\n') ? "|" : "|-";
        var body = text.EndsWith('\n') ? text[..^1] : text;
        var builder = new StringBuilder(chomp).Append('\n');
        foreach (var line in body.Split('\n'))
        {
            builder.Append(line.Length == 0 ? "" : indent).Append(line).Append('\n');
        }

        return builder.ToString().TrimEnd('\n');
    }

    private static string DoubleQuoted(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7F || c is '\u0085' or '\u2028' or '\u2029' or '\ufeff' or '\u00a0')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
