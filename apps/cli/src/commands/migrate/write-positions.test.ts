import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

// buildpack-deps gains a line under FROM and the apt line is rewritten: the glibc download
// warned on line 3 of the input sits on line 4 of the rewritten file.
const INPUT = [
  "FROM buildpack-deps:bookworm",
  "RUN apt-get update && apt-get install -y --no-install-recommends jq",
  "RUN wget -q https://example.com/tool-x86_64-unknown-linux-gnu.tar.gz",
  "",
].join("\n");

const tmp = useTempDir("alpinize-positions-");

function warningLine(stderr: string, file: string): { line: number; column: number } {
  const m = new RegExp(
    `${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):(\\d+) \\[glibc\\]`,
  ).exec(stderr);
  if (!m) throw new Error(`no glibc warning in:\n${stderr}`);
  return { line: Number(m[1]), column: Number(m[2]) };
}

it("--write prints warnings at their lines in the rewritten file", async () => {
  const file = join(tmp.dir, "Dockerfile");
  writeFileSync(file, INPUT);
  const r = await runCli(["migrate", "--write", file]);
  expect(r.code).toBe(0);
  const at = warningLine(r.stderr, file);
  const written = readFileSync(file, "utf8").split("\n");
  expect(at.line).toBe(4);
  expect(written[at.line - 1]!.slice(at.column - 1)).toMatch(
    /^https:\/\/example\.com\/tool-x86_64/,
  );
});

it("a diff or a check prints warnings at their lines in the file as it is", async () => {
  const file = join(tmp.dir, "Dockerfile");
  writeFileSync(file, INPUT);
  for (const mode of [[], ["--check"]]) {
    const r = await runCli(["migrate", ...mode, file]);
    expect(warningLine(r.stderr, file)).toEqual({ line: 3, column: 13 });
  }
});

it("--json gives both positions", async () => {
  const file = join(tmp.dir, "Dockerfile");
  writeFileSync(file, INPUT);
  const r = await runCli(["migrate", "--json", file]);
  const w = JSON.parse(r.stdout).files[0].warnings.find(
    (x: { rule: string }) => x.rule === "glibc",
  );
  expect([w.line, w.column, w.outputLine, w.outputColumn]).toEqual([3, 13, 4, 13]);
});

// migrate DIR adds `apk add bash` under FROM for the bash script, so the warning on the
// COPY (line 2 of the input) sits on line 3 of the rewritten file.
const BASH_INPUT = ["FROM debian:12", "COPY app /app", "RUN /app/x.sh", ""].join("\n");

function dirWarning(stderr: string): string {
  const m = /Dockerfile:(\d+):(\d+) \[shell\]/.exec(stderr);
  if (!m) throw new Error(`no shell warning in:\n${stderr}`);
  return `${m[1]}:${m[2]}`;
}

it("migrate DIR prints warnings as FILE does: the rewritten file's lines after --write", async () => {
  mkdirSync(join(tmp.dir, "app"));
  writeFileSync(join(tmp.dir, "app", "x.sh"), "#!/bin/bash\necho hi\n");
  const file = join(tmp.dir, "Dockerfile");
  for (const mode of [[], ["--check"]]) {
    writeFileSync(file, BASH_INPUT);
    const r = await runCli(["migrate", ...mode, tmp.dir]);
    expect(dirWarning(r.stderr), mode.join()).toBe("2:1");
  }
  const r = await runCli(["migrate", "--write", tmp.dir]);
  expect(r.code).toBe(0);
  expect(dirWarning(r.stderr)).toBe("3:1");
  expect(readFileSync(file, "utf8").split("\n")[2]).toBe("COPY app /app");
  writeFileSync(file, BASH_INPUT);
  const single = await runCli(["migrate", "--write", file]);
  expect(dirWarning(single.stderr)).toBe("3:1");
});

// Three apt lines become one and the ARG goes: the COPY of a script that is not there, line 6 of
// the input, is line 3 of the rewritten file.
const SHRUNK_INPUT = [
  "FROM debian:12",
  "ARG DEBIAN_FRONTEND=noninteractive",
  "RUN apt-get update \\",
  " && apt-get install -y curl \\",
  " && rm -rf /var/lib/apt/lists/*",
  "COPY missing.sh /m.sh",
  "RUN /m.sh",
  "",
].join("\n");

function notFoundLine(stderr: string): string {
  const m = /Dockerfile:(\d+): \[script-not-found\]/.exec(stderr);
  if (!m) throw new Error(`no script-not-found warning in:\n${stderr}`);
  return m[1]!;
}

it("migrate DIR prints the warnings it adds itself at the rewritten file's lines after --write", async () => {
  const file = join(tmp.dir, "Dockerfile");
  writeFileSync(file, SHRUNK_INPUT);
  const diff = await runCli(["migrate", tmp.dir]);
  expect(notFoundLine(diff.stderr)).toBe("6");
  const json = await runCli(["migrate", "--json", tmp.dir]);
  const w = JSON.parse(json.stdout).files[0].warnings.find(
    (x: { rule: string }) => x.rule === "script-not-found",
  );
  expect([w.line, w.outputLine]).toEqual([6, 3]);
  const r = await runCli(["migrate", "--write", tmp.dir]);
  expect(notFoundLine(r.stderr)).toBe("3");
  expect(readFileSync(file, "utf8").split("\n")[2]).toBe("COPY missing.sh /m.sh");
});
