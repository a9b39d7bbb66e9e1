#!/usr/bin/env bash
# Sets up the toolchain, builds, and shows alpinize migrating the bundled example Dockerfile.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
# shellcheck source=/dev/null
source scripts/env.sh
set +e
pnpm exec alpinize migrate examples/debian-app/Dockerfile
code=$?
set -e
# migrate prints a diff and exits 0; anything else is an error worth failing on.
exit "$code"
