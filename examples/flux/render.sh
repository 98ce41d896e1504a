#!/bin/sh
# Renders one Helm release into the directory a Flux Kustomization applies. Run it in CI, where the store
# credentials are (it populates the store), then commit the directory: Flux applies what is committed.
#   examples/flux/render.sh CHART RELEASE NAMESPACE [OUTPUT_DIR]
set -eu
chart=${1:?usage: render.sh CHART RELEASE NAMESPACE [OUTPUT_DIR]}
release=${2:?usage: render.sh CHART RELEASE NAMESPACE [OUTPUT_DIR]}
namespace=${3:?usage: render.sh CHART RELEASE NAMESPACE [OUTPUT_DIR]}
output=${4:-clusters/production/apps}

helm template "$release" "$chart" --namespace "$namespace" |
  secret-postrenderer split --namespace "$namespace" --release "$release" --output-dir "$output" --prune
# The gate before the commit: no plaintext Secret may reach the repository.
secret-postrenderer verify "$output"
