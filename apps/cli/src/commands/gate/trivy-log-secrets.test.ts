import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { maskLogLine, secretValues } from "./log-mask.js";
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
// HOME without a Docker config: the machine's own credentials files are not read.
const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: tmp, ...SECRETS };
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

describe("gate --image hides the password in every encoding Trivy may write", () => {
  it("as Go's QueryEscape and PathEscape write it, and base64 user:password", async () => {
    const password = "p@ss!word (x)*'";
    const basic = Buffer.from(`alice:${password}`).toString("base64");
    // Written by hand as Go's url.QueryEscape and url.PathEscape print the password.
    const extra = `DEBUG q=p%40ss%21word+%28x%29%2A%27 path=p@ss%21word%20%28x%29%2A%27 b=${basic}`;
    const r = await runCli(IMAGE, {
      env: {
        PATH: env.PATH,
        HOME: tmp,
        TRIVY_USERNAME: "alice",
        TRIVY_PASSWORD: password,
        FAKE_TRIVY_EXTRA: extra,
      },
    });
    expect(r.code).toBe(2);
    for (const leak of ["ss!word", "ss%21word", basic, basic.slice(0, 12)]) {
      expect(r.stderr).not.toContain(leak);
    }
    expect(r.stderr).toContain("DEBUG q=*** path=*** b=***");
  });
});

describe("maskLogLine", () => {
  it.each([
    ['{"token":"JT1","access_token": "JT2"}', '{"token":"***","access_token": "***"}'],
    ['{"refresh_token":"JT3","password":"JT4"}', '{"refresh_token":"***","password":"***"}'],
    ['{"auths":{"r.example":{"auth":"JT5"}}}', '{"auths":{"r.example":{"auth":"***"}}}'],
    ["X-Api-Key: HK1 next", "X-Api-Key: *** next"],
    ["map[X-Api-Key:[HK2] Accept:[x]]", "map[X-Api-Key:[***] Accept:[x]]"],
    ["map[Authorization:[Bearer HK3]]", "map[Authorization:[Bearer ***]]"],
    ["aws_session_token=EV3 x", "aws_session_token=*** x"],
    ["Cookie: a=CK1; b=CK2", "Cookie: ***"],
    ['Set-Cookie: "s=CK3; Path=/"', 'Set-Cookie: "***"'],
    ["GET /x private_token=PT1 ok", "GET /x private_token=*** ok"],
    ["Password:PT2 Username:alice", "Password:*** Username:alice"],
    ["run --password FL1 --registry-token=FL2", "run --password *** --registry-token=***"],
    ["docker login -u alice -p FL3 r.example", "docker login -u alice -p *** r.example"],
    [
      "AWS_SECRET_ACCESS_KEY=EV1 GITHUB_TOKEN=EV2 HOME=/root",
      "AWS_SECRET_ACCESS_KEY=*** GITHUB_TOKEN=*** HOME=/root",
    ],
  ])("masks %s", (line, masked) => {
    expect(maskLogLine(line)).toBe(masked);
  });

  it("leaves a line without credentials as it is", () => {
    const line = 'INFO "auth": {} token count 3, -pq, Cookie-less';
    expect(maskLogLine(line)).toBe(line);
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
