#!/usr/bin/env bash
# Packages helm-plugin/ the Helm 4 way, as the release does: `helm plugin package` gives
# secret-postrenderer-VERSION.tgz (what `helm plugin install URL` and `oci://` take), with plugin.yaml's version set
# to the release's. With SIGNING_KEY (an ASCII-armoured private PGP key, the release's HELM_PLUGIN_SIGNING_KEY
# secret; SIGNING_KEY_PASSPHRASE if it has one) it is signed and a .prov is written beside it; without, it is
# packaged unsigned and users install it with --verify=false.
#
#   tests/tools/package-helm-plugin.sh [--version V] [--out DIR] [--helm PATH]
set -euo pipefail
cd "$(dirname "$0")/../.."

version=""
out="artifacts/helm-plugin"
helm="${HELM:-helm}"
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="${2#v}"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --helm) helm="$2"; shift 2 ;;
    *) echo "package-helm-plugin: unknown argument $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# helm names the archive after plugin.yaml's name and version, so the copy's folder name does not matter.
cp -R helm-plugin "$work/secret-postrenderer"
if [ -n "$version" ]; then
  sed -i.bak "s/^version: .*/version: $version/" "$work/secret-postrenderer/plugin.yaml"
  rm -f "$work/secret-postrenderer/plugin.yaml.bak"
fi
mkdir -p "$out"

if [ -n "${SIGNING_KEY:-}" ]; then
  export GNUPGHOME="$work/gnupg"
  mkdir -m 0700 "$GNUPGHOME"
  echo "$SIGNING_KEY" | gpg --batch --import
  # helm reads a legacy keyring file, not gpg-agent.
  gpg --batch --export-secret-keys >"$GNUPGHOME/secring.gpg"
  key=$(gpg --batch --list-secret-keys --with-colons | awk -F: '$1 == "uid" { print $10; exit }')
  passphrase=()
  if [ -n "${SIGNING_KEY_PASSPHRASE:-}" ]; then
    echo "$SIGNING_KEY_PASSPHRASE" >"$work/passphrase"
    passphrase=(--passphrase-file "$work/passphrase")
  fi
  "$helm" plugin package "$work/secret-postrenderer" --sign --key "$key" --keyring "$GNUPGHOME/secring.gpg" "${passphrase[@]}" -d "$out"
else
  echo "package-helm-plugin: no SIGNING_KEY: packaging unsigned (install with --verify=false)"
  "$helm" plugin package "$work/secret-postrenderer" --sign=false -d "$out"
fi
