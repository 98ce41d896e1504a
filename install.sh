#!/bin/sh
# Installs secret-postrenderer: the release binary for this OS and CPU from GitHub releases, checked
# against the release's sha256 checksum file, or (--local) a build of this checkout.
#
#   curl -fsSL https://github.com/OWNER/REPO/releases/latest/download/install.sh | sh
#   ./install.sh [--version 0.1.0] [--dir ~/.local/bin] [--helm-plugin] [--local]
#
# Options:
#   --dir DIR        where the binary goes (default: ~/.local/bin)
#   --version V      release to install, e.g. 0.1.0 (default: the latest release); the installed binary must
#                    report V or nothing is installed
#   --local          build from this checkout with `dotnet publish` instead of downloading
#   --helm-plugin    also install the Helm 4 post-renderer plugin (`helm plugin install`); when the plugins
#                    folder holds Helm 3 plugins, into a Helm-4-only folder instead (see README "Helm 4 beside Helm 3")
#   --helm PATH      the helm 4 binary for --helm-plugin (default: helm on PATH)
#   --repo O/N       GitHub repository of the releases (default: secret-postrenderer/secret-postrenderer)
#   --base-url URL   fetch the release files from URL/<file> instead (a mirror, or file:///dir)
#
# The names of the release files are fixed here and in .github/workflows/release.yml; keep them in step.
set -eu

repo="secret-postrenderer/secret-postrenderer"
dir="${HOME}/.local/bin"
version=""
local_build=false
helm_plugin=false
helm="helm"
base_url=""

usage() {
  cat <<'USAGE'
Usage: install.sh [--version V] [--dir DIR] [--local] [--helm-plugin] [--helm PATH] [--repo OWNER/NAME] [--base-url URL]
Installs secret-postrenderer (default: latest release into ~/.local/bin); --local builds this checkout,
--helm-plugin also installs the Helm 4 post-renderer plugin.
USAGE
}

fail() {
  echo "install.sh: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --dir) [ $# -ge 2 ] || fail "--dir needs a value"; dir="$2"; shift 2 ;;
    --version) [ $# -ge 2 ] || fail "--version needs a value"; version="${2#v}"; shift 2 ;;
    --local) local_build=true; shift ;;
    --helm-plugin) helm_plugin=true; shift ;;
    --helm) [ $# -ge 2 ] || fail "--helm needs a value"; helm="$2"; shift 2 ;;
    --repo) [ $# -ge 2 ] || fail "--repo needs a value"; repo="$2"; shift 2 ;;
    --base-url) [ $# -ge 2 ] || fail "--base-url needs a value"; base_url="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option $1 (see --help)" ;;
  esac
done

detect_os() {
  case "$(uname -s)" in
    Linux) echo linux ;;
    Darwin) echo darwin ;;
    MINGW*|MSYS*|CYGWIN*) echo windows ;;
    *) fail "unsupported operating system $(uname -s)" ;;
  esac
}

detect_arch() {
  case "$(uname -m)" in
    x86_64|amd64) echo amd64 ;;
    aarch64|arm64) echo arm64 ;;
    *) fail "unsupported CPU $(uname -m)" ;;
  esac
}

# .NET's runtime identifier for the same platform, for --local builds.
dotnet_rid() {
  case "$1-$2" in
    linux-amd64) echo linux-x64 ;;
    linux-arm64) echo linux-arm64 ;;
    darwin-amd64) echo osx-x64 ;;
    darwin-arm64) echo osx-arm64 ;;
    windows-amd64) echo win-x64 ;;
    windows-arm64) echo win-arm64 ;;
  esac
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    fail "neither sha256sum nor shasum is installed: cannot verify the download"
  fi
}

download() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL "$1" -o "$2" || fail "cannot download $1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q "$1" -O "$2" || fail "cannot download $1"
  else
    fail "neither curl nor wget is installed"
  fi
}

# Downloads one release file into $work and checks it against checksums.txt.
fetch_verified() {
  download "$release_url/$1" "$work/$1"
  expected=$(awk -v name="$1" '$2 == name || $2 == "*" name { print $1 }' "$work/checksums.txt")
  [ -n "$expected" ] || fail "$1 is not listed in checksums.txt"
  actual=$(sha256_of "$work/$1")
  [ "$expected" = "$actual" ] || fail "checksum mismatch for $1: expected $expected, got $actual"
}

os=$(detect_os)
arch=$(detect_arch)
exe=""
[ "$os" = windows ] && exe=".exe"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
checkout=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"

if [ "$local_build" = true ]; then
  [ -f "$checkout/src/PostRenderer.Cli/PostRenderer.Cli.csproj" ] || fail "--local needs the source checkout beside install.sh"
  command -v dotnet >/dev/null 2>&1 || fail "--local needs the .NET 10 SDK (dotnet) on PATH"
  rid=$(dotnet_rid "$os" "$arch")
  echo "Building secret-postrenderer for $rid from $checkout"
  # The README's publish command. linux-x64 is the project's default target, so there it runs unchanged
  # (and reuses an existing build); elsewhere it names this machine's runtime identifier.
  if [ "$rid" = linux-x64 ]; then
    (cd "$checkout" && dotnet publish src/PostRenderer.Cli -c Release -o "$work/publish" -nologo -v quiet) \
      || fail "dotnet publish failed (its messages are above)"
  else
    (cd "$checkout" && dotnet publish src/PostRenderer.Cli -c Release -r "$rid" -o "$work/publish" -nologo -v quiet) \
      || fail "dotnet publish failed (its messages are above)"
  fi
  cp "$work/publish/secret-postrenderer$exe" "$dir/secret-postrenderer$exe.new"
else
  if [ -n "$base_url" ]; then
    release_url="$base_url"
  elif [ -n "$version" ]; then
    release_url="https://github.com/$repo/releases/download/v$version"
  else
    release_url="https://github.com/$repo/releases/latest/download"
  fi
  if [ "$os" = windows ]; then archive="secret-postrenderer-$os-$arch.zip"; else archive="secret-postrenderer-$os-$arch.tar.gz"; fi
  echo "Downloading $archive from $release_url"
  download "$release_url/checksums.txt" "$work/checksums.txt"
  fetch_verified "$archive"
  mkdir -p "$work/unpacked"
  case "$archive" in
    *.zip) (cd "$work/unpacked" && unzip -q "$work/$archive") ;;
    *) tar -xzf "$work/$archive" -C "$work/unpacked" ;;
  esac
  [ -f "$work/unpacked/secret-postrenderer$exe" ] || fail "$archive holds no secret-postrenderer$exe"
  cp "$work/unpacked/secret-postrenderer$exe" "$dir/secret-postrenderer$exe.new"
fi

chmod 0755 "$dir/secret-postrenderer$exe.new"
# `secret-postrenderer version` prints "secret-postrenderer VERSION (commit ..., BUILD, RID)".
reported=$("$dir/secret-postrenderer$exe.new" version) || { rm -f "$dir/secret-postrenderer$exe.new"; fail "the downloaded binary does not run on this machine"; }
if [ -n "$version" ] && [ "$(echo "$reported" | cut -d' ' -f2)" != "$version" ]; then
  rm -f "$dir/secret-postrenderer$exe.new"
  fail "asked for version $version but the binary reports: $reported"
fi
# Replace in one rename, so a helm run in progress never sees a half-written binary.
mv -f "$dir/secret-postrenderer$exe.new" "$dir/secret-postrenderer$exe"
echo "Installed $reported in $dir/secret-postrenderer$exe"
case ":$PATH:" in
  *":$dir:"*) ;;
  *) echo "Note: $dir is not on PATH; helm (3 and the Helm 4 plugin) finds secret-postrenderer through PATH." ;;
esac

if [ "$helm_plugin" = true ]; then
  command -v "$helm" >/dev/null 2>&1 || fail "--helm-plugin: $helm not found (use --helm PATH)"
  case "$("$helm" version --template '{{.Version}}')" in
    v3.*) fail "--helm-plugin is for Helm 4; with Helm 3 pass the binary itself: --post-renderer $dir/secret-postrenderer$exe" ;;
  esac
  # Helm 3 fails on every command once a Helm 4 (apiVersion: v1) plugin sits among its plugins, and Helm 4.1
  # installs into $HELM_DATA_HOME/plugins whatever HELM_PLUGINS says. So where Helm 3 plugins are installed, the
  # Helm 4 plugin goes to a data folder of its own and Helm 4 is told where to look.
  plugins_path=$("$helm" env HELM_PLUGINS)
  helm3_plugin=$(
    IFS=:
    for folder in $plugins_path; do
      for manifest in "$folder"/*/plugin.yaml; do
        if [ -f "$manifest" ] && ! grep -q '^apiVersion:' "$manifest"; then echo "$manifest"; exit; fi
      done
    done
  )
  install_env=""
  "$helm" plugin uninstall secret-postrenderer >/dev/null 2>&1 || true
  if [ -n "$helm3_plugin" ]; then
    helm4_data="${XDG_DATA_HOME:-$HOME/.local/share}/helm4"
    install_env="HELM_DATA_HOME=$helm4_data"
    HELM_DATA_HOME="$helm4_data" "$helm" plugin uninstall secret-postrenderer >/dev/null 2>&1 || true
  fi
  if [ "$local_build" = true ]; then
    # `helm plugin install DIR` links to DIR, so the plugin files need a home that outlives this script.
    plugin_home="${XDG_DATA_HOME:-$HOME/.local/share}/secret-postrenderer/helm-plugin"
    rm -rf "$plugin_home"
    mkdir -p "$plugin_home"
    cp -R "$checkout/helm-plugin/." "$plugin_home/"
    env $install_env "$helm" plugin install "$plugin_home"
  else
    # `helm plugin package`'s archive, named after the release's version. Its sha256 was checked against
    # checksums.txt above (which the release signs with cosign), so helm's own PGP check is not needed.
    plugin_archive=$(awk '{ sub(/^\*/, "", $2) } $2 ~ /^secret-postrenderer-[0-9].*\.tgz$/ { print $2; exit }' "$work/checksums.txt")
    [ -n "$plugin_archive" ] || fail "the release lists no Helm plugin archive (secret-postrenderer-VERSION.tgz) in checksums.txt"
    fetch_verified "$plugin_archive"
    env $install_env "$helm" plugin install "$work/$plugin_archive" --verify=false
  fi
  if [ -n "$helm3_plugin" ]; then
    echo "Helm 3 plugins are installed beside ($helm3_plugin), and Helm 3 cannot load a Helm 4 plugin among them:"
    echo "the plugin went to $helm4_data/plugins instead. Run Helm 4 with"
    echo "  HELM_PLUGINS=$helm4_data/plugins:$plugins_path"
    echo "for example: alias helm4='HELM_PLUGINS=$helm4_data/plugins:$plugins_path helm4'"
  fi
  echo "Helm 4: helm install|upgrade|template ... --post-renderer secret-postrenderer"
fi
