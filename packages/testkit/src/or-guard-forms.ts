import { spawnSync } from "node:child_process";

/**
 * RUN lines around a call that fails (`useradd -Z x app`: the musl busybox has no useradd), and
 * whether busybox sh gets through the line both as Docker runs it (`sh -c`) and under `set -e`:
 * migrate --check and alpinize check must call the call guarded exactly when it does. The same
 * table on both sides, so the two readings of `||` cannot drift apart.
 */
export const OR_GUARD_FORMS: readonly (readonly [run: string, passes: boolean])[] = [
  ["useradd -Z x app || (true)", true],
  ["useradd -Z x app || { echo; true; }", true],
  ["( useradd -Z x app ) || true", true],
  ["( useradd -Z x app; echo x ) || true", true],
  ["{ useradd -Z x app; echo x; } || true", true],
  ["( useradd -Z x app; exit 1 ) || true", true],
  ["( ( useradd -Z x app; echo x ) ) || true", true],
  ["( useradd -Z x app; echo x ) | true", true],
  ["useradd -Z x app || (exit 1) || true", true],
  ["useradd -Z x app || ( ( exit 1 ) ) || true", true],
  ["( echo x; useradd -Z x app ) && exit 1 || true", true],
  ["{ echo x; useradd -Z x app; } && exit 1 || true", true],
  ["( ( echo x; useradd -Z x app ) ) && exit 1 || true", true],
  ["( echo x && useradd -Z x app ) && exit 1 || true", true],
  ["useradd -Z x app || (exit 1)", false],
  ["useradd -Z x app || ( exit 1; true )", false],
  ["useradd -Z x app || { exit 1; } || true", false],
  ["{ useradd -Z x app; exit 1; } || true", false],
  ["( useradd -Z x app; echo x ) && exit 1 || true", false],
  ["{ useradd -Z x app; echo x; } && exit 1 || true", false],
  ["( useradd -Z x app; echo x )", false],
  ["useradd -Z x app || ls / >/dev/null && exit 1 || true", false],
  ["useradd -Z x app || (true) >&3", false],
  ["useradd -Z x app || { true; } >&3", false],
  ["useradd -Z x app || (true) > /no/such/f", false],
];

/**
 * Whether busybox sh in the chroot `root` (makeAlpineRoot's) gets through `run` both as Docker
 * runs a RUN (`sh -c`) and under `set -e`: the ground truth OR_GUARD_FORMS records.
 */
export function passesBothWays(root: string, run: string): boolean {
  return ["-c", "-ec"].every((flag) => {
    const r = spawnSync("chroot", [root, "/bin/sh", flag, run], {
      encoding: "utf8",
      timeout: 60_000,
      killSignal: "SIGKILL",
    });
    return r.status === 0;
  });
}
