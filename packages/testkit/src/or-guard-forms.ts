import { spawnSync } from "node:child_process";

/**
 * RUN lines around a call that fails (`useradd -Z x app`: the musl busybox has no useradd), and
 * whether busybox sh gets through the line both as Docker runs it (`sh -c`) and under `set -e`:
 * migrate --check and alpinize check must call the call guarded exactly when it does, unless the
 * row's third column (`guarded`) says otherwise: a pipe into a filter that shows or logs the
 * call's output (`b | head`, `b | tee /tmp/log`) lets the build go on, but is no decision to go on
 * without b, so the gates read it as unguarded (fail closed). The same table on both sides, so
 * the two readings of `||` cannot drift apart.
 */
export const OR_GUARD_FORMS: readonly (readonly [
  run: string,
  passes: boolean,
  guarded?: boolean,
])[] = [
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
  // `!` turns the status round: b's failure is a success, caught only where success ends well.
  ["! useradd -Z x app; echo", true],
  ["! useradd -Z x app", true],
  ["if ! useradd -Z x app; then :; fi", true],
  ["( echo x; ! useradd -Z x app ) || true", true],
  ["if ! useradd -Z x app; then exit 1; fi", false],
  ["if ! useradd -Z x app; then echo failed >&2; false; fi", false],
  ["while ! useradd -Z x app; do exit 1; done", false],
  ["( echo x; ! useradd -Z x app ) && exit 1 || true", false],
  ["{ ! useradd -Z x app; } && exit 1 || true", false],
  ["! useradd -Z x app && exit 1 || true", false],
  ["! { ! useradd -Z x app; }", false],
  ["! ( ! useradd -Z x app )", false],
  ["true && ! useradd -Z x app | cat", false],
  // `!` before an if, loop or case turns the compound's status round (set -e sleeps inside it).
  ["! if true; then useradd -Z x app || true; fi", false],
  ["! if useradd -Z x app; then :; fi", false],
  ["! while useradd -Z x app; do :; done", false],
  ["! until useradd -Z x app; do break; done", false],
  ["! for f in a; do useradd -Z x app || true; done", false],
  ["! case a in a) useradd -Z x app || true;; esac", false],
  ["! if true; then useradd -Z x app; fi && exit 1 || true", false],
  ["! if true; then useradd -Z x app; fi", true],
  ["! while useradd -Z x app; do :; done || true", true],
  ["! if true; then useradd -Z x app || true; fi || true", true],
  ["! for f in a; do useradd -Z x app; done", true],
  ["! case a in a) useradd -Z x app;; esac", true],
  // A condition is read against the branch its status picks.
  ["if useradd -Z x app; then :; fi", true],
  ["if useradd -Z x app; then exit 1; fi", true],
  ["if ( useradd -Z x app; echo x ); then :; fi", true],
  ["while ( useradd -Z x app ); do break; done", true],
  ["while useradd -Z x app; do :; done", true],
  ["if useradd -Z x app; then :; else exit 1; fi", false],
  ["if ( useradd -Z x app; echo x ); then exit 1; fi", false],
  ["if useradd -Z x app; then :; fi && exit 1 || true", false],
  ["if true; then useradd -Z x app || true; fi && exit 1 || true", false],
  ["if useradd -Z x app; then :; elif false; then :; else exit 1; fi", false],
  // A failed test runs the `elif` after it, read as an if of its own.
  ["if useradd -Z x app; then :; elif false; then :; fi", true],
  ["if false; then :; elif useradd -Z x app; then :; fi", true],
  ["if useradd -Z x app; then :; elif true; then :; else exit 1; fi", true],
  ["if useradd -Z x app; then :; elif false; then :; elif true; then :; fi", true],
  ["if useradd -Z x app; then exit 1; elif ls /; then echo; else :; fi", true],
  ["if useradd -Z x app; then :; elif true; then exit 1; fi", false],
  ["if useradd -Z x app; then :; elif false; then :; elif true; then exit 1; fi", false],
  // Only a pipeline's last command's status is the pipeline's (no pipefail in busybox sh).
  ["( echo x; useradd -Z x app | cat ) && exit 1 || true", false],
  ["{ echo x; useradd -Z x app | cat; } && exit 1 || true", false],
  ["( echo x; useradd -Z x app || true ) && exit 1 || true", false],
  ["for f in a; do useradd -Z x app || true; done", true],
  // A stage before the last: the pipeline's status is the last command's, unless pipefail.
  ["useradd -Z x app | true", true],
  ["useradd -Z x app | cat", true],
  ["useradd -Z x app | tee", true],
  ["useradd -Z x app | tee /dev/null", true],
  ["useradd -Z x app | tee -a -- /dev/null", true],
  ["useradd -Z x app | tee /no/such/f", false],
  ["useradd -Z x app | tee -x /dev/null", false],
  ["useradd -Z x app | cat /no/such/f", false],
  ["useradd -Z x app | true || exit 1", true],
  // A filter of its input with no file operand exits 0 whatever b wrote: head, tail, sort, wc;
  // busybox goes on, the gates do not (the user or group b makes is missing in the image).
  ["useradd -Z x app | tee /tmp/f", true, false],
  ["useradd -Z x app | tee -a /tmp/f /dev/null", true, false],
  ["useradd -Z x app | head", true, false],
  ["useradd -Z x app | head -n 5", true, false],
  ["useradd -Z x app | head -5", true, false],
  ["useradd -Z x app | tail", true, false],
  ["useradd -Z x app | tail -n 1", true, false],
  ["useradd -Z x app | sort", true, false],
  ["useradd -Z x app | sort -u", true, false],
  ["useradd -Z x app | wc -l", true, false],
  ["useradd -Z x app | sort | head -n 1", true, false],
  ["useradd -Z x app 2>&1 | tee /tmp/useradd.log", true, false],
  ["useradd -Z x app | head -1", true, false],
  ["useradd -Z x app | tee /tmp/no/such/f", false],
  ["useradd -Z x app | head -n x", false],
  ["useradd -Z x app | sort -o /no/such/f", false],
  ["useradd -Z x app | wc -l /no/such/f", false],
  ["useradd -Z x app | grep -v x", false],
  ["useradd -Z x app | head && exit 1 || true", false],
  ["set -o pipefail; useradd -Z x app | head", false],
  ["useradd -Z x app | grep x", false],
  ["useradd -Z x app | cat && exit 1 || true", false],
  ["! useradd -Z x app | cat", false],
  ["cat | useradd -Z x app", false],
  ["set -o pipefail; useradd -Z x app | true", false],
  // `set -e` does not stop in a group whose status `&&`, `||` or `!` reads: a failure is passed over.
  ["( useradd -Z x app; echo x ) || exit 1", true],
  ["{ useradd -Z x app; echo x; } || exit 1", true],
  ["{ set -e; useradd -Z x app; echo; } || true", true],
  ["( useradd -Z x app; echo x ) && true", true],
  ["( useradd -Z x app & echo x ) || exit 1", true],
  ["( echo a; useradd -Z x app; ls /nonexist; echo x ) || exit 1", true],
  ["( useradd -Z x app; echo x ) > /dev/null || exit 1", true],
  ["( useradd -Z x app && echo y; echo x ) || exit 1", true],
  ["( useradd -Z x app; ( echo x ) ) || exit 1", true],
  ["{ ! useradd -Z x app; echo x; } || exit 1", true],
  ["( useradd -Z x app; false ) || exit 1", false],
  ["( useradd -Z x app; echo x ) && exit 1", false],
  ["( useradd -Z x app; echo x; exit 1 ) || exit 1", false],
  ["( useradd -Z x app; echo x ) | grep -q y", false],
  ["! ( useradd -Z x app; echo x )", false],
  ["true && ( useradd -Z x app; echo x )", false],
  ["{ useradd -Z x app; x=$(false); } || exit 1", false],
  ["{ useradd -Z x app; echo >&3; } || exit 1", false],
  ["( useradd -Z x app || exit 1; echo x ) || exit 1", false],
  // A case ends with its arm's last list's status, a for loop with its body's; read by `||` or
  // `&&`, `set -e` passes over the lists before it in the arm or body, as in a group.
  ["case a in a) useradd -Z x app;; esac || true", true],
  ["case a in a) useradd -Z x app; echo x;; esac || exit 1", true],
  ["case a in b) exit 1;; a) useradd -Z x app; echo x;; esac || exit 1", true],
  ["case a in (a) useradd -Z x app; echo x;; esac || exit 1", true],
  ["case a in a) useradd -Z x app; echo x; esac || exit 1", true],
  ["case a in a) useradd -Z x app || true;; esac", true],
  ["case a in a) echo; useradd -Z x app || true;; b) exit 1;; esac", true],
  ["case a in a) useradd -Z x app;; b) echo x;; esac && exit 1 || true", true],
  ["case a in a) useradd -Z x app;; esac || exit 1", false],
  ["case a in a) useradd -Z x app; false;; esac || exit 1", false],
  ["case a in a) useradd -Z x app; echo x;; esac && exit 1 || true", false],
  ["case a in a) useradd -Z x app; exit 1;; esac || true", false],
  ["case a in a) useradd -Z x app; echo x;; esac", false],
  ["! case a in a) useradd -Z x app; echo x;; esac", false],
  ["for f in a; do useradd -Z x app; echo; done || exit 1", true],
  ["for f in a b; do useradd -Z x app; echo; done || exit 1", true],
  ["for f in a; do case $f in a) useradd -Z x app;; esac; done || true", true],
  ["for f in a; do useradd -Z x app; false; done || exit 1", false],
  ["for f in a; do useradd -Z x app; done || exit 1", false],
  ["for f in a; do useradd -Z x app; echo; done && exit 1 || true", false],
  ["for f in a; do useradd -Z x app; echo; done", false],
  ["for f in a; do useradd -Z x app; exit 1; done || true", false],
  ["! for f in a; do useradd -Z x app; echo; done", false],
  // Under `set -u` a parameter expansion exits the shell when the parameter is unset.
  ["set -u; useradd -Z x app || echo $x", false],
  ["{ set -u; useradd -Z x app; echo $x; } || true", false],
  ["set -u; useradd -Z x app || echo x", true],
  ["set -eu; useradd -Z x app || true", true],
  ["set -e -u; useradd -Z x app || echo $x", false],
  ["set -o pipefail -u; useradd -Z x app || echo $x", false],
  ["sh -u -c 'useradd -Z x app || echo $x'", false],
  ["sh -eu -c 'useradd -Z x app || echo $x'", false],
  ["sh -uc 'useradd -Z x app || echo $x'", false],
  ["sh -e -u -c 'useradd -Z x app || echo $x'", false],
  ["sh -o nounset -c 'useradd -Z x app || echo $x'", false],
  ["sh -u -c 'useradd -Z x app || echo x'", true],
  ["sh -e -c 'useradd -Z x app || echo $x'", true],
  // An assignment alone may end the shell too (an unset $y, a division by zero).
  ["set -u; useradd -Z x app || { X=$y; true; }", false],
  ["useradd -Z x app || { X=$((1/0)); true; }", false],
  ["until useradd -Z x app; do X=$((1/0)); break; done", false],
  // An assignment alone exits 0, or with its last substitution's status; a read-only one exits sh.
  ["useradd -Z x app || X=1", true],
  ["useradd -Z x app || X=1 Y=2", true],
  ["useradd -Z x app || X=$(true)", true],
  ["useradd -Z x app || X=$(echo x)", true],
  ["useradd -Z x app || { X=1; true; }", true],
  ["( useradd -Z x app; X=1 ) || exit 1", true],
  ["useradd -Z x app || X=$(false)", false],
  ["useradd -Z x app || X=`false`", false],
  ["useradd -Z x app || X=1 > /no/such/f", false],
  ["useradd -Z x app || X=1 && exit 1", false],
  ["useradd -Z x app || { X=$(false); true; }", false],
  ["( useradd -Z x app; X=$(false) ) || exit 1", false],
  ["readonly X; useradd -Z x app || X=1", false],
  ["readonly X; useradd -Z x app || { X=1; true; }", false],
  // A loop body that runs once to a bare `break` ends the loop with 0.
  ["until useradd -Z x app; do break; done", true],
  ["until useradd -Z x app; do echo x; break; done", true],
  ["until useradd -Z x app; do break 1; done", true],
  ["while ! useradd -Z x app; do break; done", true],
  ["until useradd -Z x app; do false; break; done", false],
  ["until useradd -Z x app; do break; done && exit 1", false],
  ["until useradd -Z x app; do break >&3; done", false],
  // What runs after `||` that is known to succeed: `! false`, `eval true`, `$(true)` alone.
  ["useradd -Z x app || ! false", true],
  ["useradd -Z x app || eval true", true],
  ["useradd -Z x app || eval 'true'", true],
  ['useradd -Z x app || eval "true"', true],
  ["useradd -Z x app || eval 'true; exit 1'", false],
  ["useradd -Z x app || eval 'false'", false],
  ["useradd -Z x app || $(true)", true],
  ["useradd -Z x app || ! true", false],
  ["useradd -Z x app || eval false", false],
  ["useradd -Z x app || eval 'exit 1'", false],
  ["useradd -Z x app || $(false)", false],
  ["useradd -Z x app || $(echo x)", false],
];

/**
 * RUN lines under a SHELL whose options change how they end (`-u`: an unset `$x` exits the shell;
 * `-o pipefail`: a pipeline fails when a stage does), and whether busybox sh run with those words
 * and the line, as Docker runs a RUN under SHELL, gets through it. Read as OR_GUARD_FORMS is
 * (`guarded`: the gates' reading where it is not busybox's).
 */
export const SHELL_GUARD_FORMS: readonly (readonly [
  shell: readonly string[],
  run: string,
  passes: boolean,
  guarded?: boolean,
])[] = [
  [["/bin/sh", "-u", "-c"], "useradd -Z x app || echo $x", false],
  [["/bin/sh", "-eu", "-c"], "useradd -Z x app || echo $x", false],
  [["/bin/sh", "-uc"], "useradd -Z x app || echo $x", false],
  [["/bin/sh", "-e", "-u", "-c"], "useradd -Z x app || echo $x", false],
  [["/bin/sh", "-o", "nounset", "-c"], "useradd -Z x app || echo $x", false],
  [["/bin/sh", "-o", "pipefail", "-uc"], "useradd -Z x app || echo $x", false],
  [["/bin/sh", "-u", "-c"], "useradd -Z x app || echo x", true],
  [["/bin/sh", "-e", "-c"], "useradd -Z x app || echo $x", true],
  [["/bin/sh", "-c"], "useradd -Z x app || echo $x", true],
  [["/bin/sh", "-o", "pipefail", "-c"], "useradd -Z x app | true", false],
  [["/bin/sh", "-eo", "pipefail", "-c"], "useradd -Z x app | cat", false],
  [["/bin/sh", "-c"], "useradd -Z x app | true", true],
  [["/bin/sh", "-o", "pipefail", "-c"], "useradd -Z x app | head -n 1", false],
  [["/bin/sh", "-c"], "useradd -Z x app | wc -l", true, false],
];

/** Whether busybox sh in the chroot `root`, run with the SHELL words `shell`, gets through `run`. */
export function passesUnder(root: string, shell: readonly string[], run: string): boolean {
  const r = spawnSync("chroot", [root, ...shell, run], {
    encoding: "utf8",
    timeout: 60_000,
    killSignal: "SIGKILL",
  });
  return r.status === 0;
}

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
