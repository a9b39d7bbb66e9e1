import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

// A stand-in for Trivy that logs its arguments: it must not even be started.
const FAKE = join(dirname(fileURLToPath(import.meta.url)), "test-fixtures/fake-trivy-env-echo.sh");
const tmp = mkdtempSync(join(tmpdir(), "alpinize-gate-cred-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const bin = join(tmp, "bin");
mkdirSync(bin);
symlinkSync(FAKE, join(bin, "trivy"));
const log = join(tmp, "trivy.log");
// HOME without a Docker config: the machine's own credentials files are not read.
const env = {
  PATH: `${bin}:/usr/bin:/bin`,
  HOME: tmp,
  FAKE_TRIVY_LOG: log,
  FAKE_TRIVY_REPORT: "/nonexistent",
};
const SECRET = "S3CRETIMG";

beforeEach(() => rmSync(log, { force: true }));

describe("gate --image with credentials in the reference", () => {
  it.each([
    [`u:${SECRET}@127.0.0.1:9/x:1`, "***@127.0.0.1:9/x:1", "docker login 127.0.0.1:9"],
    [
      `https://u:${SECRET}@reg.example/team/x:1`,
      "https://***@reg.example/team/x:1",
      "docker login reg.example",
    ],
    [`${SECRET}@reg.example/x:1`, "***@reg.example/x:1", "docker login reg.example"],
    [`u:${SECRET}@debian:12`, "***@debian:12", "docker login ("],
  ])("%s is refused masked, before trivy runs (exit 2)", async (ref, masked, login) => {
    const r = await runCli(["gate", "--image", ref], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--image "${masked}": the reference carries credentials`);
    expect(r.stderr).toContain(login);
    expect(r.stderr).toContain("TRIVY_USERNAME and TRIVY_PASSWORD");
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(existsSync(log)).toBe(false);
  });

  it("is refused masked in the --json failure document too", async () => {
    const r = await runCli(["gate", "--json", "--image", `u:${SECRET}@127.0.0.1:9/x:1`], { env });
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { error: { code: string; message: string } };
    expect(doc.error.code).toBe("ALPINIZE_GATE_IMAGE_CREDENTIALS");
    expect(doc.error.message).toContain("***@127.0.0.1:9/x:1");
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(existsSync(log)).toBe(false);
  });
});

describe("gate --image when trivy fails", () => {
  it("masks credentials in the lines of Trivy's log it repeats", async () => {
    const stderr = join(tmp, "stderr.txt");
    writeFileSync(
      stderr,
      `FATAL GET https://u:${SECRET}@127.0.0.1:9/v2/x/manifests/1: unauthorized (mirror m:${SECRET}@127.0.0.1:8/x)\n`,
    );
    const r = await runCli(["gate", "--image", "127.0.0.1:9/x:1"], {
      env: { ...env, FAKE_TRIVY_EXIT: "1", FAKE_TRIVY_STDERR_FILE: stderr },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "FATAL GET https://***@127.0.0.1:9/v2/x/manifests/1: unauthorized (mirror ***@127.0.0.1:8/x)",
    );
    expect(r.stderr).not.toContain(SECRET);
  });
});
