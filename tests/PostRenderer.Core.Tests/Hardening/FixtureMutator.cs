using System.Text;

namespace PostRenderer.Core.Tests.Hardening;

/// <summary>
/// A seeded mutator over fixture inputs (SharpFuzz is not available here): byte flips, inserted bytes, truncation,
/// line duplication, deletion and swaps, indentation changes, tabs, inserted <c>---</c>/<c>...</c>/directives,
/// quotes, anchors, aliases and merge keys, tags, flow brackets, unicode (BOM, NEL, LS, RTL, emoji, NUL),
/// Secret shapes Kubernetes reads (kind via "<<", "kind :", !!binary kind, a typed SecretList, flow over lines) and
/// stray CRs. Works on bytes, so earlier mutations that broke UTF-8 stay broken.
/// </summary>
public sealed class FixtureMutator(int seed)
{
    private static readonly string[] Insertions =
    [
        "\"", "'", "\t", "&a ", "*a", "<<: *a", "!!binary ", "!!str ", "!custom ", "? ", "{", "}", "[", "]", ",", ": ", " #", "|", ">", "-", "- ",
        "\ufeff", "\u0085", "\u2028", "\u202e", "🔑", "é", "\0", "\r", "\u0001", "%", "@", "`", "{{ .Values.x }}", "~", "null", "---", "...",
    ];

    private static readonly string[] Lines =
    [
        "---", "...", "--- |", "--- !!str", "%YAML 1.1", "%TAG ! tag:example.com,2000:", "<<: *a", "a: &a {x: 1}", "b: *a", "? complex", ": value",
        "kind: Secret", "apiVersion: v1", "data:", "stringData:", "  key: \"unterminated", "  key: 'unterminated", "\t", "# comment", "-", "- item",
        "metadata: {name: x", "items:", "kind: List", "type: kubernetes.io/service-account-token", "  k: !!binary AAAA", "data: [a, b]",
        "  password: !!null", "  v: *undefined", "&b [*b]",
        "<<: {kind: Secret}", "kind : Secret", "kind: !!binary U2VjcmV0", "\ufeffapiVersion: v1", "kind: SecretList", "- metadata: {name: kindless}",
        "metadata: {name: flow,", "  namespace: spans}", "<<: {stringData: {password: merged-secret-value}}",
    ];

    private readonly Random random = new(seed);

    public byte[] Mutate(byte[] input)
    {
        var bytes = input.ToList();
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            bytes = MutateOnce(bytes);
        }

        return [.. bytes];
    }

    private List<byte> MutateOnce(List<byte> bytes)
    {
        switch (random.Next(13))
        {
            case 0 when bytes.Count > 0:
                {
                    var at = random.Next(bytes.Count);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    return bytes;
                }

            case 1:
                bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                return bytes;
            case 2 when bytes.Count > 0:
                return bytes.Take(random.Next(bytes.Count)).ToList();
            case 3:
                bytes.InsertRange(random.Next(bytes.Count + 1), Encoding.UTF8.GetBytes(Insertions[random.Next(Insertions.Length)]));
                return bytes;
            default:
                return MutateLines(bytes);
        }
    }

    private List<byte> MutateLines(List<byte> bytes)
    {
        var lines = Split(bytes);
        var at = random.Next(lines.Count);
        switch (random.Next(9))
        {
            case 0:
                lines.Insert(at, [.. lines[at]]);
                break;
            case 1 when lines.Count > 1:
                lines.RemoveAt(at);
                break;
            case 2:
                lines[at] = [.. Encoding.UTF8.GetBytes(new string(' ', random.Next(1, 4))), .. lines[at]];
                break;
            case 3:
                {
                    var remove = random.Next(1, 4);
                    lines[at] = lines[at].SkipWhile((b, i) => b == (byte)' ' && i < remove).ToList();
                    break;
                }

            case 4:
                lines[at] = [(byte)'\t', .. lines[at].SkipWhile(b => b == (byte)' ')];
                break;
            case 5:
                lines.Insert(at, [.. Encoding.UTF8.GetBytes(Lines[random.Next(Lines.Length)])]);
                break;
            case 6:
                {
                    var other = random.Next(lines.Count);
                    (lines[at], lines[other]) = (lines[other], lines[at]);
                    break;
                }

            case 7:
                {
                    // An anchor on a value and an alias to it a few lines later.
                    var colon = lines[at].IndexOf((byte)':');
                    if (colon >= 0)
                    {
                        lines[at].InsertRange(colon + 1, Encoding.UTF8.GetBytes(" &a"));
                        var later = Math.Min(lines.Count, at + random.Next(1, 6));
                        lines.Insert(later, [.. Encoding.UTF8.GetBytes(new string(' ', random.Next(0, 5)) + "alias" + random.Next(9) + ": *a")]);
                    }

                    break;
                }

            default:
                lines[at] = [.. lines[at], (byte)'\r'];
                break;
        }

        var result = new List<byte>();
        for (var i = 0; i < lines.Count; i++)
        {
            result.AddRange(lines[i]);
            if (i < lines.Count - 1)
            {
                result.Add((byte)'\n');
            }
        }

        return result;
    }

    private static List<List<byte>> Split(List<byte> bytes)
    {
        var lines = new List<List<byte>> { new() };
        foreach (var b in bytes)
        {
            if (b == (byte)'\n')
            {
                lines.Add([]);
            }
            else
            {
                lines[^1].Add(b);
            }
        }

        return lines;
    }
}
