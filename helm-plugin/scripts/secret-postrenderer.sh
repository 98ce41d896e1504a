#!/bin/sh
# Helm 4 runs this for the secret-postrenderer plugin (see ../plugin.yaml), stdin and stdout passed through.
# A binary shipped inside the plugin wins, so a plugin directory can pin its own converter version;
# otherwise the one on PATH runs. Helm 4 discards a plugin's stderr, so the message below is seen only when
# this script is run by hand; its exit code 127 still makes helm fail instead of rendering nothing.
set -eu
bundled="${HELM_PLUGIN_DIR:-$(dirname "$0")/..}/bin/secret-postrenderer"
if [ -x "$bundled" ]; then
  exec "$bundled" "$@"
fi
if command -v secret-postrenderer >/dev/null 2>&1; then
  exec secret-postrenderer "$@"
fi
echo "secret-postrenderer plugin: no secret-postrenderer binary in $bundled nor on PATH (install it with install.sh)" >&2
exit 127
