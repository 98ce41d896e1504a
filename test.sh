#!/usr/bin/env bash
# The one test command (README "Testing"): installs what the tests need on a fresh machine, publishes the
# binary the end-to-end tests run, runs every test project, and prints one "N passed, N failed" line.
# `./test.sh --quick` runs only the tests not marked [Trait("Speed", "Slow")] (process-heavy, helm/kpt, published
# binary, fuzz replay, oracle), without the publish, release checks, fuzz run and benchmark: the edit-test loop.
# CI and a plain ./test.sh run everything.
set -euo pipefail
cd "$(dirname "$0")"
quick=false
case "${1:-}" in
  --quick) quick=true ;;
  "") ;;
  *) echo "usage: ./test.sh [--quick]" >&2; exit 2 ;;
esac

tests/tools/install-helm.sh
tests/tools/install-test-deps.sh

log=$(mktemp)
status=0
if $quick; then
  echo "== running the quick tests (not Speed=Slow)"
  dotnet test PostRenderer.sln -c Release -nologo --filter "Speed!=Slow" 2>&1 | tee "$log" || status=$?
  passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
  failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
  rm -f "$log"
  echo "$passed passed, $failed failed"
  exit "$status"
fi

echo "== formatting and code style (dotnet format --verify-no-changes)"
dotnet format PostRenderer.sln --verify-no-changes || { echo "test.sh: run 'dotnet format PostRenderer.sln' and commit the result" >&2; status=1; }

echo "== publishing the NativeAOT binary (out/secret-postrenderer)"
dotnet publish src/PostRenderer.Cli -c Release -o out -nologo -v quiet
export TEST_SECRET_POSTRENDERER_BINARY="$PWD/out/secret-postrenderer"

echo "== running the tests"
dotnet test PostRenderer.sln -c Release -nologo 2>&1 | tee "$log" || status=$?

echo "== release checks: workflows (actionlint), every platform's publish (tests/tools/publish-all.sh --quick)"
tests/tools/lint-workflows.sh || status=$?
# The release's publish command for all six platforms, as trimmed single files (NativeAOT builds only for the
# machine's own OS: the release runs each on its own runner), stamped with a test version.
if tests/tools/publish-all.sh --quick --version 0.0.0-test; then
  artifacts/publish/linux-x64/secret-postrenderer version | grep '^secret-postrenderer 0.0.0-test ' \
    || { echo "test.sh: the published linux-x64 binary does not report --version 0.0.0-test" >&2; status=1; }
else
  status=1
fi

echo "== bounded fuzz run (tests/tools/fuzz.sh 120; README \"Fuzzing\")"
tests/tools/fuzz.sh 120 || status=$?

if [ -x bench/run.sh ]; then
  echo "== benchmark smoke run (bench/run.sh --quick)"
  bench/run.sh --quick || status=$?
fi

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "$passed passed, $failed failed"
exit "$status"
