import { rmSync } from "node:fs";
import {
  alpineRootSkipReason,
  makeAlpineRoot,
  OR_GUARD_FORMS,
  passesBothWays,
} from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanCommands } from "./commands.js";

// The `||` guards of testkit's table, run by the musl busybox sh in a chroot, next to what
// alpinize check reads (migrate --check reads the same table in @alpinize/dockerfile).

const guarded = (run: string) => scanCommands(run).find((c) => c.name === "useradd")?.guarded;

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
      expect({ run, guarded: guarded(run) === true }).toEqual({ run, guarded: expected });
    });
  },
);
