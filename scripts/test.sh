#!/usr/bin/env bash
# The full test suite: toolchain setup if needed, system services the real-service tests use,
# then lint, typecheck, package checks and every package's tests through turbo. Every step runs
# even when an earlier one failed, so one run shows every problem; the exit code is non-zero if
# any step failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh || exit 1
# shellcheck source=/dev/null
source scripts/env.sh
# Each scripts/ci/install-*.sh installs (as root, from Debian's packages or the npm registry)
# what one family of real-service tests needs. They are idempotent and quick once done.
for step in scripts/ci/install-*.sh; do
  [ -e "$step" ] || continue
  echo "test: $step" >&2
  bash "$step" || exit 1
done

failed=()
run() {
  echo "test: $*" >&2
  "$@" || failed+=("$*")
}
run pnpm lint
run pnpm typecheck
run pnpm check-packages
run pnpm turbo run test --concurrency=2

if [ ${#failed[@]} -gt 0 ]; then
  printf 'test: FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "test: all steps passed" >&2
