#!/usr/bin/env bash
# The full test suite: toolchain setup if needed, system services the real-service tests use,
# then every package's tests through turbo. Exit code is the tests' exit code.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
# shellcheck source=/dev/null
source scripts/env.sh
# Each scripts/ci/install-*.sh installs (as root, from Debian's packages or the npm registry)
# what one family of real-service tests needs. They are idempotent and quick once done.
for step in scripts/ci/install-*.sh; do
  [ -e "$step" ] || continue
  echo "test: $step" >&2
  bash "$step"
done
pnpm lint
pnpm typecheck
pnpm turbo run test --concurrency=2
