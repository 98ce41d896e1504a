#!/usr/bin/env bash
# The dotnet tool's packages, as the release packs them and the tests install them (.NET 10 RID-specific tools):
#   pointer  secret-postrenderer.VERSION.nupkg: no code, names one package per RID (Packaging.props'
#            ToolPackageRuntimeIdentifiers); `dotnet tool install secret-postrenderer` reads it first
#   any      secret-postrenderer.any.VERSION.nupkg: the portable framework-dependent build (needs the .NET 10
#            runtime), which dotnet tool install picks on a platform that has no package of its own
#   RID      secret-postrenderer.RID.VERSION.nupkg: the NativeAOT binary for that platform, packed on a machine of
#            its operating system (release.yml: each platform's runner, beside the archive's binary)
#   linux-musl-x64, linux-musl-arm64
#            the framework-dependent build under the musl RID, packed anywhere: Alpine must not get linux-x64's
#            glibc binary, and the release builds no musl binary
#
#   tests/tools/pack-tool.sh [--version V] [--out DIR] pointer|any|RID...
#
# --version V   the release version, e.g. 1.2.3 (default: Directory.Build.props' Version)
# --out DIR     where the .nupkg files go (default: artifacts/tool)
set -euo pipefail
cd "$(dirname "$0")/../.."

out="artifacts/tool"
version=""
kinds=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --version) version="${2#v}"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "pack-tool: unknown option $1" >&2; exit 2 ;;
    *) kinds+=("$1"); shift ;;
  esac
done
[ ${#kinds[@]} -gt 0 ] || { echo "usage: pack-tool.sh [--version V] [--out DIR] pointer|any|RID..." >&2; exit 2; }

listed=$(sed -n 's:.*<ToolPackageRuntimeIdentifiers>\(.*\)</ToolPackageRuntimeIdentifiers>.*:\1:p' src/PostRenderer.Cli/Packaging.props)
for kind in "${kinds[@]}"; do
  case ";$listed;pointer;" in
    *";$kind;"*) ;;
    *) echo "pack-tool: $kind is not in Packaging.props' ToolPackageRuntimeIdentifiers ($listed)" >&2; exit 2 ;;
  esac
done

properties=(-c Release -p:PackAsTool=true -p:ContinuousIntegrationBuild=true -o "$out" -nologo)
[ -n "$version" ] && properties+=("-p:Version=$version")

# One after the other: each restore rewrites the project's assets file for its RID.
for kind in "${kinds[@]}"; do
  start=$SECONDS
  case "$kind" in
    pointer) dotnet pack src/PostRenderer.Cli "${properties[@]}" ;;
    any) dotnet pack src/PostRenderer.Cli -r any -p:PublishAot=false "${properties[@]}" ;;
    # No apphost: `dotnet` runs the .dll, as for `any`, and no musl host pack is needed to build it.
    linux-musl-*) dotnet pack src/PostRenderer.Cli -r "$kind" -p:PublishAot=false -p:UseAppHost=false "${properties[@]}" ;;
    *) dotnet pack src/PostRenderer.Cli -r "$kind" "${properties[@]}" ;;
  esac
  echo "pack-tool: $kind packed in $((SECONDS - start)) s"
done
