#!/usr/bin/env bash
# Brings the toolchain this repository needs (Node >= 22 and pnpm 10) into .tools/ when the
# machine's own Node is older, then installs the workspace and builds it. Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
NODE_VERSION=24.21.0
PNPM_VERSION=10.34.8
tools="$root/.tools"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

mkdir -p "$tools/bin"
if [ ! -x "$tools/node_modules/node/bin/node" ] || [ ! -x "$tools/node_modules/.bin/pnpm" ]; then
  sysnode="$(command -v node || true)"
  if [ -n "$sysnode" ] && [ "$(node_major "$sysnode")" -ge 24 ] && command -v pnpm >/dev/null 2>&1; then
    echo "setup: using system node $($sysnode -v) and pnpm $(pnpm -v)" >&2
  else
    echo "setup: installing node@$NODE_VERSION and pnpm@$PNPM_VERSION into .tools/ (from the npm registry)" >&2
    [ -f "$tools/package.json" ] || echo '{"private":true}' > "$tools/package.json"
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
      "node@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2
    # npm may skip the node package's preinstall that fetches the real binary; run it then.
    if ! "$tools/node_modules/node/bin/node" -v >/dev/null 2>&1; then
      (cd "$tools/node_modules/node" && node installArchSpecificPackage) >&2
    fi
  fi
fi
if [ -x "$tools/node_modules/node/bin/node" ]; then
  ln -sf ../node_modules/node/bin/node "$tools/bin/node"
  ln -sf ../node_modules/.bin/pnpm "$tools/bin/pnpm"
  ln -sf ../node_modules/.bin/pnpx "$tools/bin/pnpx"
fi
# npm run under .tools' Node looks for its global npmrc beside that Node, not where the machine's
# npm keeps it: remember the machine's (registry, proxy, CA file) for scripts/env.sh to pass on.
if [ ! -s "$tools/npm-globalconfig" ] && command -v npm >/dev/null 2>&1; then
  globalrc="$(npm config get globalconfig 2>/dev/null || true)"
  if [ -n "$globalrc" ] && [ -f "$globalrc" ]; then printf '%s\n' "$globalrc" > "$tools/npm-globalconfig"; fi
fi
export PATH="$tools/bin:$PATH"
if [ -z "${npm_config_globalconfig:-}" ] && [ -s "$tools/npm-globalconfig" ]; then
  npm_config_globalconfig="$(cat "$tools/npm-globalconfig")"
  export npm_config_globalconfig
fi
echo "setup: node $(node -v), pnpm $(pnpm -v)" >&2

export CI="${CI:-true}"
# turbo would try to send usage data to its own servers; nothing here should call out.
export TURBO_TELEMETRY_DISABLED=1
echo "setup: installing the workspace (pnpm may warn that it cannot create the alpinize bin yet: it is linked after the build)" >&2
pnpm install --frozen-lockfile=false --reporter=append-only >&2
echo "setup: building every package (pnpm build)" >&2
pnpm build --output-logs=errors-only >&2
# Workspace bins (alpinize) are linked only once their dist file exists: link again after the build.
pnpm install --frozen-lockfile=false --offline --reporter=silent >&2
echo "setup: done. Put the toolchain on your PATH with:  source scripts/env.sh" >&2
