import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

const SCRIPT = [
  "#!/bin/sh",
  "set -e",
  "runuser -l app -c 'cd /srv && ./migrate'",
  "setpriv --reuid=app --regid=app --init-groups /bin/worker &",
  'exec runuser -u "$APP_USER" -- "$@"',
  "",
].join("\n");

describe("alpinize entrypoint with runuser and setpriv", () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "alpinize-entrypoint-switch-"));
    file = join(dir, "e.sh");
    await writeFile(file, SCRIPT);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("rewrites the calls that run a command as a user and explains the one it leaves", async () => {
    const r = await runCli(["entrypoint", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("+(alpinize_exec_as app /bin/worker) &\n");
    expect(r.stdout).toContain('+{ alpinize_exec_as "$APP_USER" "$@" || exit; }\n');
    expect(r.stdout).not.toContain("-runuser -l");
    const notes = r.stderr.split("\n").filter((l) => l.includes("[runuser]"));
    expect(notes).toEqual([
      `warning ${file}:3:1 [runuser] runuser is not in busybox (Alpine has it in the runuser package), and this call is not rewritten: -l starts a login shell: it clears the environment, sets PATH and starts in the user's home, which alpinize_exec_as does not; write alpinize_exec_as USER /bin/sh -c 'cd && …' when only the home directory matters (the environment is kept), or keep runuser: apk add runuser`,
    ]);
    expect(r.stderr).toContain("would make 3 edit(s), 1 finding(s) left to fix by hand");
  });

  it("--json lists the edits with their rules and the finding left", async () => {
    const doc = JSON.parse((await runCli(["entrypoint", file, "--json"])).stdout);
    expect(doc.edits.map((e: { rule: string; line: number }) => [e.rule, e.line])).toEqual([
      ["source-shims", 2],
      ["setpriv", 4],
      ["runuser", 5],
    ]);
    expect(doc.findings).toEqual([
      expect.objectContaining({ rule: "runuser", severity: "warning", line: 3, column: 1 }),
    ]);
  });
});
