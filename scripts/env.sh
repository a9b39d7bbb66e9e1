# Source this file (`source scripts/env.sh`) to put the project's Node and pnpm on PATH.
_alpinize_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
export PATH="$_alpinize_root/.tools/bin:$_alpinize_root/node_modules/.bin:$PATH"
unset _alpinize_root
