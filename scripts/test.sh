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
log="$(mktemp)"
run_tests() { pnpm turbo run test --concurrency=2 2>&1 | tee "$log"; }
run run_tests
# One plain closing line over every package's vitest summary ("Tests  N passed | M failed").
node -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8").replace(/\x1b\[[0-9;]*m/g, "");
  let passed = 0, failed = 0, skipped = 0;
  for (const line of text.split("\n")) {
    if (!/\bTests\s+\d/.test(line)) continue;
    passed += Number(/(\d+) passed/.exec(line)?.[1] ?? 0);
    failed += Number(/(\d+) failed/.exec(line)?.[1] ?? 0);
    skipped += Number(/(\d+) skipped/.exec(line)?.[1] ?? 0);
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$log"
rm -f "$log"

if [ ${#failed[@]} -gt 0 ]; then
  printf 'test: FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "test: all steps passed" >&2
