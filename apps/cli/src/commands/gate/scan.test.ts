import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { hasControl } from "@alpinize/image-ref";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { alpineImageReport } from "../../test-support/trivy-report.js";
import { stderrTail } from "./scan.js";
import { TRIVY_ENV_KEPT, trivyEnvironment } from "./trivy-env.js";

// Real Trivy cannot be installed here: a fake that logs what it was given stands in for it.
const FAKE = join(dirname(fileURLToPath(import.meta.url)), "test-fixtures/fake-trivy-env-echo.sh");
const tmp = mkdtempSync(join(tmpdir(), "alpinize-gate-scan-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const bin = join(tmp, "bin");
mkdirSync(bin);
symlinkSync(FAKE, join(bin, "trivy"));
const log = join(tmp, "trivy.log");
const report = join(tmp, "report.json");
writeFileSync(
  report,
  alpineImageReport(
    [
      {
        VulnerabilityID: "CVE-2026-1",
        PkgName: "openssl",
        InstalledVersion: "1.0-r0",
        Status: "affected",
        Severity: "HIGH",
      },
    ],
    "x:1",
  ),
);
// HOME without a Docker config: the machine's own credentials files are not read.
const fakeEnv = {
  PATH: `${bin}:/usr/bin:/bin`,
  HOME: tmp,
  FAKE_TRIVY_LOG: log,
  FAKE_TRIVY_REPORT: report,
};

// What a CI job might have set: each of these would hide or drop the HIGH finding.
const FILTERING = {
  TRIVY_SEVERITY: "CRITICAL",
  TRIVY_IGNORE_UNFIXED: "true",
  TRIVY_IGNORE_STATUS: "affected",
  TRIVY_SCANNERS: "secret",
  TRIVY_PKG_TYPES: "library",
  TRIVY_IGNOREFILE: "/somewhere/.trivyignore",
  TRIVY_IGNORE_POLICY: "/somewhere/ignore.rego",
  TRIVY_VEX: "/somewhere/vex.json",
  TRIVY_SKIP_DIRS: "/usr",
  TRIVY_SKIP_FILES: "/lib/apk/db/installed",
  TRIVY_SKIP_DB_UPDATE: "true",
  TRIVY_CONFIG: "/somewhere/trivy.yaml",
  TRIVY_DISTRO: "alpine/9.99",
  TRIVY_EXIT_CODE: "0",
  TRIVY_RUN_AS_PLUGIN: "aqua",
  trivy_severity: "CRITICAL",
};
const ACCESS = {
  TRIVY_CACHE_DIR: "/cache/trivy",
  TRIVY_USERNAME: "ci",
  TRIVY_PASSWORD: "secret",
  TRIVY_DB_REPOSITORY: "mirror.example/trivy-db:2",
  TRIVY_INSECURE: "true",
  TRIVY_TIMEOUT: "10m",
};

describe("gate --image runs trivy independently of the caller's TRIVY_* settings", () => {
  it("a severity filter in the environment does not make the gate pass", async () => {
    const r = await runCli(["gate", "--image", "x:1"], {
      env: { ...fakeEnv, ...FILTERING, ...ACCESS, HTTPS_PROXY: "http://127.0.0.1:9" },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("CVE-2026-1");
    const got = readFileSync(log, "utf8");
    const env = got
      .slice(got.indexOf("env:\n") + 5, got.indexOf("args:\n"))
      .trim()
      .split("\n");
    expect(env.sort()).toEqual(
      Object.entries(ACCESS)
        .map(([k, v]) => `${k}=${v}`)
        .sort(),
    );
    expect(r.stderr).toContain(
      `not passed to trivy: ${Object.keys(FILTERING).sort().join(", ")} (TRIVY_* settings`,
    );
  });

  it("passes the flags the gate needs, with an empty config, ignore file and module folder", async () => {
    const r = await runCli(["gate", "--image", "x:1"], { env: fakeEnv });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("not passed to trivy");
    const got = readFileSync(log, "utf8");
    const args = got
      .slice(got.indexOf("args:\n") + 6, got.indexOf("files:"))
      .trim()
      .split("\n");
    const value = (flag: string) => args[args.indexOf(flag) + 1];
    expect(args[0]).toBe("image");
    expect(args.slice(-2)).toEqual(["--", "x:1"]);
    expect(value("--format")).toBe("json");
    expect(value("--severity")).toBe("UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL");
    expect(value("--scanners")).toBe("vuln,secret");
    expect(value("--exit-code")).toBe("0");
    const dir = dirname(value("--output")!);
    for (const flag of ["--config", "--ignorefile", "--secret-config", "--module-dir"])
      expect(dirname(value(flag)!), flag).toBe(dir);
    expect(got).toContain("files: config=empty ignorefile=empty module-dir=empty");
  });
});

describe("trivyEnvironment", () => {
  it("keeps other variables and the access settings, whatever their order", () => {
    const kept = Object.fromEntries(TRIVY_ENV_KEPT.map((k) => [k, "1"]));
    const { env, dropped } = trivyEnvironment({ HOME: "/h", ...kept, TRIVY_LIST_ALL_PKGS: "1" });
    expect(env).toEqual({ HOME: "/h", ...kept });
    expect(dropped).toEqual(["TRIVY_LIST_ALL_PKGS"]);
  });
});

describe("gate --image when trivy fails", () => {
  it("repeats the end of its stderr line by line, with control characters escaped", async () => {
    const stderr = join(tmp, "stderr.txt");
    writeFileSync(
      stderr,
      "INFO downloading\nINFO \u001b]0;pwned\u0007title\nFATAL \u001b[2Jcleared\r\u009b31m red\r\n",
    );
    const env = { ...fakeEnv, FAKE_TRIVY_EXIT: "1", FAKE_TRIVY_STDERR_FILE: stderr };
    const r = await runCli(["gate", "--image", "x:1"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "trivy image x:1 failed (exit 1):\n  INFO downloading\n  INFO \\x1b]0;pwned\\x07title\n  FATAL \\x1b[2Jcleared\\x0d\\x9b31m red\n",
    );
    expect(hasControl(r.stderr)).toBe(false);
    const json = await runCli(["gate", "--image", "x:1", "--format", "json"], { env });
    expect(JSON.parse(json.stdout).error.message).toContain("INFO \\x1b]0;pwned\\x07title");
  });

  it("keeps only the last lines, and nothing when stderr was empty", () => {
    expect(stderrTail("a\nb\n\nc\nd\n", 2)).toBe(":\n  c\n  d");
    expect(stderrTail("\n \n")).toBe("");
  });
});
