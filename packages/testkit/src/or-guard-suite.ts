import { rmSync } from "node:fs";
import type * as Vitest from "vitest";
import { alpineRootSkipReason, makeAlpineRoot } from "./alpine-root.js";
import {
  OR_GUARD_FORMS,
  passesBothWays,
  passesUnder,
  SHELL_GUARD_FORMS,
} from "./or-guard-forms.js";
import { STAGE_GUARD_FORMS, stageGuardDockerfile } from "./stage-guard-forms.js";

/** The parts of vitest the suite declares its tests with: the caller's own import. */
export type SuiteApi = Pick<typeof Vitest, "describe" | "it" | "expect" | "beforeAll" | "afterAll">;

/**
 * A describe, skipped where no Alpine root can be made, whose tests share one root (with
 * /dev/null) made before the first and removed after the last; `tests` reads it through `root()`.
 */
function describeInRoot(
  t: SuiteApi,
  title: string,
  prefix: string,
  tests: (root: () => string) => void,
): void {
  t.describe.skipIf(alpineRootSkipReason() !== undefined)(title, () => {
    let root = "";
    t.beforeAll(() => {
      root = makeAlpineRoot(prefix, { devNull: true });
    });
    t.afterAll(() => rmSync(root, { recursive: true, force: true }));
    tests(() => root);
  });
}

/**
 * Declares the `||` guard suite in the calling test file: one test per OR_GUARD_FORMS row, run by
 * the musl busybox sh in one chroot (passesBothWays), next to whether `guarded` (migrate --check's
 * or alpinize check's reading) calls it guarded; both must match the row (the gates' own column
 * where it has one). vitest is passed in
 * (`import * as vitest from "vitest"`), so testkit itself never loads it.
 */
export function describeOrGuards(t: SuiteApi, guarded: (run: string) => boolean): void {
  describeInRoot(t, "|| guards read as busybox sh runs them", "alpinize-or-guards-", (root) => {
    const rows = OR_GUARD_FORMS.map(([run, passes, gate = passes]) => [run, passes, gate] as const);
    t.it.each(rows)("%s", (run, expected, gate) => {
      t.expect({ run, passes: passesBothWays(root(), run) }).toEqual({ run, passes: expected });
      t.expect({ run, guarded: guarded(run) }).toEqual({ run, guarded: gate });
    });
  });
}

/**
 * Declares the SHELL options suite beside describeOrGuards: one test per SHELL_GUARD_FORMS row,
 * run by the musl busybox sh with the row's SHELL words (passesUnder), next to whether `guarded`
 * calls the call guarded in `FROM alpine` + that SHELL + `RUN run`; both must match the row.
 */
export function describeShellGuards(
  t: SuiteApi,
  guarded: (shell: readonly string[], run: string) => boolean,
): void {
  describeInRoot(
    t,
    "|| guards under SHELL options, read as busybox sh runs them",
    "alpinize-shell-guards-",
    (root) => {
      const rows = SHELL_GUARD_FORMS.map(
        ([shell, run, passes, gate = passes]) => [shell, run, passes, gate] as const,
      );
      t.it.each(rows)("SHELL %j RUN %s", (shell, run, expected, gate) => {
        const row = { shell, run };
        t.expect({ ...row, passes: passesUnder(root(), shell, run) }).toEqual({
          ...row,
          passes: expected,
        });
        t.expect({ ...row, guarded: guarded(shell, run) }).toEqual({ ...row, guarded: gate });
      });
    },
  );
}

/**
 * Declares the stage suite beside describeShellGuards: one test per STAGE_GUARD_FORMS row, run by
 * the musl busybox sh under the row's SHELL (passesUnder), next to whether `guarded` calls the
 * call on line `line` of `text` guarded; both must match the row.
 */
export function describeStageGuards(
  t: SuiteApi,
  guarded: (text: string, line: number) => boolean,
): void {
  describeInRoot(
    t,
    "|| guards under another stage's options, read as busybox sh runs them",
    "alpinize-stage-guards-",
    (root) => {
      t.it.each(STAGE_GUARD_FORMS)("$before RUN $run", (form) => {
        const { text, line } = stageGuardDockerfile(form);
        const row = { text };
        t.expect({ ...row, passes: passesUnder(root(), form.shell, form.run) }).toEqual({
          ...row,
          passes: form.passes,
        });
        t.expect({ ...row, guarded: guarded(text, line) }).toEqual({
          ...row,
          guarded: form.passes,
        });
      });
    },
  );
}
