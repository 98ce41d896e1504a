#!/usr/bin/env bash
# Coverage-guided fuzzing (issue 17): AFL++ drives the SharpFuzz-instrumented harness tests/PostRenderer.Fuzz
# over the splitter, the readers and the converter. Usage: tests/tools/fuzz.sh [SECONDS] (default 120).
# Installs afl++ (Debian) and the SharpFuzz tool when missing, replays the committed corpus, fuzzes for SECONDS
# from the seeds that keep every invariant, and exits 1 when AFL found a crash or a hang (listing the inputs).
# FUZZ_WORK sets the work folder (default artifacts/fuzz); its queue is kept, so a later run resumes from it.
# FUZZ_SEED sets AFL's random seed (default 17), so that CI mutates the same way each run; change it to explore.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-120}
work=${FUZZ_WORK:-$PWD/artifacts/fuzz}
mkdir -p "$work"

if ! command -v afl-fuzz >/dev/null; then
  echo "== installing afl++"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
if [ ! -x .tools/sharpfuzz ]; then
  echo "== installing SharpFuzz.CommandLine 2.3.0"
  dotnet tool install --tool-path .tools SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

echo "== publishing and instrumenting the fuzz harness"
rm -rf "$work/bin" "$work/plain"
dotnet publish tests/PostRenderer.Fuzz -c Release -o "$work/plain" -nologo -v quiet
cp -r "$work/plain" "$work/bin"
replay="$work/plain/PostRenderer.Fuzz"   # uninstrumented: instrumented code runs only under AFL

# AFL starts only from inputs that keep every invariant; the others (known bugs) are the replay test's to report.
echo "== replaying the committed corpus (fixtures/fuzz)"
rm -rf "$work/seeds" && mkdir -p "$work/seeds"
"$replay" replay fixtures/fuzz/seeds fixtures/fuzz/crashes > "$work/replay.txt" || true
grep '^ok ' "$work/replay.txt" | cut -c4- | while read -r seed; do cp "$seed" "$work/seeds/"; done
grep -v '^ok ' "$work/replay.txt" | grep -E '^(FAIL|replayed)' | cut -c1-200

# The core is what is fuzzed: SharpFuzz adds AFL's edge coverage to its IL (once per publish).
.tools/sharpfuzz "$work/bin/PostRenderer.Core.dll" >/dev/null

input="$work/seeds"
if [ -d "$work/out/default/queue" ]; then
  input=-   # resume: the queue of the last run is the corpus
fi
echo "== fuzzing for ${seconds}s"
started=$(date +%s)
AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
AFL_NO_UI=1 AFL_FAST_CAL=1 AFL_AUTORESUME=1 \
  afl-fuzz -V "$seconds" -s "${FUZZ_SEED:-17}" -i "$input" -o "$work/out" -x fixtures/fuzz/yaml.dict -t 10000 -m none -- "$work/bin/PostRenderer.Fuzz" afl \
  > "$work/afl.log" 2>&1 || { tail -30 "$work/afl.log"; exit 1; }

stats="$work/out/default/fuzzer_stats"
field() { awk -F' *: *' -v k="$1" '$1 == k {print $2}' "$stats"; }
echo "fuzzed $(( $(date +%s) - started ))s: $(field execs_done) execs ($(field execs_per_sec)/s), $(field corpus_count) paths, coverage $(field bitmap_cvg), $(field saved_crashes) crashes, $(field saved_hangs) hangs"
found=$(find "$work/out/default/crashes" "$work/out/default/hangs" -type f -name 'id:*' 2>/dev/null | sort)
if [ -n "$found" ]; then
  echo "AFL found inputs that break an invariant (replay one with: $replay replay FILE):"
  echo "$found"
  exit 1
fi
