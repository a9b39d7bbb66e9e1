#!/usr/bin/env bash
# Runs a command with the project's toolchain on PATH, setting it up first when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -e "$root/.tools/bin/pnpm" ] && ! command -v pnpm >/dev/null 2>&1 || [ ! -d "$root/node_modules" ]; then
  bash "$root/scripts/setup.sh"
fi
# shellcheck source=/dev/null
source "$root/scripts/env.sh"
cd "$root"
exec "$@"
