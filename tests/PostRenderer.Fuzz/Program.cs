using PostRenderer.Fuzz;
using SharpFuzz;

// afl: the loop AFL++ drives (tests/tools/fuzz.sh); replay PATH...: every file (or every file under each folder)
// through the same invariants, one line per failing input, exit 1 when any fails.
switch (args)
{
    case ["afl"]:
        // Instrumented code may run only inside Fuzzer.Run, which maps AFL's coverage memory first.
        Fuzzer.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            FuzzInvariants.Check(copy.ToArray());
        });
        return 0;
    case ["replay", .. var paths] when paths.Length > 0:
        return Replay.Run(paths, Console.Out);
    default:
        await Console.Error.WriteLineAsync("usage: PostRenderer.Fuzz afl | replay PATH...").ConfigureAwait(false);
        return 2;
}
