#!/usr/bin/env python3
"""Runs the measurements of bench/run.sh and writes the results table (see bench/README.md).

bench/run.sh builds and installs what is needed and then calls this with the paths; run it through run.sh.
Standard library only. Exits non-zero only when something is broken (a command fails, output is wrong),
never because a target is missed.
"""

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
SEED = 5

# Inputs and repetitions; --quick keeps every step but makes each one small.
FULL = dict(startup_runs=20, stream_docs=40000, big_docs=400000, throughput_runs=3, slice_docs=4000,
            slice_runs=3, kustomize_runs=1, secrets=1000, latency_ms=20, warmup=10, rss_runs=5)
QUICK = dict(startup_runs=3, stream_docs=2000, big_docs=4000, throughput_runs=1, slice_docs=200,
             slice_runs=1, kustomize_runs=1, secrets=20, latency_ms=20, warmup=2, rss_runs=1)


class Broken(Exception):
    """Something that must fail the run: a command that failed or gave wrong output."""


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run_once(command, stdin_path=None, stdout=subprocess.DEVNULL, cwd=None, env=None):
    """Runs command once; returns (wall seconds, CPU seconds (user + system), peak RSS in KB, stderr text).
    CPU time and peak RSS come from wait4 on this very process. Raises Broken on failure."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdin=stdin, stdout=stdout, stderr=errors, cwd=cwd, env=env)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            errors.seek(0)
            text = errors.read().decode("utf-8", "replace")
    finally:
        if stdin_path:
            stdin.close()
    if process.returncode != 0:
        raise Broken(f"{' '.join(command)} exited with {process.returncode}: {text.strip()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, text


def median_wall(command, runs, stdin_path=None, warmup=1, cwd=None):
    """Median wall time and median CPU time of runs runs, after warmup unmeasured runs."""
    return interleaved_medians([(command, stdin_path)], runs, warmup, cwd)[0]


def interleaved_medians(commands, runs, warmup=1, cwd=None):
    """Median wall and CPU time of each (command, stdin path[, environment]), run in turn (A B A B ...) so that
    every command meets the same moments of a shared machine and their ratio is fair; warmup unmeasured rounds first."""
    samples = [[] for _ in commands]
    for round_number in range(warmup + runs):
        for index, (command, stdin_path, *environment) in enumerate(commands):
            sample = run_once(command, stdin_path, cwd=cwd, env=environment[0] if environment else None)
            if round_number >= warmup:
                samples[index].append(sample)
    return [(statistics.median(s[0] for s in runs_of), statistics.median(s[1] for s in runs_of)) for runs_of in samples]


def ms(wall, cpu):
    return f"{wall * 1000:.1f} ms (CPU {cpu * 1000:.0f} ms)"


def peak_rss_kb(command, stdin_path):
    """Peak RSS in KB: GNU time's %M when /usr/bin/time exists, else the same ru_maxrss read with wait4."""
    if os.access("/usr/bin/time", os.X_OK):
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as out:
            run_once(["/usr/bin/time", "-f", "%M", "-o", out.name, *command], stdin_path)
            return int(out.read().strip().splitlines()[-1]), "/usr/bin/time -f %M"
    return run_once(command, stdin_path)[2], "wait4 ru_maxrss"


def output_of(command, **kwargs):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True, **kwargs).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        return f"unknown ({error})"


def mb(size):
    return size / 1e6


class Results:
    def __init__(self):
        self.rows = []
        self.notes = []

    def add(self, metric, value, target="", met=None):
        self.rows.append((metric, value, target, "" if met is None else ("yes" if met else "no")))
        log(f"{metric}: {value}" + (f" (target {target}: {'met' if met else 'MISSED'})" if met is not None else ""))


def generate(work, documents):
    """The synthetic stream of `documents` documents, generated once per generator version and size."""
    generator = os.path.join(BENCH, "generate.py")
    stamp = f"{os.path.getmtime(generator):.0f}-{os.path.getsize(generator)}"
    path = os.path.join(work, f"stream-{documents}-seed{SEED}.yaml")
    stamp_path = path + ".stamp"
    if os.path.exists(path) and os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        return path
    log(f"generating {documents} documents into {path}")
    subprocess.run([sys.executable, generator, "--documents", str(documents), "--seed", str(SEED), "--output", path], check=True)
    with open(stamp_path, "w") as out:
        out.write(stamp)
    return path


def count_documents(path, kind=None):
    with open(path, encoding="utf-8") as text:
        if kind is None:
            return sum(1 for line in text if line.startswith("---"))
        return sum(1 for line in text if line.rstrip("\n") == f"kind: {kind}")


def check_conversion(binary, stream, work, extra=()):
    """One converter run over stream, kept on disk: every Secret must come out as an ExternalSecret."""
    out_path = os.path.join(work, "check.out.yaml")
    with open(out_path, "wb") as out:
        run_once([binary, "--no-populate", *extra], stream, stdout=out)
    secrets, converted = count_documents(stream, "Secret"), count_documents(out_path, "ExternalSecret")
    if secrets == 0 or converted != secrets or count_documents(out_path, "Secret") != 0:
        raise Broken(f"{' '.join(extra) or 'canonical'} run over {stream}: {secrets} Secrets in, {converted} ExternalSecrets out")
    os.remove(out_path)


def judged(args, met):
    """Quick runs judge only the targets that do not depend on input size; the rest show no verdict."""
    return None if args.quick else met


def bench_startup(args, p, results, work):
    chart_output = os.path.join(work, "startup-input.yaml")
    helm_command = None
    if args.helm and args.chart:
        helm_command = [args.helm, "template", "bench", args.chart, "--namespace", "bench",
                        "--set", "ingress.enabled=true", "--set", "autoscaling.enabled=true"]
        with open(chart_output, "wb") as out:
            run_once(helm_command, stdout=out)
    else:
        results.notes.append("helm is not available here, so start-up used fixtures/quickstart/input.yaml and helm template was not timed.")
        shutil.copyfile(os.path.join(BENCH, "..", "fixtures", "quickstart", "input.yaml"), chart_output)
    documents = count_documents(chart_output)
    source = "the `helm create` chart + 1 Secret" if helm_command else "fixtures/quickstart/input.yaml"
    check_conversion(args.binary, chart_output, work)
    # The default run populates the local file store; its store is filled once first, so the timed runs find
    # every key present, as every render after a chart's first does.
    store_home = tempfile.mkdtemp(prefix="bench-store-", dir=work)
    populating = dict(os.environ, XDG_DATA_HOME=store_home)
    run_once([args.binary], chart_output, env=populating)
    commands = [([args.binary, "--no-populate"], chart_output), ([args.runtime_floor], chart_output),
                ([args.binary], chart_output, populating)]
    if helm_command:
        commands.append((helm_command, None))
    medians = interleaved_medians(commands, p["startup_runs"])
    (wall, cpu), (floor_wall, floor_cpu), (default_wall, default_cpu) = medians[0], medians[1], medians[2]
    runs = f"median of {p['startup_runs']}, each run in turn with the other start-up rows"
    results.add(f"start-up: converter on {source} ({documents} documents), {runs}", ms(wall, cpu))
    results.add(f"start-up: the runtime alone (bench/RuntimeFloor, published as the converter is, copying the same input), {runs}",
                ms(floor_wall, floor_cpu))
    results.add("start-up: what the converter adds to the runtime alone (wall)", f"{(wall - floor_wall) * 1000:.1f} ms")
    results.add(f"start-up: the default run, populating the local file store (every key already there), {runs}",
                ms(default_wall, default_cpu))
    shutil.rmtree(store_home)
    if helm_command:
        helm_wall, helm_cpu = medians[3]
        results.add(f"start-up: `helm template` of the same chart, {runs}", ms(helm_wall, helm_cpu))
        results.add("start-up: converter / `helm template` (wall)", f"{wall / helm_wall:.2f}", "<= 0.25", judged(args, wall / helm_wall <= 0.25))
        results.add("start-up: the default run populating the file store / `helm template` (wall)", f"{default_wall / helm_wall:.2f}", "<= 0.35",
                    judged(args, default_wall / helm_wall <= 0.35))
    size = os.path.getsize(args.binary)
    results.add("binary size (the NativeAOT executable; 48 MB as a ReadyToRun single file before issue 23)", f"{mb(size):.1f} MB")


def rate(size, wall, cpu):
    return f"{mb(size) / wall:.1f} MB/s ({wall:.2f} s; CPU {cpu:.2f} s)"


def bench_throughput(args, p, results, work, stream):
    size = os.path.getsize(stream)
    runs = p["throughput_runs"]
    label = f"{mb(size):.1f} MB, {p['stream_docs']} documents"
    # The checked run doubles as the warm-up (page cache, binary mapped), so the timed runs need none.
    check_conversion(args.binary, stream, work)
    wall, cpu = median_wall([args.binary, "--no-populate"], runs, stream, warmup=0)
    results.add(f"throughput: converter, canonical ({label}), median of {runs}", rate(size, wall, cpu), ">= 100 MB/s", judged(args, mb(size) / wall >= 100))

    if args.preserve:
        check_conversion(args.binary, stream, work, ["--preserve"])
        wall, cpu = median_wall([args.binary, "--no-populate", "--preserve"], runs, stream, warmup=0)
        results.add(f"throughput: converter, `--preserve` ({label}), median of {runs}", rate(size, wall, cpu), ">= 300 MB/s", judged(args, mb(size) / wall >= 300))
    else:
        results.add("throughput: converter, `--preserve`", "not measured: this binary has no `--preserve` option", ">= 300 MB/s")
        results.notes.append("`--preserve` is not in this build of the binary (its --help does not list it), so its throughput was not measured.")

    cat_runs = max(runs, 5)
    wall, cpu = median_wall(["cat", stream], cat_runs)
    results.add(f"throughput: `cat` of the same file (the limit), median of {cat_runs}", f"{mb(size) / wall:.0f} MB/s ({wall * 1000:.0f} ms)")

    output = output_of(["dotnet", args.parser_baseline, stream, str(max(runs, 3))])
    fields = dict(item.split("=", 1) for item in output.splitlines()[-1].split()) if "mb_per_s=" in output else None
    if not fields:
        raise Broken(f"YamlParserBaseline gave no result: {output}")
    results.add(f"throughput: YamlDotNet's bare parser (events only; in-process, median of {max(runs, 3)})",
                f"{float(fields['mb_per_s']):.1f} MB/s ({float(fields['median_seconds']):.2f} s)")


def bench_memory(args, p, results, stream, big):
    # Peak RSS moves in steps of the GC's 4 MB regions, and whether a run takes the last step depends on when its
    # collections fall: a single run per stream measures that luck. The median of several does not.
    runs = p["rss_runs"]
    sizes = []
    samples = []
    method = None
    for path in (stream, big):
        measured = []
        for _ in range(runs):
            kb, method = peak_rss_kb([args.binary, "--no-populate"], path)
            measured.append(kb)
        kb = statistics.median(measured)
        sizes.append(kb)
        samples.append(f"{mb(os.path.getsize(path)):.0f} MB stream: " + ", ".join(f"{value / 1024:.1f}" for value in measured) + " MB")
        results.add(f"memory: peak RSS on the {mb(os.path.getsize(path)):.0f} MB stream, median of {runs}", f"{kb / 1024:.0f} MB", "< 50 MB", kb / 1024 < 50)
    spread = abs(sizes[1] - sizes[0]) / min(sizes)
    results.add(f"memory: {mb(os.path.getsize(big)):.0f} MB vs {mb(os.path.getsize(stream)):.0f} MB stream (medians)", f"{spread * 100:.1f}% apart", "within 10%", judged(args, spread <= 0.10))
    results.notes.append(f"Peak RSS measured with {method} (the kernel's ru_maxrss of the converter process), {runs} run(s) per stream; "
                         + "the runs, in order: " + "; ".join(samples) + ".")


def bench_population(args, p, results):
    command = ["dotnet", args.population_bench, "--secrets", str(p["secrets"]), "--latency-ms", str(p["latency_ms"]), "--warmup", str(p["warmup"])]
    log("population: " + " ".join(command))
    completed = subprocess.run(command, capture_output=True, text=True)
    lines = [dict(item.split("=", 1) for item in line.split(" ") if "=" in item)
             for line in completed.stdout.splitlines() if line.startswith("store=")]
    if completed.returncode != 0 or not lines or any(line.get("ok") != "yes" for line in lines):
        raise Broken(f"PopulationBench failed ({completed.returncode}): {completed.stdout}{completed.stderr}")
    default = max(int(line["concurrency"]) for line in lines)
    for line in lines:
        seconds = float(line["seconds"])
        latency = f"{float(line['latency_ms']):.0f} ms latency" if float(line["latency_ms"]) else "no latency"
        concurrency = int(line["concurrency"])
        name = f"population: {line['secrets']} Secrets into {line['store']} ({latency}), concurrency {concurrency}"
        if concurrency == default and line["store"] == "file":
            results.add(name + " (default)", f"{seconds:.2f} s", "<= 0.3 s for 1,000", judged(args, seconds <= 0.3))
        elif concurrency == default:
            results.add(name + " (default)", f"{seconds:.2f} s", "< 5 s for 1,000", judged(args, seconds < 5))
        else:
            results.add(name, f"{seconds:.2f} s")


def bench_peer(args, p, results, work):
    slice_path = generate(work, p["slice_docs"])
    size = os.path.getsize(slice_path)
    label = f"{p['slice_docs']} documents, {mb(size):.1f} MB"
    check_conversion(args.binary, slice_path, work)
    wall, cpu = median_wall([args.binary, "--no-populate"], p["slice_runs"], slice_path, warmup=0)
    results.add(f"peer: converter over the slice ({label}), median of {p['slice_runs']}", f"{wall:.2f} s (CPU {cpu:.2f} s)")
    if not args.kubectl:
        results.add("peer: `kubectl kustomize` over the same slice", "not measured: kubectl could not be installed here", ">= 100x the converter's time")
        results.notes.append("kubectl could not be obtained (bench/install-kubectl.sh failed), so the kustomize comparison was skipped.")
        return
    directory = os.path.join(work, f"kustomize-{p['slice_docs']}")
    os.makedirs(directory, exist_ok=True)
    shutil.copyfile(slice_path, os.path.join(directory, "resources.yaml"))
    with open(os.path.join(directory, "kustomization.yaml"), "w") as out:
        out.write("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - resources.yaml\n")
    log(f"peer: kubectl kustomize over {label} (slow: minutes for 4,000 documents on 2 cores)")
    k_wall, k_cpu = median_wall([args.kubectl, "kustomize", directory], p["kustomize_runs"], warmup=0)
    results.add(f"peer: `kubectl kustomize` over the same slice, {p['kustomize_runs']} run", f"{k_wall:.2f} s (CPU {k_cpu:.2f} s)")
    results.add("peer: kustomize time / converter time (wall)", f"{k_wall / wall:.0f}x", ">= 100x", judged(args, k_wall / wall >= 100))


def machine(args, load_before, started, finished):
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    memory = "unknown"
    try:
        with open("/proc/meminfo") as info:
            kb = int(next(line.split()[1] for line in info if line.startswith("MemTotal:")))
            memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    os_name = platform.platform()
    try:
        with open("/etc/os-release") as release:
            pretty = next((line.split("=", 1)[1].strip().strip('"') for line in release if line.startswith("PRETTY_NAME=")), None)
            os_name = f"{pretty}, kernel {platform.release()}" if pretty else os_name
    except OSError:
        pass
    load_after = os.getloadavg()
    root = os.path.join(BENCH, "..")
    commit = output_of(["git", "rev-parse", "--short", "HEAD"], cwd=root)
    dirty = output_of(["git", "--no-optional-locks", "status", "--porcelain", "--untracked-files=no"], cwd=root)
    return [
        ("CPU", cpu),
        ("cores", str(os.cpu_count())),
        ("memory", memory),
        ("OS", os_name),
        (".NET SDK", output_of(["dotnet", "--version"])),
        ("date", started.strftime("%Y-%m-%d %H:%M UTC") + f" (run took {(finished - started).total_seconds() / 60:.1f} min)"),
        ("load average (1/5/15 min) at start", " / ".join(f"{x:.2f}" for x in load_before)),
        ("load average (1/5/15 min) at end", " / ".join(f"{x:.2f}" for x in load_after)),
        ("binary", f"{args.binary} (version {output_of([args.binary, '--version'])}, built "
                   + datetime.datetime.fromtimestamp(os.path.getmtime(args.binary), datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") + ")"),
        ("checkout", f"commit {commit}" + (" with uncommitted changes" if dirty else "")
                     + (" (the binary was given by TEST_SECRET_POSTRENDERER_BINARY, so it may come from another commit)" if args.given_binary else "")),
        ("helm", output_of([args.helm, "version", "--short"]) if args.helm else "not available"),
        ("kubectl", output_of([args.kubectl, "version", "--client", "-o", "yaml"]).split("gitVersion:")[-1].split()[0] if args.kubectl else "not available"),
    ]


def write_report(path, quick, p, results, facts):
    lines = ["# secret-postrenderer benchmarks", ""]
    if quick:
        lines += ["**Quick run** (`bench/run.sh --quick`): small inputs that only prove the harness works; the numbers mean little. "
                  "Run `bench/run.sh` for the real table in bench/RESULTS.md.", ""]
    lines += [
        "Written by `bench/run.sh`" + (" --quick" if quick else "") + ". MB = 10^6 bytes; wall times are medians as stated; "
        "CPU = user + system time of the process (less sensitive than wall time to a busy machine); "
        "the converter always runs with `--no-populate` except in the population rows; one run of the converter over each input is checked "
        "(each Secret became an ExternalSecret) before it is timed." + (" Size-dependent targets are not judged in a quick run." if quick else ""),
        "",
        "| metric | value | target | met |",
        "|---|---|---|---|",
    ]
    lines += [f"| {metric} | {value} | {target} | {met} |" for metric, value, target, met in results.rows]
    lines += ["", "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in facts]
    lines += ["", "The machine was shared with other builds while this ran: see the load averages; a load above the core count "
              "inflates every wall time and makes single runs noisy.", ""]
    if results.notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in results.notes] + [""]
    lines += ["## Inputs", "",
              f"- Streams: `bench/generate.py --seed {SEED}` (deterministic; each stream is a prefix of the longer ones): "
              f"{p['stream_docs']} and {p['big_docs']} documents, a third of them Secrets (base64 `data`, multi-line `stringData` "
              "with PEM blocks, TLS Secrets), the rest Deployments, ConfigMaps and Services.",
              f"- Start-up: `helm create bench` plus one Secret template, rendered with ingress and autoscaling on.",
              f"- Population: {p['secrets']} Secrets of three keys into each store's in-process fake, {p['latency_ms']} ms added to every "
              "request (the file store has no network and gets none); fresh, empty fake per row.",
              f"- Peer: `kubectl kustomize` over a directory whose kustomization.yaml lists the first {p['slice_docs']} documents.", ""]
    # What each optimisation bought is kept by hand in bench/history.md and carried into every results file.
    history = os.path.join(os.path.dirname(os.path.abspath(__file__)), "history.md")
    if os.path.exists(history):
        with open(history) as source:
            lines += [source.read().rstrip("\n"), ""]
    with open(path, "w") as out:
        out.write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--runtime-floor", required=True, help="bench/RuntimeFloor, published as the converter is")
    parser.add_argument("--parser-baseline", required=True, help="YamlParserBaseline.dll")
    parser.add_argument("--population-bench", required=True, help="PopulationBench.dll")
    parser.add_argument("--helm", help="helm binary (absent: start-up without helm)")
    parser.add_argument("--chart", help="the start-up chart directory")
    parser.add_argument("--kubectl", help="kubectl binary (absent: no kustomize comparison)")
    parser.add_argument("--given-binary", action="store_true", help="the binary came from TEST_SECRET_POSTRENDERER_BINARY, not from this checkout")
    parser.add_argument("--work", required=True)
    parser.add_argument("--results", required=True)
    args = parser.parse_args()

    p = QUICK if args.quick else FULL
    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = os.getloadavg()
    os.makedirs(args.work, exist_ok=True)
    args.preserve = "--preserve" in output_of([args.binary, "--help"])
    results = Results()
    try:
        stream = generate(args.work, p["stream_docs"])
        big = generate(args.work, p["big_docs"])
        bench_startup(args, p, results, args.work)
        bench_throughput(args, p, results, args.work, stream)
        bench_memory(args, p, results, stream, big)
        bench_population(args, p, results)
        bench_peer(args, p, results, args.work)
    except Broken as error:
        print(f"bench: broken: {error}", file=sys.stderr)
        return 1
    facts = machine(args, load_before, started, datetime.datetime.now(datetime.timezone.utc))
    write_report(args.results, args.quick, p, results, facts)
    log(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
