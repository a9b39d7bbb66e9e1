import { rmSync } from "node:fs";
import {
  alpineRootSkipReason,
  makeAlpineRoot,
  OR_GUARD_FORMS,
  passesBothWays,
} from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStages, lineFinder, parseDockerfile } from "../src/index.js";
import { debianToolsLeftIn } from "../src/rules/tools-left.js";

// The `||` guards of testkit's table, run by the musl busybox sh in a chroot, next to what
// migrate --check reads (alpinize check reads the same table in @alpinize/repo).

/** Whether migrate --check counts the call as guarded (no Debian tool left). */
function guarded(run: string): boolean {
  const doc = parseDockerfile(`FROM alpine:3.23\nRUN ${run}\n`);
  const lineOf = lineFinder(doc.lineStarts);
  const left = debianToolsLeftIn(doc, analyzeStages(doc).stages, () => true).filter(
    (t) => !t.accepted && lineOf(t.offset) === 2,
  );
  return left.length === 0;
}

describe.skipIf(alpineRootSkipReason() !== undefined)(
  "|| guards read as busybox sh runs them",
  () => {
    let root = "";
    beforeAll(() => {
      root = makeAlpineRoot("alpinize-or-guards-", { devNull: true });
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it.each(OR_GUARD_FORMS)("%s", (run, expected) => {
      expect({ run, passes: passesBothWays(root, run) }).toEqual({ run, passes: expected });
      expect({ run, guarded: guarded(run) }).toEqual({ run, guarded: expected });
    });
  },
);
