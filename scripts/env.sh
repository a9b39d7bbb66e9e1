# Source this file (`source scripts/env.sh`) to put the project's Node and pnpm on PATH.
_alpinize_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
export PATH="$_alpinize_root/.tools/bin:$_alpinize_root/node_modules/.bin:$PATH"
# turbo would try to send usage data to its own servers; nothing here should call out.
export TURBO_TELEMETRY_DISABLED=1
# The machine's global npmrc (registry, proxy, CA file), found by scripts/setup.sh.
if [ -z "${npm_config_globalconfig:-}" ] && [ -s "$_alpinize_root/.tools/npm-globalconfig" ]; then
  npm_config_globalconfig="$(cat "$_alpinize_root/.tools/npm-globalconfig")"
  export npm_config_globalconfig
fi
unset _alpinize_root
