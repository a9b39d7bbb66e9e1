import { existsSync, readFileSync } from "node:fs";
import { corpusPath } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { charonScript, charonSkipReason } from "./support/charon.js";
import { parses } from "./support/rewrite.js";
import { BUSYBOX } from "./support/roots.js";

const skipped = charonSkipReason();

describe.skipIf(skipped !== undefined)(
  `Charon's Debian entrypoint${skipped ? ` (skipped: ${skipped})` : ""}`,
  () => {
    const input = charonScript() ?? "";

    it("becomes a script that parses under dash and busybox ash and uses the shims", () => {
      const r = rewriteEntrypoint(input);
      parses(["dash"], r.output);
      if (existsSync(BUSYBOX)) parses([BUSYBOX, "ash"], r.output);
      expect(r.output).toContain(
        'alpinize_ensure_group docker "$DOCKER_SOCK_GID" 2>/dev/null >/dev/null || true',
      );
      expect(r.output).toContain(
        'alpinize_add_user_to_group charon "$DOCKER_SOCK_GID" 2>/dev/null >/dev/null || true',
      );
      expect(r.output).toContain(
        'alpinize_add_user_to_group charon "$GROUP_NAME" 2>/dev/null >/dev/null || true',
      );
      expect(r.output).toContain('(alpinize_exec_as charon "$@")');
      expect(r.warnings).toEqual([]);
      // Only the user/group lines change: every other line is kept byte for byte.
      const changed = new Set(r.edits.map((e) => e.line));
      const inLines = input.split("\n");
      const outLines = r.output.split("\n");
      outLines.splice(1, 2); // the two lines that source the shims
      inLines.forEach((l, i) => {
        if (!changed.has(i + 1)) expect(outLines[i]).toBe(l);
      });
      const left = lintEntrypoint(r.output).filter((f) =>
        ["shadow-tool", "gosu", "hidden-failure"].includes(f.rule),
      );
      expect(left).toEqual([]);
    });

    it("also handles the Alpine-era variant (addgroup and su-exec)", () => {
      const alpine = readFileSync(corpusPath("charon", "alpine-before.entrypoint.sh"), "utf8");
      const r = rewriteEntrypoint(alpine);
      expect(r.output).toContain(
        'alpinize_ensure_group docker "$DOCKER_SOCK_GID" 2>/dev/null >/dev/null || true',
      );
      expect(r.output).toContain(
        'alpinize_add_user_to_group charon "$DOCKER_SOCK_GID" 2>/dev/null >/dev/null || true',
      );
      expect(r.output).toContain('        su-exec charon "$@"\n');
      parses(["dash"], r.output);
    });
  },
);
