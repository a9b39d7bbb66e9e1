import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bounded, corpusPath, corpusSkipReason, fifoReader, finished } from "@alpinize/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const FIX = resolve(here, "../../../../../packages/trivy-gate/test/fixtures");
const CORPUS = corpusPath("trivy");
const corpusSkipped = corpusSkipReason(CORPUS);
const BIN = resolve(here, "../../../dist/bin.js");
const fx = (name: string) => join(FIX, name);
const tmp = mkdtempSync(join(tmpdir(), "alpinize-gate-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("alpinize gate: exit codes", () => {
  it("0 on a clean report", async () => {
    const r = await runCli(["gate", fx("clean.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^alpinize gate: PASS {2}example\/app:clean \(alpine 3\.23\.0\)/);
  });

  it("1 on blocking findings, with the same verdict in every format", async () => {
    for (const format of ["text", "markdown", "json", "sarif"]) {
      const r = await runCli(["gate", fx("statuses.json"), "--format", format]);
      expect(r.code, format).toBe(1);
    }
    const json = await runCli(["gate", fx("statuses.json"), "--format", "json"]);
    const doc = JSON.parse(json.stdout) as { passed: boolean; blocking: { id: string }[] };
    expect(doc.passed).toBe(false);
    expect(doc.blocking.map((b) => b.id)).toContain("CVE-2026-0001");
  });

  it("policy flags change the verdict: --ignore-unfixed, --exceptions, --vex, --severity", async () => {
    const args = [
      "gate",
      fx("statuses.json"),
      "--format",
      "json",
      "--ignore-unfixed",
      "--exceptions",
      fx("exceptions.yaml"),
      "--vex",
      fx("vex.json"),
    ];
    const r = await runCli(args);
    const doc = JSON.parse(r.stdout) as {
      blocking: { id: string }[];
      exceptions: { stale: { id: string }[] };
    };
    expect(doc.blocking.map((b) => b.id)).toEqual(["CVE-2026-0001"]);
    expect(doc.exceptions.stale.map((s) => s.id)).toEqual(["CVE-1999-0001"]);
    const accepted = await runCli([
      "gate",
      fx("statuses.json"),
      "--format",
      "json",
      "--ignore-status",
      "will_not_fix,fix_deferred,under_investigation,end_of_life,affected",
    ]);
    const acceptedDoc = JSON.parse(accepted.stdout) as { blocking: { id: string }[] };
    expect(acceptedDoc.blocking.map((b) => b.id)).toEqual(["CVE-2026-0001"]);
    const low = await runCli([
      "gate",
      fx("legacy.json"),
      "--severity",
      "critical",
      "--ignore-unfixed",
    ]);
    expect(low.code).toBe(1);
    expect(low.stdout).toContain("CVE-2021-3177");
  });

  it("--severity-source: any vendor, with a warning on stderr when no finding has it", async () => {
    const typo = await runCli([
      "gate",
      fx("statuses.json"),
      "--severity-source",
      "nvdd",
      "--format",
      "json",
    ]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(
      /warning severity source "nvdd" appears in no finding's VendorSeverity/,
    );
    expect(JSON.parse(typo.stdout).warnings).toHaveLength(1);
    const nvd = await runCli(["gate", fx("statuses.json"), "--severity-source", "NVD"]);
    expect(nvd.stderr).toBe("");
    const bad = await runCli(["gate", fx("statuses.json"), "--severity-source", "n v d"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--severity-source "n v d"');
  });

  it("1 for a secret at a blocking severity unless --vulnerabilities-only", async () => {
    const r = await runCli(["gate", fx("classes.json"), "--severity", "CRITICAL"]);
    expect([r.code, r.stdout.includes("1 secret(s) at CRITICAL: aws-access-key-id")]).toEqual([
      1,
      true,
    ]);
    // The one CRITICAL vulnerability excepted, only the CRITICAL secret is left.
    const ex = join(tmp, "classes-exceptions.yaml");
    writeFileSync(ex, "- {id: CVE-2025-22871, reason: test, expires: 2099-01-01}\n");
    const base = ["gate", fx("classes.json"), "--severity", "CRITICAL", "--exceptions", ex];
    expect((await runCli(base)).code).toBe(1);
    expect((await runCli([...base, "--vulnerabilities-only"])).code).toBe(0);
  });

  it("1 for an unknown OS or EOSL unless allowed", async () => {
    expect((await runCli(["gate", fx("no-os.json")])).code).toBe(1);
    expect((await runCli(["gate", fx("no-os.json"), "--allow-unknown-os"])).code).toBe(0);
    const eosl = await runCli(["gate", fx("eosl.json")]);
    expect([eosl.code, eosl.stdout.includes("end-of-service-life")]).toEqual([1, true]);
    expect((await runCli(["gate", fx("eosl.json"), "--allow-eosl"])).code).toBe(0);
  });

  it.each([
    [["gate"], /give a report file/],
    [["gate", "a.json", "b.json"], /expected one report/],
    [["gate", "x.json", "--format", "xml"], /--format "xml"/],
    [["gate", "x.json", "--severity", "HGIH"], /--severity "HGIH"/],
    [["gate", "x.json", "--sarif-location", "/abs/Dockerfile"], /relative to the repository root/],
    [["gate", "x.json", "--nope"], /alpinize gate: unknown option --nope/],
    [["gate", "x.json", "--ignore-status", "wontfix"], /--ignore-status "wontfix"/],
    [["gate", "missing.json"], /missing\.json: no such file/],
  ])("2 on bad usage or input: %j", async (argv, message) => {
    const r = await runCli(argv, { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("2 on a policy file over 8 MiB in bytes, checked before reading it whole", async () => {
    // 9 MiB of a 3-byte character is 3 M characters: a length check on the text misses it.
    writeFileSync(join(tmp, "euro.yaml"), "\u20ac".repeat(3 * 1024 * 1024));
    // A sparse 3 GiB file: reading it whole would fail (or exhaust memory) before any check.
    const huge = join(tmp, "huge.json");
    writeFileSync(huge, "");
    truncateSync(huge, 3 * 1024 ** 3);
    for (const args of [
      ["--exceptions", "euro.yaml"],
      ["--vex", "huge.json"],
    ]) {
      const r = await runCli(["gate", fx("statuses.json"), ...args], { cwd: tmp });
      expect(r.code, args[1]).toBe(2);
      expect(r.stderr, args[1]).toContain(`${args[1]}: the `);
      expect(r.stderr, args[1]).toContain("is over 8 MiB");
    }
    rmSync(huge);
  });

  it("2 on truncated, alien or oversized reports and bad policy files", async () => {
    const text = readFileSync(fx("statuses.json"), "utf8");
    writeFileSync(join(tmp, "cut.json"), text.slice(0, 2000));
    writeFileSync(join(tmp, "alien.json"), '{"name":"not a report"}');
    writeFileSync(join(tmp, "bad.yaml"), "- {id: CVE-1, reason: r}\n");
    const cases: [string[], RegExp][] = [
      [
        ["cut.json"],
        /cut\.json:\d+:\d+: not valid JSON: unexpected end of input \(the file looks truncated\)/,
      ],
      [["alien.json"], /alien\.json: not a Trivy JSON report/],
      [[fx("statuses.json"), "--max-size", "0.001"], /over the 1 KiB limit/],
      [
        [fx("statuses.json"), "--exceptions", "bad.yaml"],
        /bad\.yaml: exceptions\[0\]\.expires: is required/,
      ],
      [[fx("statuses.json"), "--vex", fx("exceptions.yaml")], /not valid JSON/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(["gate", ...argv], { cwd: tmp });
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    }
  });
});

describe("alpinize gate: input and output", () => {
  it("--output writes atomically and reports the verdict on stderr", async () => {
    const r = await runCli(
      ["gate", fx("statuses.json"), "--format", "sarif", "--output", "out/gate.sarif"],
      { cwd: tmp },
    ).catch((e) => e);
    expect(r.code).toBe(2); // the directory does not exist: nothing is written
    expect(existsSync(join(tmp, "out"))).toBe(false);
    const ok = await runCli(
      ["gate", fx("statuses.json"), "--format", "sarif", "--output", "gate.sarif"],
      { cwd: tmp },
    );
    expect(ok.code).toBe(1);
    expect(ok.stdout).toBe("");
    expect(ok.stderr).toMatch(
      /alpinize gate failed: \d+ blocking, 0 problem\(s\); sarif written to gate\.sarif/,
    );
    expect(JSON.parse(readFileSync(join(tmp, "gate.sarif"), "utf8")).version).toBe("2.1.0");
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("--output through a symlink keeps the link, into a FIFO writes through", async () => {
    const dir = mkdtempSync(join(tmp, "out-special-"));
    writeFileSync(join(dir, "real.txt"), "old");
    symlinkSync("real.txt", join(dir, "link.txt"));
    const viaLink = await runCli(["gate", fx("clean.json"), "--output", "link.txt"], { cwd: dir });
    expect(viaLink.code).toBe(0);
    expect(lstatSync(join(dir, "link.txt")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real.txt"), "utf8")).toMatch(/^alpinize gate: PASS/);
    // A FIFO stands in for /dev/null or /dev/stdout: renaming over it would replace the device.
    const fifo = join(dir, "pipe");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const reader = fifoReader(fifo);
    const viaFifo = await runCli(["gate", fx("clean.json"), "--output", "pipe"], { cwd: dir });
    expect(await reader.text()).toMatch(/^alpinize gate: PASS/);
    expect(viaFifo.code).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("--baseline adds the Debian -> Alpine comparison to Markdown", async () => {
    const r = await runCli([
      "gate",
      fx("alpine.json"),
      "--baseline",
      fx("debian.json"),
      "--format",
      "markdown",
    ]);
    expect(r.stdout).toContain("### Compared with example/web:debian (debian 12.11)");
    expect(r.stdout).toContain("| Removed | 3 | 2 |");
    expect(r.stdout).toContain("**2** gone, **1** new, 3 in both");
  });

  it.skipIf(!existsSync(BIN))("reads the report from stdin with -", () => {
    const run = (input: string) =>
      finished(
        spawnSync(process.execPath, [BIN, "gate", "-", "--format", "json"], {
          input,
          encoding: "utf8",
          env: { ...process.env, NO_COLOR: "1" },
          ...bounded(),
        }),
        "alpinize gate -",
      );
    const ok = run(readFileSync(fx("clean.json"), "utf8"));
    expect([ok.status, JSON.parse(ok.stdout).passed]).toEqual([0, true]);
    const cut = run(readFileSync(fx("clean.json"), "utf8").slice(0, 50));
    expect(cut.status).toBe(2);
    expect(cut.stderr).toMatch(/<stdin>:\d+:\d+: not valid JSON/);
  });

  it("--image says clearly when trivy is not installed", async () => {
    const r = await runCli(["gate", "--image", "alpine:3.23"], {
      env: { PATH: join(tmp, "empty") },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("trivy is not installed (not found on PATH)");
  });

  // Real Trivy cannot be installed here (no network for its binary or database): a fake stands
  // in to check the arguments we pass and how a failed scan is told apart from a policy failure.
  it("--image runs trivy image with JSON output and gates it (fake trivy)", async () => {
    const bin = join(tmp, "fake-bin");
    const log = join(tmp, "fake-trivy-args");
    spawnSync("mkdir", ["-p", bin]);
    writeFileSync(
      join(bin, "trivy"),
      `#!/bin/sh\necho "$@" > '${log}'\nfor a; do [ "$prev" = --output ] && out=$a; prev=$a; done\n[ "$FAKE_TRIVY_FAIL" = 1 ] && { echo "FATAL image not found" >&2; exit 1; }\ncp '${fx("clean.json")}' "$out"\n`,
    );
    chmodSync(join(bin, "trivy"), 0o755);
    const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: tmp };
    const ok = await runCli(["gate", "--image", "example/app:clean"], { env });
    expect(ok.code).toBe(0);
    expect(readFileSync(log, "utf8")).toMatch(
      /^image --quiet --format json --output \S+report\.json .* -- example\/app:clean$/m,
    );
    const failed = await runCli(["gate", "--image", "example/app:none"], {
      env: { ...env, FAKE_TRIVY_FAIL: "1" },
    });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(
      /trivy image example\/app:none failed \(exit 1\):\n {2}FATAL image not found/,
    );
  });
});

describe.skipIf(corpusSkipped !== undefined)(
  `alpinize gate on the real reports${corpusSkipped ? ` (skipped: ${corpusSkipped})` : ""}`,
  () => {
    const files = !corpusSkipped
      ? readdirSync(CORPUS).filter((f) => /\.json(\.golden)?$/.test(f) && !f.includes("sarif"))
      : [];
    it.each(files)(
      "%s gives 0 or 1 and a JSON verdict that matches the exit code",
      async (name) => {
        const r = await runCli(["gate", join(CORPUS, name), "--format", "json"]);
        expect([0, 1]).toContain(r.code);
        expect(JSON.parse(r.stdout).passed).toBe(r.code === 0);
      },
    );
  },
);
