using PostRenderer.Fuzz;
using SharpFuzz;

// afl: the loop AFL++ drives (tests/tools/fuzz.sh); replay PATH...: every file (or every file under each folder)
// through the same invariants, one line per input, exit 1 when any fails; minimize: shrink a failing input while
// it fails alike; render: what the pipeline makes of one input.
switch (args)
{
    case ["afl"]:
        // Instrumented code may run only inside the fuzzer's loop, which maps AFL's coverage memory first. Out of
        // process: a timeout or a stack overflow ends a child the loop restarts, not the loop AFL talks to.
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            FuzzInvariants.Check(copy.ToArray());
        });
        return 0;
    case ["replay", .. var paths] when paths.Length > 0:
        return Replay.Run(paths, Console.Out);
    case ["render", var mode, var path] when mode is "canonical" or "preserve":
        Console.Write(RenderOutcome.Of(mode == "preserve" ? RenderOutcome.Preserve : RenderOutcome.Canonical, File.ReadAllBytes(path)).Describe());
        return 0;
    case ["minimize", var from, var to]:
        File.WriteAllBytes(to, Minimizer.Minimize(File.ReadAllBytes(from)));
        Console.WriteLine(Replay.Failure(File.ReadAllBytes(to)));
        return 0;
    default:
        await Console.Error.WriteLineAsync("usage: PostRenderer.Fuzz afl | replay PATH... | minimize FAILING-INPUT OUTPUT | render canonical|preserve FILE").ConfigureAwait(false);
        return 2;
}
