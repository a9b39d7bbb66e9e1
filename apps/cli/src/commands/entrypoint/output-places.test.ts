import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

// The tester's script: the shims (inlined by migrate DIR, sourced or inlined by entrypoint) go
// above line 2, so every place below moves; the groupadd line itself is rewritten.
const SCRIPT = [
  "#!/bin/sh",
  "groupadd -g 999 docker",
  "getent group docker",
  'if getent group docker >/dev/null; then echo "$(getent group docker)"; fi',
  'sh -c "getent group docker"',
  'exec "$@"',
  "",
].join("\n");

/** `line:column [rule]` of each warning line printed for `file`. */
function places(stderr: string, file: string): string[] {
  const at = new RegExp(`${file}:(\\d+:\\d+) \\[([a-z-]+)\\]`);
  return stderr
    .split("\n")
    .map((l) => at.exec(l))
    .filter((m) => m !== null)
    .map((m) => `${m[1]} [${m[2]}]`);
}

/** The word at a 1-based place of `text`. */
function wordAt(text: string, line: number, column: number): string {
  const rest = text.split("\n")[line - 1]!.slice(column - 1);
  return /^[^\s;"()]+/.exec(rest)?.[0] ?? "";
}

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-output-places-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("entrypoint script warnings after --write point into the rewritten file", () => {
  for (const flags of [["--inline"], []]) {
    it(`alpinize entrypoint --write ${flags.join(" ")}: where the rerun prints them`, async () => {
      const file = join(dir, "e.sh");
      await writeFile(file, SCRIPT);
      const first = await runCli(["entrypoint", file, "--write", ...flags]);
      expect(first.code, first.stderr).toBe(0);
      const rerun = await runCli(["entrypoint", file]);
      expect(rerun.stderr).toContain("nothing to rewrite");
      expect(places(first.stderr, "e.sh")).toEqual(places(rerun.stderr, "e.sh"));
      expect(places(first.stderr, "e.sh").length).toBeGreaterThanOrEqual(4);
    });
  }

  it("alpinize entrypoint --json: line/column in FILE, outputLine/outputColumn in the rewrite", async () => {
    const file = join(dir, "e.sh");
    await writeFile(file, SCRIPT);
    const r = await runCli(["entrypoint", file, "--json", "--inline"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    await runCli(["entrypoint", file, "--write", "--inline"]);
    const written = await readFile(file, "utf8");
    const notes = [...doc.warnings, ...doc.findings];
    expect(notes.length).toBeGreaterThanOrEqual(4);
    for (const n of notes) {
      expect(wordAt(written, n.outputLine, n.outputColumn), JSON.stringify(n)).toBe(
        wordAt(SCRIPT, n.line, n.column),
      );
    }
  });

  it("alpinize migrate DIR --write and --json: the same places for the script it rewrote", async () => {
    await writeFile(join(dir, "e.sh"), SCRIPT);
    await writeFile(
      join(dir, "Dockerfile"),
      'FROM debian:12\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
    );
    const json = await runCli(["migrate", dir, "--json"]);
    expect(json.stdout, json.stderr).not.toBe("");
    const script = JSON.parse(json.stdout).files.find((f: { file: string }) =>
      f.file.endsWith("e.sh"),
    );
    const first = await runCli(["migrate", dir, "--write"]);
    expect(first.code, first.stderr).toBe(0);
    const written = await readFile(join(dir, "e.sh"), "utf8");
    expect(written).not.toBe(SCRIPT);
    const rerun = await runCli(["migrate", dir]);
    expect(places(first.stderr, "e.sh")).toEqual(places(rerun.stderr, "e.sh"));
    expect(script.warnings.length).toBeGreaterThanOrEqual(4);
    for (const w of script.warnings) {
      expect(w.outputLine, JSON.stringify(w)).toBeGreaterThan(w.line);
      expect(wordAt(written, w.outputLine, w.outputColumn), JSON.stringify(w)).toBe(
        wordAt(SCRIPT, w.line, w.column),
      );
    }
  });

  // The tester's scripts: a line whose earlier word the rewrite changed (`chgrp docker` to
  // `chgrp 1500`) and whose later words it keeps; two groups, one name the start of the other.
  const LATER_WORDS = [
    [
      "#!/bin/sh",
      "groupadd -g 1500 docker",
      "chgrp docker /x; getent group docker",
      'exec "$@"',
      "",
    ],
    [
      "#!/bin/sh",
      "groupadd -g 1500 docker && groupadd -g 1600 docker2",
      "chgrp docker /x; chgrp docker2 /y; echo ok; getent group docker docker2",
      'exec "$@"',
      "",
    ],
  ].map((lines) => lines.join("\n"));
  for (const script of LATER_WORDS) {
    it(`--write prints the place of the word in the written file: ${script.split("\n")[2]}`, async () => {
      const file = join(dir, "g.sh");
      await writeFile(file, script);
      const doc = JSON.parse((await runCli(["entrypoint", file, "--json"])).stdout);
      const first = await runCli(["entrypoint", file, "--write"]);
      expect(first.code, first.stderr).toBe(0);
      const written = await readFile(file, "utf8");
      const printed = places(first.stderr, "g.sh");
      expect(printed.length).toBeGreaterThanOrEqual(script.includes("docker2") ? 2 : 1);
      for (const p of printed) {
        const [line, column] = p.split(" ")[0]!.split(":").map(Number);
        expect(wordAt(written, line!, column!), p).toMatch(/^docker2?$/);
      }
      for (const n of [...doc.warnings, ...doc.findings]) {
        expect(wordAt(written, n.outputLine, n.outputColumn), JSON.stringify(n)).toBe(
          wordAt(script, n.line, n.column),
        );
      }
    });
  }
});
