#!/bin/sh
# Helm 4 runs this for the secret-postrenderer plugin (see ../plugin.yaml), stdin and stdout passed through.
# A binary shipped inside the plugin wins, so a plugin directory can pin its own converter version;
# otherwise the one on PATH runs.
#
# Helm 4 discards a plugin's stderr and says only `plugin "secret-postrenderer" exited with error`, so the
# tool's messages of the last run are kept in $HELM_CACHE_HOME/secret-postrenderer/last-run.log (helm's cache
# folder: ~/.cache/helm on Linux, ~/Library/Caches/helm on macOS, unless HELM_CACHE_HOME or XDG_CACHE_HOME
# say otherwise). When the run fails, the messages also go to the terminal if there is one. The tool never
# writes a secret value to stderr, so the log holds none.
set -eu
bundled="${HELM_PLUGIN_DIR:-$(dirname "$0")/..}/bin/secret-postrenderer"
if [ -x "$bundled" ]; then
  binary="$bundled"
elif command -v secret-postrenderer >/dev/null 2>&1; then
  binary=secret-postrenderer
else
  binary=""
fi

case "$(uname -s)" in
  Darwin) default_cache="$HOME/Library/Caches/helm" ;;
  *) default_cache="${XDG_CACHE_HOME:-$HOME/.cache}/helm" ;;
esac
log_dir="${HELM_CACHE_HOME:-$default_cache}/secret-postrenderer"
log="$log_dir/last-run.log"
# Where the messages go when the log folder cannot be made: stderr alone, as before.
if ! (mkdir -p "$log_dir" && : >"$log") 2>/dev/null; then
  log=/dev/stderr
fi

if [ -z "$binary" ]; then
  echo "secret-postrenderer plugin: no secret-postrenderer binary in $bundled nor on PATH (install it with install.sh)" >"$log"
  status=127
else
  status=0
  "$binary" "$@" 2>"$log" || status=$?
fi

if [ "$status" -ne 0 ] && [ "$log" != /dev/stderr ]; then
  cat "$log" >&2
  # helm hides stderr: tell the person at the terminal, if any, why helm failed and where the log is.
  if { : >/dev/tty; } 2>/dev/null; then
    { cat "$log"; echo "secret-postrenderer plugin: exit code $status; these messages are kept in $log"; } >/dev/tty 2>/dev/null || true
  fi
fi
exit "$status"
