import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

// The message is the entrypoint lint's, so `alpinize check` (which lints the scripts an Alpine
// image runs with it) is checked here too: both name the real error at its line and column.
const SCRIPTS = [
  {
    name: "a lone fi",
    text: "#!/bin/sh\nset -e\necho start\nfi\n",
    at: "4:1",
    message: '"fi" without a matching "if"',
    hint: 'remove it, or add the "if" it closes; check the script with sh -n',
  },
  {
    name: "an unclosed if",
    text: '#!/bin/sh\nif [ -n "$X" ]; then\n  echo yes\n',
    at: "2:1",
    message: '"if" opened here is never closed with "fi"',
    hint: 'add the missing "fi"',
  },
  {
    name: "an unclosed quote",
    text: '#!/bin/sh\necho "hello\n',
    at: "2:6",
    message: "a double quote opened here never closes",
    hint: "close it; check the script with sh -n",
  },
];

describe("shell syntax errors in alpinize entrypoint and alpinize check", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "alpinize-entrypoint-syntax-"));
    await writeFile(
      join(dir, "Dockerfile"),
      'FROM alpine:3.23\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  for (const s of SCRIPTS) {
    it(`says what is wrong with ${s.name}`, async () => {
      const file = join(dir, "e.sh");
      await writeFile(file, s.text);
      const r = await runCli(["entrypoint", file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      // One line: the rewrite's refusal and the lint's error are the same problem.
      expect(r.stderr.split("\n").filter((l) => l.includes("[syntax]"))).toEqual([
        `error ${file}:${s.at} [syntax] ${s.message}; nothing was rewritten (${s.hint})`,
      ]);
      expect(r.stderr).toContain(`${file}: not rewritten, as sh cannot parse it`);
      expect(r.stderr).not.toContain("a quote, command substitution or parameter expansion");

      const check = await runCli(["check", "."], { cwd: dir });
      expect(check.code).toBe(2);
      expect(check.stderr).toContain(
        `error e.sh:${s.at}: shell syntax error: ${s.message}; ${s.hint} (not checked)`,
      );
      expect(check.stderr).not.toContain("a quote, command substitution or parameter expansion");
    });
  }
});
