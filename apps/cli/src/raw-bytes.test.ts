import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bounded, finished } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";
import { BIN } from "./test-support/nobody.js";
import { useTempDir } from "./test-support/temp-dir.js";

// Files that are not valid UTF-8: a Latin-1 é (\xe9) on a line alpinize leaves and on a line it
// edits, next to valid UTF-8 (café). `{m}` marks where the Latin-1 byte goes.
const SCRIPT = '#!/bin/sh\n# Auteur: Ren{m}\n# café\nset -e\nexec gosu app "R{m}mi $@"\n';
const DOCKERFILE =
  'FROM debian:12\n# Ren{m}, café\nRUN apt-get update && apt-get install -y curl café-tools libfoo{m} # {m}\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n';

const LATIN1 = Buffer.from([0xe9]);
/** The same file as valid UTF-8, `{m}` as ¤: what alpinize does to it is what it does today. */
const TWIN = Buffer.from("¤", "utf8");

function fill(template: string, marker: Buffer): Buffer {
  const parts = template.split("{m}").map((p) => Buffer.from(p, "utf8"));
  return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [marker, p])));
}

function replaceBytes(bytes: Buffer, from: Buffer, to: Buffer): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = bytes.indexOf(from); at !== -1; at = bytes.indexOf(from, start)) {
    parts.push(bytes.subarray(start, at), to);
    start = at + from.length;
  }
  parts.push(bytes.subarray(start));
  return Buffer.concat(parts);
}

/** What --write must make of the Latin-1 file: the UTF-8 twin's result, ¤ back to the byte. */
function expectedFromTwin(twinResult: Buffer): Buffer {
  expect(twinResult.indexOf(TWIN), "the twin keeps its markers").not.toBe(-1);
  return replaceBytes(twinResult, TWIN, LATIN1);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

const hasPatch = (() => {
  try {
    execFileSync("patch", ["--version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
})();

const tmp = useTempDir("alpinize-raw-bytes-");

/** A directory holding the Dockerfile and the script it runs, with `marker` in both. */
function repo(name: string, marker: Buffer): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "Dockerfile"), fill(DOCKERFILE, marker));
  writeFileSync(join(dir, "entrypoint.sh"), fill(SCRIPT, marker));
  return dir;
}

async function ok(argv: string[], cwd?: string) {
  const r = await runCli(argv, cwd ? { cwd } : {});
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe.each([
  { command: "entrypoint", file: "entrypoint.sh" },
  { command: "migrate", file: "Dockerfile" },
])("$command FILE on a file that is not UTF-8", ({ command, file }) => {
  it("--write changes the edited spans only, the Latin-1 bytes and café kept", async () => {
    const latin = join(repo("latin", LATIN1), file);
    const twin = join(repo("twin", TWIN), file);
    const said = (await ok([command, "--write", latin])).stderr;
    const saidOfTwin = (await ok([command, "--write", twin])).stderr;
    const written = readFileSync(latin);
    expect(written.equals(fill(command === "migrate" ? DOCKERFILE : SCRIPT, LATIN1))).toBe(false);
    expect(written.equals(expectedFromTwin(readFileSync(twin)))).toBe(true);
    // The same warnings at the same line:column (café is one column, as in the UTF-8 twin).
    expect(said).toBe(saidOfTwin.replaceAll("/twin/", "/latin/").replaceAll("¤", "\\xe9"));
  });

  it.skipIf(!hasPatch)(
    "prints a diff that patch applies, giving the bytes --write gives",
    async () => {
      const dir = repo("latin", LATIN1);
      const copy = join(tmp.dir, "copy");
      cpSync(dir, copy, { recursive: true });
      const diff = (await ok([command, join(dir, file)])).stdoutBytes;
      execFileSync("patch", ["--quiet", join(copy, file)], { input: diff, stdio: "pipe" });
      await ok([command, "--write", join(dir, file)]);
      expect(readFileSync(join(copy, file)).equals(readFileSync(join(dir, file)))).toBe(true);
    },
  );
});

describe("migrate - on standard input that is not UTF-8", () => {
  it.skipIf(!hasPatch)("prints a diff in the input's bytes, which patch applies", () => {
    const input = fill(DOCKERFILE, LATIN1);
    const run = finished(
      spawnSync(process.execPath, [BIN, "migrate", "-"], { input, env: process.env, ...bounded() }),
      "alpinize migrate -",
    );
    expect(run.status, run.stderr.toString()).toBe(0);
    const file = join(tmp.dir, "Dockerfile");
    writeFileSync(file, input);
    execFileSync("patch", ["--quiet", file], { input: run.stdout, stdio: "pipe" });
    const twin = join(repo("twin", TWIN), "Dockerfile");
    const twinDiff = finished(
      spawnSync(process.execPath, [BIN, "migrate", "-"], {
        input: readFileSync(twin),
        ...bounded(),
      }),
      "alpinize migrate - (twin)",
    ).stdout;
    execFileSync("patch", ["--quiet", twin], { input: twinDiff, stdio: "pipe" });
    expect(readFileSync(file).equals(expectedFromTwin(readFileSync(twin)))).toBe(true);
  });
});

describe("migrate DIR on files that are not UTF-8", () => {
  it("--write keeps every byte outside the edits, in the Dockerfile and the script", async () => {
    const latin = repo("latin", LATIN1);
    const twin = repo("twin", TWIN);
    await ok(["migrate", ".", "--write"], latin);
    await ok(["migrate", ".", "--write"], twin);
    for (const file of ["Dockerfile", "entrypoint.sh"]) {
      const written = readFileSync(join(latin, file));
      expect(written.equals(expectedFromTwin(readFileSync(join(twin, file)))), file).toBe(true);
    }
  });

  it.skipIf(!hasPatch)(
    "prints a diff that patch -p1 applies, giving the bytes --write gives",
    async () => {
      const dir = repo("latin", LATIN1);
      const copy = join(tmp.dir, "copy");
      cpSync(dir, copy, { recursive: true });
      const diff = (await ok(["migrate", "."], dir)).stdoutBytes;
      execFileSync("patch", ["--quiet", "-p1"], { cwd: copy, input: diff, stdio: "pipe" });
      await ok(["migrate", ".", "--write"], dir);
      for (const file of ["Dockerfile", "entrypoint.sh"]) {
        expect(readFileSync(join(copy, file)).equals(readFileSync(join(dir, file))), file).toBe(
          true,
        );
      }
    },
  );
});

describe("messages and --json about a file that is not UTF-8", () => {
  // One package name with the Latin-1 byte, one with valid UTF-8: both are quoted in warnings.
  const PACKAGES = "FROM debian:12\n# café\nRUN apt-get install -y libfoo-r{m} cafépkg\n";

  it("migrate FILE --json is UTF-8 JSON naming the byte as \\xe9 and café as café", async () => {
    const file = join(tmp.dir, "Dockerfile");
    writeFileSync(file, fill(PACKAGES, LATIN1));
    const r = await ok(["migrate", "--json", file]);
    const doc = JSON.parse(strictUtf8.decode(r.stdoutBytes));
    const messages = doc.files[0].warnings.map((w: { message: string }) => w.message).join("\n");
    expect(messages).toContain("libfoo-r\\xe9;");
    expect(messages).toContain("cafépkg;");
  });

  it("migrate FILE warnings on stderr say \\xe9 and café", async () => {
    const file = join(tmp.dir, "Dockerfile");
    writeFileSync(file, fill(PACKAGES, LATIN1));
    const r = await ok(["migrate", file]);
    expect(r.stderr).toContain("libfoo-r\\xe9;");
    expect(r.stderr).toContain("cafépkg;");
    expect(r.stderr).not.toContain("\ufffd");
  });

  it("migrate DIR --json is UTF-8 JSON naming the byte as \\xe9", async () => {
    const dir = join(tmp.dir, "repo");
    mkdirSync(dir);
    writeFileSync(join(dir, "Dockerfile"), fill(PACKAGES, LATIN1));
    const r = await ok(["migrate", ".", "--json"], dir);
    const doc = JSON.parse(strictUtf8.decode(r.stdoutBytes));
    expect(JSON.stringify(doc.files[0].warnings)).toContain("libfoo-r\\\\xe9;");
  });

  it("entrypoint --json shows the edited text with the byte as \\xe9", async () => {
    const file = join(tmp.dir, "entrypoint.sh");
    writeFileSync(file, fill(SCRIPT, LATIN1));
    const r = await ok(["entrypoint", "--json", file]);
    const doc = JSON.parse(strictUtf8.decode(r.stdoutBytes));
    const gosu = doc.edits.find((e: { rule: string }) => e.rule === "gosu");
    expect(gosu.before).toBe('exec gosu app "R\\xe9mi $@"');
  });

  it("an error quoting the file names the byte as \\xe9", async () => {
    const file = join(tmp.dir, "Dockerfile");
    writeFileSync(file, fill("FROM debian:12\nR{m}N echo\n", LATIN1));
    const r = await runCli(["migrate", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"R\\xe9N echo"');
    const json = await runCli(["migrate", "--json", file]);
    expect(JSON.parse(strictUtf8.decode(json.stdoutBytes)).errors[0].message).toContain(
      '"R\\xe9N echo"',
    );
  });

  it("check names the byte as \\xe9 in a file it could not parse, on stderr and in --json", async () => {
    const dir = join(tmp.dir, "repo");
    mkdirSync(dir);
    writeFileSync(join(dir, "Dockerfile"), fill("FROM debian:12\nR{m}N café\n", LATIN1));
    const r = await runCli(["check", "."], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"R\\xe9N café"');
    const json = await runCli(["check", ".", "--json"], { cwd: dir });
    const doc = JSON.parse(strictUtf8.decode(json.stdoutBytes));
    expect(doc.find((f: { rule: string }) => f.rule === "unparsable").message).toContain(
      '"R\\xe9N café"',
    );
  });

  it("pin names the byte as \\xe9 and café as café in an error quoting the file", async () => {
    const file = join(tmp.dir, "Dockerfile");
    writeFileSync(file, fill("FROM alpine:3.20\nR{m}N café\n", LATIN1));
    const r = await runCli(["pin", "--kind", "dockerfile", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"R\\xe9N café"');
    const json = await runCli(["pin", "--kind", "dockerfile", "--json", file]);
    expect(JSON.parse(strictUtf8.decode(json.stdoutBytes)).errors[0].message).toContain(
      '"R\\xe9N café"',
    );
  });
});
