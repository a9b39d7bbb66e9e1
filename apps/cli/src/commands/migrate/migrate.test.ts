import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_RELEASE } from "@alpinize/package-map";
import { bounded, finished } from "@alpinize/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { unifiedDiff } from "./diff.js";
import { contextReader } from "./file.js";

const DEBIAN = [
  "FROM debian:trixie-slim",
  "# runtime deps",
  "RUN apt-get update && apt-get install -y --no-install-recommends \\",
  "    ca-certificates libsqlite3-0 \\",
  "    && rm -rf /var/lib/apt/lists/*",
  "USER nobody",
  "",
].join("\n");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alpinize-migrate-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string, mode = 0o644): string {
  const p = join(dir, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  chmodSync(p, mode);
  return p;
}

describe("alpinize migrate FILE", () => {
  it("prints a unified diff by default and leaves the file alone", async () => {
    const p = file("Dockerfile", DEBIAN);
    const r = await runCli(["migrate", "--alpine", "3.23", p]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("-FROM debian:trixie-slim\n+FROM alpine:3.23\n");
    expect(r.stdout).toContain("+RUN apk add --no-cache \\\n+    ca-certificates sqlite-libs\n");
    expect(r.stdout).toMatch(/^--- a\/.*Dockerfile\n\+\+\+ b\/.*Dockerfile\n@@ -1,6 \+1,5 @@\n/);
    expect(r.stderr).toMatch(/for Alpine 3\.23/);
    expect(readFileSync(p, "utf8")).toBe(DEBIAN);
  });

  it("--write rewrites atomically, keeps the mode, and --check then passes", async () => {
    const p = file("Dockerfile", DEBIAN, 0o640);
    expect((await runCli(["migrate", "--check", "--alpine", "3.23", p])).code).toBe(1);
    const w = await runCli(["migrate", "--write", "--alpine", "3.23", p]);
    expect(w.code).toBe(0);
    expect(readFileSync(p, "utf8")).toBe(
      "FROM alpine:3.23\n# runtime deps\nRUN apk add --no-cache \\\n    ca-certificates sqlite-libs\nUSER nobody\n",
    );
    expect(statSync(p).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["Dockerfile"]);
    const c = await runCli(["migrate", "--check", "--alpine", "3.23", p]);
    expect(c.code).toBe(0);
    expect(c.stderr).toMatch(/nothing to change for Alpine 3\.23\n/);
    // Without --alpine, the release named is the default it was checked against, not the file's.
    const d = await runCli(["migrate", "--check", p]);
    expect(d.code).toBe(0);
    expect(d.stderr).toContain(
      `: nothing to change (checked against Alpine ${DEFAULT_RELEASE}, the default; pass --alpine to choose)\n`,
    );
  });

  it("--json reports edits, warnings with line and column, and every package decision", async () => {
    const p = file("Dockerfile", `${DEBIAN}RUN apt-get install -y no-such-pkg-xyz\n`);
    const r = await runCli(["migrate", "--json", "--alpine", "3.23", p]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.release).toBe("3.23");
    const f = doc.files[0];
    expect(f.changed).toBe(true);
    expect(f.images).toEqual([
      { line: 1, before: "debian:trixie-slim", after: "alpine:3.23", needsPin: false },
    ]);
    expect(f.edits[0]).toMatchObject({
      rule: "from",
      line: 1,
      column: 6,
      before: "debian:trixie-slim",
      after: "alpine:3.23",
    });
    expect(f.packages.map((x: { debian: string }) => x.debian)).toEqual([
      "ca-certificates",
      "libsqlite3-0",
      "no-such-pkg-xyz",
    ]);
    expect(f.packages[1]).toMatchObject({ line: 4, written: ["sqlite-libs"], tool: "apt" });
    expect(typeof f.packages[1].reason).toBe("string");
    expect(f.warnings).toEqual([expect.objectContaining({ rule: "apt", line: 7, column: 24 })]);
  });

  it("exits 2 with file and line for bad input", async () => {
    const missing = await runCli(["migrate", join(dir, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope: no such file/);
    const bad = file("Bad.Dockerfile", "FROM debian\nthis is not an instruction\n");
    const syntax = await runCli(["migrate", bad]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/Bad\.Dockerfile:2: unknown instruction "this"/);
    const release = await runCli(["migrate", "--alpine", "2.0", bad]);
    expect(release.code).toBe(2);
    expect(release.stderr).toMatch(/unknown Alpine release "2\.0"[\s\S]*3\.24/);
    const repo = join(dir, "repo");
    mkdirSync(repo);
    writeFileSync(join(repo, "Dockerfile"), DEBIAN);
    const before = await runCli(["migrate", "--alpine", "3.23", "--check", repo]);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/Dockerfile: would change/);
    expect((await runCli(["migrate", "--alpine", "3.23", "--write", repo])).code).toBe(0);
    expect(readFileSync(join(repo, "Dockerfile"), "utf8")).toMatch(/^FROM alpine:3\.23/);
    expect((await runCli(["migrate", "--alpine", "3.23", "--check", repo])).code).toBe(0);
    expect((await runCli(["migrate"])).code).toBe(2);
    expect((await runCli(["migrate", "--write", "--check", bad])).code).toBe(2);
  });

  it("reads COPYed scripts next to the Dockerfile, never outside its directory", async () => {
    file("app/entry.sh", "#!/bin/bash\nenvsubst < /a > /b\n");
    file("secret.sh", "#!/bin/bash\n");
    const p = file(
      "app/Dockerfile",
      "FROM debian:12\nRUN apt-get install -y gettext-base\nCOPY entry.sh ../secret.sh /usr/local/bin/\n",
    );
    const r = await runCli(["migrate", "--alpine", "3.23", "--json", p]);
    const f = JSON.parse(r.stdout).files[0];
    expect(f.packages[0].written).toEqual(["gettext-envsubst"]);
    const shebangs = f.warnings.filter((w: { message: string }) => /bash shebang/.test(w.message));
    expect(shebangs.map((w: { message: string }) => w.message)).toEqual([
      expect.stringContaining("entry.sh has a bash shebang"),
    ]);
    expect(contextReader(p)("../secret.sh")).toBeUndefined();
    expect(contextReader(p)("/entry.sh")).toMatch(/^#!\/bin\/bash/);
  });

  it("keeps going over several files and exits 2 if one is bad", async () => {
    const good = file("a/Dockerfile", DEBIAN);
    const r = await runCli(["migrate", "--check", join(dir, "missing"), good]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing: no such file/);
    expect(r.stderr).toMatch(/a\/Dockerfile: needs migration/);
  });
});

describe("odd inputs and write failures", () => {
  it("names a file it cannot read (exit 2) and still migrates the others", async () => {
    // /proc/self/mem opens but fails to read (EIO), even for root, whom modes do not stop.
    const good = file("Dockerfile", DEBIAN);
    const r = await runCli(["migrate", "--alpine", "3.23", "--json", "/proc/self/mem", good]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/proc\/self\/mem: cannot read \(EIO\)/);
    const doc = JSON.parse(r.stdout);
    expect(doc.errors).toEqual([
      { file: "/proc/self/mem", code: "ALPINIZE_MIGRATE_UNREADABLE", message: expect.any(String) },
    ]);
    expect(doc.files.map((f: { file: string }) => f.file)).toEqual([good]);
  });

  it("says --alpine needs a release when a file name follows it", async () => {
    const r = await runCli(["migrate", "--alpine", "Dockerfile"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--alpine needs a release like 3\.23, not "Dockerfile"/);
  });

  it("keeps bytes that are not UTF-8 exactly as they were", async () => {
    const p = join(dir, "Dockerfile");
    writeFileSync(
      p,
      Buffer.concat([
        Buffer.from("# Maintainer: Jos"),
        Buffer.from([0xe9]),
        Buffer.from("\nFROM debian:12\nRUN apt-get install -y curl\n"),
      ]),
    );
    const r = await runCli(["migrate", "--write", "--alpine", "3.23", p]);
    expect(r.code).toBe(0);
    expect(readFileSync(p)).toEqual(
      Buffer.concat([
        Buffer.from("# Maintainer: Jos"),
        Buffer.from([0xe9]),
        Buffer.from("\nFROM alpine:3.23\nRUN apk add --no-cache curl\n"),
      ]),
    );
  });

  it("refuses an endless or huge input with exit 2 instead of reading it all", async () => {
    const zero = await runCli(["migrate", "/dev/zero"]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/\/dev\/zero: larger than 4 MiB/);
    const huge = join(dir, "Dockerfile");
    writeFileSync(huge, "FROM debian:12\n");
    truncateSync(huge, 3 * 1024 ** 3);
    const r = await runCli(["migrate", huge]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Dockerfile: larger than 4 MiB/);
  });

  it("--write works for a file name near the file system's limit", async () => {
    const p = file(`${"D".repeat(240)}.Dockerfile`, DEBIAN);
    const r = await runCli(["migrate", "--write", "--alpine", "3.23", p]);
    expect(r.code).toBe(0);
    expect(readFileSync(p, "utf8")).toMatch(/^FROM alpine:3\.23\n/);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it.skipIf(process.getuid?.() === 0)(
    "--write into a read-only directory is exit 2, names the file and leaves it whole",
    async () => {
      const p = file("ro/Dockerfile", DEBIAN);
      const other = file("rw/Dockerfile", DEBIAN);
      chmodSync(dirname(p), 0o555);
      try {
        const r = await runCli(["migrate", "--write", "--alpine", "3.23", p, other]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/ro\/Dockerfile: cannot write/);
        expect(readFileSync(p, "utf8")).toBe(DEBIAN);
        expect(readdirSync(dirname(p))).toEqual(["Dockerfile"]);
        expect(readFileSync(other, "utf8")).toMatch(/^FROM alpine:3\.23\n/);
      } finally {
        chmodSync(dirname(p), 0o755);
      }
    },
  );
});

const charon = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "..",
  "..",
  "..",
  "..",
  "shared",
  "corpus",
  "charon",
  "debian-trixie.Dockerfile",
);

describe.skipIf(!existsSync(charon))("Charon, end to end", () => {
  it("--write on a copy puts every stage on Alpine 3.23, and --check then exits 0", async () => {
    const p = file("Dockerfile", readFileSync(charon, "utf8"));
    const w = await runCli(["migrate", "--alpine", "3.23", "--write", p]);
    expect(w.code).toBe(0);
    const out = readFileSync(p, "utf8");
    expect(
      out
        .match(/^FROM .*$/gm)
        ?.filter((l) => /-alpine|alpine:3\.23|CADDY_IMAGE|tonistiigi/.test(l)),
    ).toHaveLength(8);
    expect(out).toContain("ARG CADDY_IMAGE=alpine:3.23");
    expect((await runCli(["migrate", "--alpine", "3.23", "--check", p])).code).toBe(0);
  });
});

describe("stdin", () => {
  const bin = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "dist", "bin.js");
  it.skipIf(!existsSync(bin))(
    "reads - from standard input, naming it <stdin> as check does",
    () => {
      const r = spawnSync(process.execPath, [bin, "migrate", "--alpine", "3.23", "-"], {
        input: `${DEBIAN}RUN bash -c "echo hi"\n`,
        encoding: "utf8",
        ...bounded(),
      });
      finished(r, "alpinize migrate -");
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("--- a/<stdin>\n+++ b/<stdin>\n");
      expect(r.stderr).toMatch(/^warning <stdin>:\d+:\d+ \[shell\]/m);
      expect(r.stderr).toMatch(/^<stdin>: \d+ edits for Alpine 3\.23; 1 warning above left/m);
      const json = spawnSync(process.execPath, [bin, "migrate", "--json", "-"], {
        input: DEBIAN,
        encoding: "utf8",
        ...bounded(),
      });
      finished(json, "alpinize migrate --json -");
      expect(JSON.parse(json.stdout).files[0].file).toBe("<stdin>");
    },
  );
});

describe("unifiedDiff", () => {
  it("writes standard hunks with context, and marks a missing final newline", () => {
    const a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n";
    const b = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11";
    expect(unifiedDiff(a, b, "f")).toBe(
      "--- a/f\n+++ b/f\n@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n@@ -8,4 +8,4 @@\n 8\n 9\n 10\n-11\n+11\n\\ No newline at end of file\n",
    );
    expect(unifiedDiff("x\n", "x\n", "f")).toBe("");
    expect(unifiedDiff("", "a\n", "f")).toBe("--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n");
  });

  it.skipIf(spawnSync("patch", ["--version"]).status !== 0)(
    "is applied by patch(1) exactly",
    () => {
      const base = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n");
      for (let seed = 1; seed <= 20; seed++) {
        let r = seed;
        const rand = () => {
          r = (r * 1103515245 + 12345) % 2147483648;
          return r / 2147483648;
        };
        const a = base.slice(0, 40 + Math.floor(rand() * 40));
        const b = a.flatMap((l) =>
          rand() < 0.1 ? [] : rand() < 0.1 ? [l, `new ${rand()}`] : [rand() < 0.05 ? "x" : l],
        );
        const before = `${a.join("\n")}\n`;
        const after = `${b.join("\n")}\n`;
        const target = join(dir, "f");
        writeFileSync(target, before);
        const p = spawnSync("patch", ["-s", target], { input: unifiedDiff(before, after, "f") });
        expect(p.status, p.stderr?.toString()).toBe(0);
        expect(readFileSync(target, "utf8")).toBe(after);
      }
    },
  );

  it.skipIf(spawnSync("diff", ["--version"]).status !== 0)(
    "agrees with diff(1) on what changed",
    () => {
      const a = readFileSync(fileURLToPath(import.meta.url), "utf8");
      const b = a.replace(/expect/g, "assert").replace(/\n\n/g, "\n");
      const ours = unifiedDiff(a, b, "f");
      const removed = ours
        .split("\n")
        .filter((l) => l.startsWith("-") && !l.startsWith("---")).length;
      const added = ours
        .split("\n")
        .filter((l) => l.startsWith("+") && !l.startsWith("+++")).length;
      const d = spawnSync("diff", ["-U0", "-", fileURLToPath(import.meta.url)], {
        input: b,
        encoding: "utf8",
      });
      const dRemoved = d.stdout
        .split("\n")
        .filter((l) => l.startsWith("+") && !l.startsWith("+++")).length;
      expect(removed).toBe(dRemoved);
      expect(added).toBeGreaterThan(0);
    },
  );
});
