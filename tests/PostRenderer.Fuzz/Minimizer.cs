using System.Text.RegularExpressions;

namespace PostRenderer.Fuzz;

/// <summary>
/// Shrinks a failing input while it fails the same way (the same first line of the failure, numbers aside):
/// removes ever smaller chunks of bytes, then single bytes, as long as one removal still fails alike. Faster
/// than afl-tmin here because it runs in process, and it keeps the failure, not only the crash.
/// </summary>
internal static partial class Minimizer
{
    public static byte[] Minimize(byte[] input)
    {
        var signature = Signature(Replay.Failure(input)) ?? throw new ArgumentException("the input keeps every invariant; nothing to minimise", nameof(input));
        var current = input;
        for (var chunk = Math.Max(1, current.Length / 2); chunk >= 1; chunk /= 2)
        {
            bool removed;
            do
            {
                removed = false;
                for (var start = 0; start < current.Length; start += chunk)
                {
                    var candidate = current[..start].Concat(current[Math.Min(current.Length, start + chunk)..]).ToArray();
                    if (candidate.Length > 0 && Signature(Replay.Failure(candidate)) == signature)
                    {
                        current = candidate;
                        removed = true;
                        start -= chunk;
                    }
                }
            }
            while (removed && chunk == 1);
        }

        return current;
    }

    private static string? Signature(string? failure) =>
        failure is null ? null : Digits().Replace(failure.Split('\n')[0], "N");

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
