#!/usr/bin/env bash
# Installs Renovate (pinned) for the renovate/ preset tests: the config validator and the offline
# end-to-end run. It lives outside the git tree so a fresh clone reuses it; quick when present.
# Renovate 44 needs Node ^24.11, which scripts/setup.sh puts in .tools/bin.
#   ALPINIZE_RENOVATE_DIR  where to install (default /opt/alpinize/renovate-<version> when that is
#                          writable, else .tools/renovate-<version> in the repository)
set -euo pipefail
RENOVATE_VERSION=44.121.2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

default_dir() {
  local opt="/opt/alpinize/renovate-$RENOVATE_VERSION"
  if mkdir -p /opt/alpinize 2>/dev/null && [ -w /opt/alpinize ]; then
    echo "$opt"
  else
    echo "$root/.tools/renovate-$RENOVATE_VERSION"
  fi
}
dest="${ALPINIZE_RENOVATE_DIR:-$(default_dir)}"

if ! command -v git >/dev/null 2>&1; then
  # Renovate's local platform reads the file list from git.
  echo "install-renovate: installing git" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git >&2
fi

# Renovate must be installed and run by Node 24: put the project's Node first on PATH.
if [ -x "$root/.tools/bin/node" ]; then
  export PATH="$root/.tools/bin:$PATH"
fi
node_version="$(node -p 'process.versions.node')"
case "$node_version" in
  24.*) ;;
  *)
    echo "install-renovate: renovate $RENOVATE_VERSION needs Node ^24.11 but found $node_version;" \
      "run scripts/setup.sh first" >&2
    exit 2
    ;;
esac

# Renovate's native RE2 regex engine (the one its users run, stricter than JavaScript's) must be
# compiled against Node 24's headers; npm here defaults to the system Node's. node@24 ships them.
headers="$(node -p 'require("path").resolve(process.execPath, "../..")')"
for candidate in "$headers" "$root"/.tools/node_modules/node/node_modules/node-linux-*; do
  if [ -f "$candidate/include/node/node_version.h" ]; then
    export npm_config_nodedir="$candidate"
    break
  fi
done

re2_loads() { (cd "$1" && node -e 'require("re2")') >/dev/null 2>&1; }

if [ -f "$dest/.installed" ] && [ "$(cat "$dest/.installed")" = "$RENOVATE_VERSION" ]; then
  if ! re2_loads "$dest"; then
    echo "install-renovate: rebuilding RE2 for Node $node_version in $dest (about 4 minutes)" >&2
    (cd "$dest" && npm rebuild re2 --loglevel=error >&2) ||
      echo "install-renovate: warning: RE2 rebuild failed; the RE2 validator test will fail" >&2
  fi
  echo "install-renovate: renovate $RENOVATE_VERSION already in $dest" >&2
  exit 0
fi

echo "install-renovate: installing renovate $RENOVATE_VERSION into $dest (about 3-5 minutes)" >&2
parent="$(dirname "$dest")"
mkdir -p "$parent"
staging="$(mktemp -d "$parent/.renovate-staging.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
echo '{"private":true}' > "$staging/package.json"
npm install --prefix "$staging" --no-audit --no-fund --loglevel=error --omit=dev \
  "renovate@$RENOVATE_VERSION" >&2
"$staging/node_modules/.bin/renovate-config-validator" --help >/dev/null
if ! re2_loads "$staging"; then
  echo "install-renovate: warning: RE2 did not build for Node $node_version; Renovate falls back" \
    "to JavaScript regexes and the RE2 validator test will fail" >&2
fi
echo "$RENOVATE_VERSION" > "$staging/.installed"
# Swap the finished tree in whole, so a failed install never looks installed.
rm -rf "$dest"
mv "$staging" "$dest"
trap - EXIT
echo "install-renovate: done ($dest)" >&2
