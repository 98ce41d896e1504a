#!/usr/bin/env bash
# The one test command (README "Testing"): installs what the tests need on a fresh machine, publishes the
# binary the end-to-end tests run, runs every test project, and prints one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")"

tests/tools/install-helm.sh
tests/tools/install-test-deps.sh

echo "== publishing the NativeAOT binary (out/secret-postrenderer)"
dotnet publish src/PostRenderer.Cli -c Release -o out -nologo -v quiet
export TEST_SECRET_POSTRENDERER_BINARY="$PWD/out/secret-postrenderer"

echo "== running the tests"
log=$(mktemp)
status=0
dotnet test PostRenderer.sln -c Release -nologo 2>&1 | tee "$log" || status=$?

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
