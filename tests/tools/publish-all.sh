#!/usr/bin/env bash
# The release's publish command, one platform at a time: .github/workflows/release.yml runs it for one runtime
# identifier on that platform's runner, and ./test.sh runs it for all six here, so that a trim error on any
# platform (win-x64 once stopped at ILLink IL2067 in System.Management) fails the tests and never a tag.
#
#   tests/tools/publish-all.sh [--quick] [--strict] [--out DIR] [--version V] [RID...]
#
# RID                 linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64 win-arm64 (default: all six)
# --out DIR           each platform's files go to DIR/RID (default: artifacts/publish)
# --version V         the release version, e.g. 1.2.3 (default: Directory.Build.props' Version)
# --quick             a trimmed self-contained single file instead of NativeAOT (./test.sh uses this): NativeAOT
#                     cannot cross-compile between operating systems, and the trimmed publish runs the same
#                     trim analysis for each platform's own assemblies (win-x64 once stopped at IL2067 there)
# --strict            a platform whose runtime pack the package feed lacks fails (the release workflow);
#                     without it that platform is reported as not checked here and skipped
#
# Without --quick it is the release's own build: NativeAOT (NativePublish.props), on a runner of the RID's own
# operating system, with ContinuousIntegrationBuild for paths that do not depend on where the checkout is.
set -euo pipefail
cd "$(dirname "$0")/../.."

all_rids=(linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64 win-arm64)
out="artifacts/publish"
version=""
quick=false
strict=false
rids=()

while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --version) version="${2#v}"; shift 2 ;;
    --quick) quick=true; shift ;;
    --strict) strict=true; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "publish-all: unknown option $1" >&2; exit 2 ;;
    *) rids+=("$1"); shift ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=("${all_rids[@]}")

properties=(-p:ContinuousIntegrationBuild=true)
[ -n "$version" ] && properties+=("-p:Version=$version")
[ "$quick" = true ] && properties+=(-p:PublishAot=false -p:PublishTrimmed=true -p:SelfContained=true -p:PublishSingleFile=true)

failed=()
unchecked=()
for rid in "${rids[@]}"; do
  case " ${all_rids[*]} " in *" $rid "*) ;; *) echo "publish-all: $rid is not a release platform (${all_rids[*]})" >&2; exit 2 ;; esac
  log=$(mktemp)
  start=$SECONDS
  echo "== publish $rid"
  if dotnet publish src/PostRenderer.Cli -c Release -r "$rid" "${properties[@]}" -o "$out/$rid" -nologo -v quiet >"$log" 2>&1; then
    echo "== $rid published in $((SECONDS - start)) s: $(ls "$out/$rid" | tr '\n' ' ')"
  elif [ "$strict" = false ] && grep -Eq "NU110[12].*Microsoft\.(NETCore\.App|AspNetCore\.App)\.(Runtime|Host)\.$rid" "$log"; then
    # Only a runtime pack missing from the feed (the offline test machine's partial NuGet copy) is excused.
    echo "== $rid NOT CHECKED here: the package feed has no .NET runtime pack for it" >&2
    grep -E "NU110[12]" "$log" | sort -u | head -3 >&2
    unchecked+=("$rid")
  else
    cat "$log" >&2
    echo "== $rid FAILED to publish" >&2
    failed+=("$rid")
  fi
  rm -f "$log"
done

[ ${#unchecked[@]} -eq 0 ] || echo "publish-all: not checked on this machine: ${unchecked[*]}" >&2
if [ ${#failed[@]} -gt 0 ]; then
  echo "publish-all: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "publish-all: published ${#rids[@]} platform(s) less ${#unchecked[@]} not checkable here"
