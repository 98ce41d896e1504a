#!/usr/bin/env bash
# Resolves the Dockerfile's base images to digests, for a release build that names exactly what it was built from.
# The Dockerfile names them by tag in `ARG *_IMAGE=` lines (what a local `docker build` uses); this asks the
# registry, through `docker buildx imagetools inspect`, which image index each tag points to now and prints one line
# per image, NAME=REF@sha256:DIGEST, for `docker build --build-arg` or $GITHUB_OUTPUT (release.yml does both).
# An answer that is not a sha256 digest fails the script: a release never falls back to a tag.
#
#   tests/tools/pin-base-images.sh [DOCKERFILE]
set -euo pipefail
cd "$(dirname "$0")/../.."
dockerfile="${1:-Dockerfile}"

images=$(sed -n 's/^ARG \([A-Z_]*_IMAGE\)=\(.*\)$/\1=\2/p' "$dockerfile")
[ -n "$images" ] || { echo "pin-base-images: no ARG *_IMAGE=... line in $dockerfile" >&2; exit 1; }

while IFS='=' read -r name reference; do
  case "$reference" in
    *@*) echo "pin-base-images: $name is already pinned in $dockerfile ($reference)" >&2; exit 1 ;;
  esac
  # The index's digest (every platform's manifest list), not one platform's manifest: buildx picks each
  # platform's image from it.
  digest=$(docker buildx imagetools inspect "$reference" --format '{{json .Manifest}}' | jq -r '.digest')
  if ! [[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then
    echo "pin-base-images: $reference resolved to '$digest', not a sha256 digest" >&2
    exit 1
  fi
  echo "$name=$reference@$digest"
done <<<"$images"
