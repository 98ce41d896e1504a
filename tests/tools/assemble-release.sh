#!/usr/bin/env bash
# Lays out a GitHub release from the release workflow's artifacts, as install.sh and action.yml download it:
#   secret-postrenderer-OS-ARCH.tar.gz (.zip on Windows), each with OS-ARCH.sbom.spdx.json when syft is there,
#   secret-postrenderer-VERSION.tgz (+ .prov), the dotnet tool .nupkg files, install.sh, and checksums.txt over all.
# ARTIFACTS holds binary-OS-ARCH/secret-postrenderer[.exe], tool-OS-ARCH/*.nupkg (that platform's tool package) and
# packages/* (plugin, the tool's pointer and portable packages), as actions/download-artifact lays them out.
# Archives are reproducible: sorted entries, owner 0, mtime SOURCE_DATE_EPOCH (default 0), gzip without a name
# or time. A platform without a binary is listed on a last line `missing: OS-ARCH tool-OS-ARCH ...` (tool-: without
# its tool package) and the rest is laid out.
#
#   tests/tools/assemble-release.sh --artifacts DIR --out DIR [--sbom]
# --sbom  an SBOM per archive is required (syft on PATH), as in the release workflow
set -euo pipefail
cd "$(dirname "$0")/../.."

artifacts=""
out=""
require_sbom=false
while [ $# -gt 0 ]; do
  case "$1" in
    --artifacts) artifacts="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --sbom) require_sbom=true; shift ;;
    *) echo "assemble-release: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$artifacts" ] && [ -n "$out" ] || { echo "usage: assemble-release.sh --artifacts DIR --out DIR [--sbom]" >&2; exit 2; }
if [ "$require_sbom" = true ] && ! command -v syft >/dev/null; then
  echo "assemble-release: --sbom needs syft on PATH" >&2
  exit 1
fi
epoch="${SOURCE_DATE_EPOCH:-0}"
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

missing=()
for platform in linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64 windows-arm64; do
  exe=""
  [ "${platform%%-*}" = windows ] && exe=".exe"
  binary="$artifacts/binary-$platform/secret-postrenderer$exe"
  if [ ! -f "$binary" ]; then
    missing+=("$platform")
    continue
  fi
  mkdir -p "$stage/$platform"
  # upload-artifact keeps no file modes.
  install -m 0755 "$binary" "$stage/$platform/secret-postrenderer$exe"
  touch -d "@$epoch" "$stage/$platform/secret-postrenderer$exe"
  if [ -n "$exe" ]; then
    archive="secret-postrenderer-$platform.zip"
    rm -f "$out/$archive"
    (cd "$stage/$platform" && TZ=UTC zip -q -X "$out/$archive" "secret-postrenderer$exe")
  else
    archive="secret-postrenderer-$platform.tar.gz"
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage/$platform" -cf - secret-postrenderer \
      | gzip -9n >"$out/$archive"
  fi
  if command -v syft >/dev/null; then
    syft scan "dir:$stage/$platform" --source-name "$archive" -o "spdx-json=$out/secret-postrenderer-$platform.sbom.spdx.json" -q
  fi
  echo "archived $archive"
done

# Each platform's dotnet tool package (secret-postrenderer.RID.VERSION.nupkg), packed beside its binary.
for platform in linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64 windows-arm64; do
  if compgen -G "$artifacts/tool-$platform/*.nupkg" >/dev/null; then
    cp "$artifacts/tool-$platform"/*.nupkg "$out/"
  else
    missing+=("tool-$platform")
  fi
done

if [ -d "$artifacts/packages" ]; then
  cp "$artifacts/packages"/* "$out/"
else
  missing+=("packages")
fi
cp install.sh "$out/install.sh"
(cd "$out" && rm -f checksums.txt && find . -maxdepth 1 -type f ! -name checksums.txt ! -name '*.sigstore.json' -printf '%f\n' \
  | LC_ALL=C sort | xargs sha256sum >checksums.txt)
echo "checksums.txt lists $(wc -l <"$out/checksums.txt") files"
echo "missing: ${missing[*]}"
