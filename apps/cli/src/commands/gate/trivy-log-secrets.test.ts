import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { secretValues } from "./log-mask.js";
import { stderrTail } from "./scan.js";

// Real Trivy cannot be made to log credentials on demand: a fake that does stands in for it.
const FAKE = join(dirname(fileURLToPath(import.meta.url)), "test-fixtures/fake-trivy-leaky-log.sh");
const tmp = mkdtempSync(join(tmpdir(), "alpinize-gate-leaky-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const bin = join(tmp, "bin");
mkdirSync(bin);
symlinkSync(FAKE, join(bin, "trivy"));

const SECRETS = {
  TRIVY_PASSWORD: "PW5 p@ss",
  FAKE_TRIVY_ENCODED: encodeURIComponent("PW5 p@ss"),
  TRIVY_REGISTRY_TOKEN: "RTOK8",
  TRIVY_TOKEN: "STOK9",
  TRIVY_CUSTOM_HEADERS: "X-Api-Key: HDR10,X-Debug: 1",
};
const LEAKS = ["TOK1", "PW2", "SIG3", "TOK4", "PW5", "BAS6", "RAW7", "RTOK8", "STOK9", "HDR10"];
const env = { PATH: `${bin}:/usr/bin:/bin`, ...SECRETS };
const IMAGE = ["gate", "--image", "127.0.0.1:5000/x:1"];

describe("gate --image repeats Trivy's log with its credentials masked", () => {
  it("on stderr", async () => {
    const r = await runCli(IMAGE, { env });
    expect(r.code).toBe(2);
    for (const leak of LEAKS) expect(r.stderr).not.toContain(leak);
    expect(r.stderr).toContain("access_token=***&password=***&X-Amz-Signature=***");
    expect(r.stderr).toContain("Authorization: Bearer *** Proxy-Authorization: Basic ***");
    expect(r.stderr).toContain('"authorization":"***"');
    expect(r.stderr).toContain("FATAL login with *** (encoded ***), token ***, server ***");
  });

  it("in --json's error.message", async () => {
    const r = await runCli([...IMAGE, "--json"], { env });
    expect(r.code).toBe(2);
    const message = (JSON.parse(r.stdout) as { error: { message: string } }).error.message;
    expect(message).toContain("trivy image 127.0.0.1:5000/x:1 failed (exit 1)");
    for (const leak of LEAKS) {
      expect(message).not.toContain(leak);
      expect(r.stderr).not.toContain(leak);
    }
  });

  it("drops the line the kept tail of the log starts in, which may have lost its parameter name", async () => {
    const long = `LONG${"L".repeat(5000)}`;
    const r = await runCli(IMAGE, { env: { ...env, FAKE_TRIVY_LONG_TOKEN: long } });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain("LLLLLLLL");
  });
});

describe("secretValues", () => {
  it("hides a secret variable of any length, and header values of 4 characters or more", () => {
    const values = secretValues({ TRIVY_PASSWORD: "x", TRIVY_CUSTOM_HEADERS: "A: 1, B: abcd" });
    expect(values).toEqual(expect.arrayContaining(["x", "abcd", "A: 1, B: abcd"]));
    expect(values).not.toContain("1");
    expect(stderrTail("a x b\n", 3, values)).toBe(":\n  a *** b");
  });
});
