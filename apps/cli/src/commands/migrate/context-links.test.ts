import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

// What migrate finds in a script it reads: an echo escape dash turned into a tab (a warning
// quoting the script's line number) and useradd (shadow added).
const SECRET = "#!/bin/sh\necho 'TOPSECRET-4242\\tx'\nuseradd -m topsecretuser\n";
/** Anything migrate would say having read the outside file. */
const FROM_SECRET = /topsecret|run\.sh:2|setup\.sh:2|useradd|shadow/i;
const INSIDE = "#!/bin/bash\necho -e 'inside\\tx'\n";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alpinize-context-links-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function put(name: string, text: string): string {
  const p = join(dir, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

/**
 * `repo/app` is the build context; `outside/` is not. `run.sh` links to a file outside,
 * `tools` to a folder outside, `in.sh` to a script inside.
 */
function layout(): string {
  put("outside/secret.sh", SECRET);
  put("outside/tools/setup.sh", SECRET);
  put("repo/app/lib/inside.sh", INSIDE);
  symlinkSync("../../outside/secret.sh", join(dir, "repo/app/run.sh"));
  symlinkSync(join(dir, "outside/tools"), join(dir, "repo/app/tools"));
  symlinkSync("lib/inside.sh", join(dir, "repo/app/in.sh"));
  return put(
    "repo/app/Dockerfile",
    [
      "FROM debian:12",
      "RUN apt-get update && apt-get install -y curl",
      "COPY run.sh in.sh /usr/local/bin/",
      "COPY tools/setup.sh /setup.sh",
      "RUN /setup.sh && /usr/local/bin/in.sh",
      'ENTRYPOINT ["/usr/local/bin/run.sh"]',
      "",
    ].join("\n"),
  );
}

describe("migrate: COPYed files that are links out of the build context", () => {
  it("migrate FILE reads no file a link leads out to, and still follows one inside", async () => {
    const dockerfile = layout();
    for (const args of [[], ["--json"]]) {
      const r = await runCli(["migrate", "--alpine", "3.23", ...args, dockerfile]);
      expect(r.code).toBe(0);
      const all = `${r.stdout}${r.stderr}`;
      expect(all).not.toMatch(FROM_SECRET);
      // The link inside the context is read as before: its bash shebang is seen.
      expect(all).toMatch(/in\.sh has a bash shebang/);
    }
  });

  it("migrate FILE warns at each COPY bringing one in, in its output and --json; check reports them", async () => {
    const dockerfile = layout();
    const human = await runCli(["migrate", "--alpine", "3.23", dockerfile]);
    const warned = human.stderr.split("\n").filter((l) => l.includes("[context]"));
    expect(warned.map((l) => /Dockerfile:(\d+:\d+) \[context\] (\S+)/.exec(l)?.slice(1))).toEqual([
      ["3:1", "run.sh"],
      ["4:1", "tools/setup.sh"],
    ]);
    expect(warned[0]).toMatch(
      /leads outside the build context through a link .*put the real file in the build context/,
    );
    const json = await runCli(["migrate", "--alpine", "3.23", "--json", dockerfile]);
    const warnings = JSON.parse(json.stdout).files[0].warnings.filter(
      (w: { rule: string }) => w.rule === "context",
    );
    expect(warnings.map((w: { line: number; column: number }) => [w.line, w.column])).toEqual([
      [3, 1],
      [4, 1],
    ]);
    // Nothing names where the links lead.
    expect(`${human.stderr}${json.stdout}`).not.toContain("outside/");
    writeFileSync(
      dockerfile,
      readFileSync(dockerfile, "utf8").replace("FROM debian:12", "FROM alpine:3.23"),
    );
    const check = await runCli(["check", dockerfile]);
    expect(check.code).toBe(1);
    expect(check.stdout.match(/context-link: (\S+), which/g)).toEqual([
      "context-link: run.sh, which",
      "context-link: tools/setup.sh, which",
    ]);
    expect(`${check.stdout}${check.stderr}`).not.toMatch(FROM_SECRET);
  });

  it("migrate DIR reports a linked-out ENTRYPOINT script once, as a warning: exit 0, not skipped", async () => {
    layout();
    const r = await runCli(["migrate", "--alpine", "3.23", "repo"], { cwd: dir });
    expect(r.code).toBe(0);
    const runSh = r.stderr.split("\n").filter((l) => l.includes("run.sh"));
    expect(runSh).toHaveLength(1);
    expect(runSh[0]).toMatch(/Dockerfile:3:1 \[context\] run\.sh leads outside the build context/);
    expect(r.stderr).not.toMatch(
      /not migrated|symbolic link; skipped \(alpinize does not follow links\) \(/,
    );
    const json = JSON.parse(
      (await runCli(["migrate", "--alpine", "3.23", "--json", "repo"], { cwd: dir })).stdout,
    );
    expect(json.skipped.map((s: { file: string }) => s.file)).not.toContain("repo/app/run.sh");
  });

  it("migrate DIR --json and --report quote nothing of them", async () => {
    layout();
    const report = join(dir, "report.md");
    const r = await runCli(["migrate", "--alpine", "3.23", "--json", "--report", report, "repo"], {
      cwd: dir,
    });
    const all = `${r.stdout}${r.stderr}${readFileSync(report, "utf8")}`;
    expect(all).not.toMatch(FROM_SECRET);
    expect(all).toMatch(/in\.sh has a bash shebang/);
  });

  it("migrate FILE, migrate DIR and check name a script a child stage starts from its parent's folder", async () => {
    put("outside/own.sh", SECRET);
    mkdirSync(join(dir, "repo/pkg"), { recursive: true });
    symlinkSync(join(dir, "outside/own.sh"), join(dir, "repo/pkg/own.sh"));
    const dockerfile = put(
      "repo/Dockerfile",
      'FROM debian:12 AS base\nCOPY . /app\nFROM base\nCMD ["/app/pkg/own.sh"]\n',
    );
    for (const target of [dockerfile, join(dir, "repo")]) {
      const r = await runCli(["migrate", "--alpine", "3.23", target]);
      expect(r.code).toBe(0);
      const warned = r.stderr.split("\n").filter((l) => l.includes("[context]"));
      expect(warned).toHaveLength(1);
      expect(warned[0]).toMatch(/Dockerfile:2:1 \[context\] pkg\/own\.sh, which this COPY brings/);
      expect(`${r.stdout}${r.stderr}`).not.toMatch(FROM_SECRET);
    }
    writeFileSync(
      dockerfile,
      readFileSync(dockerfile, "utf8").replace("FROM debian:12", "FROM alpine:3.23"),
    );
    const check = await runCli(["check", dockerfile]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/context-link: pkg\/own\.sh, which/);
  });

  it("migrate DIR and check DIR enter no folder link out of the repository", async () => {
    layout();
    put("outside/Dockerfile", "FROM debian:12\nRUN useradd -m topsecretuser\n");
    symlinkSync("../outside", join(dir, "repo/vendor"));
    put("repo/alp/Dockerfile", "FROM alpine:3.23\nCOPY tools/setup.sh /setup.sh\nRUN /setup.sh\n");
    symlinkSync("../../outside/tools", join(dir, "repo/alp/tools"));
    const migrate = await runCli(["migrate", "--alpine", "3.23", "--json", "repo"], { cwd: dir });
    const check = await runCli(["check", "repo"], { cwd: dir });
    for (const r of [migrate, check]) {
      expect(`${r.stdout}${r.stderr}`).not.toMatch(FROM_SECRET);
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/vendor/);
    }
  });
});
