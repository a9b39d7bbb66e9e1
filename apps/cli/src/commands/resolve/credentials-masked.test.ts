import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { NO_CREDENTIALS_ENV as env } from "../../test-support/registry.js";

// Distinctive, so that any echo of it anywhere is caught.
const PASSWORD = "Zebra-S3cret-Pw-4711";
const WITH_SCHEME = `http://bob:${PASSWORD}@127.0.0.1:5000/team/app:1.0`;
const WITHOUT_SCHEME = `bob:${PASSWORD}@127.0.0.1:5000/team/app:1.0`;

async function run(argv: string[], cwd?: string) {
  const res = await runCli(argv, { env, ...(cwd ? { cwd } : {}) });
  const all = `${res.stdout}\n${res.stderr}`;
  expect(all).not.toContain(PASSWORD);
  expect(all).not.toContain("Zebra");
  return res;
}

describe("credentials written into a reference are never printed", () => {
  it.each([WITH_SCHEME, WITHOUT_SCHEME])("resolve --json %#", async (reference) => {
    const res = await run(["resolve", "--json", reference]);
    expect(res.code).toBe(2);
    const [entry] = JSON.parse(res.stdout) as {
      reference: string;
      error: { code: string; message: string; hint: string; reference: string };
    }[];
    expect(entry!.reference).toBe(reference.replace(`bob:${PASSWORD}`, "***"));
    expect(entry!.error.code).toBe("ALPINIZE_REF_INVALID");
    expect(entry!.error.reference).toBe(entry!.reference);
    expect(entry!.error.message).toContain("carries credentials");
    // The hint offers a reference that works, not one with the user name in it.
    expect(entry!.error.hint).toMatch(/^Write 127\.0\.0\.1:5000\/team\/app:1\.0 /);
    expect(entry!.error.hint).toContain("docker login 127.0.0.1:5000");
    expect(entry!.error.hint).not.toContain("bob");
  });

  it("resolve, human output, beside a reference that is fine", async () => {
    const res = await run(["resolve", WITH_SCHEME, "bob@127.0.0.1:5000/team/app:1.0"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('"http://***@127.0.0.1:5000/team/app:1.0"');
    expect(res.stderr).toContain('"***@127.0.0.1:5000/team/app:1.0"');
    expect(res.stderr).not.toContain("bob");
  });

  it.each([
    ["--registry-mirror", `http://bob:${PASSWORD}@mirror.lan:5000`],
    ["--insecure-registry", `bob:${PASSWORD}@registry.lan:5000`],
  ])("resolve %s with credentials in the host, also with --json", async (flag, value) => {
    const human = await run(["resolve", flag, value, "alpine"]);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain("***@");
    expect(human.stderr).toContain("docker login");
    const json = await run(["resolve", "--json", flag, value, "alpine"]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)[0].error.message).toContain("***@");
  });

  describe("pin", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "alpinize-masked-"));
      await writeFile(
        join(dir, "Dockerfile"),
        `FROM ${WITH_SCHEME} AS base\nFROM ${WITHOUT_SCHEME}\nCOPY --from=${WITHOUT_SCHEME} /a /b\n`,
      );
      await writeFile(
        join(dir, "compose.yaml"),
        `services:\n  app:\n    image: ${WITHOUT_SCHEME}\n`,
      );
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it.each([["--check"], ["--write"], []])("pin %s", async (...mode) => {
      const res = await run(["pin", ...mode.flat(), "Dockerfile", "compose.yaml"], dir);
      expect(res.code).toBe(2);
      expect(res.stderr.match(/\*\*\*@127\.0\.0\.1:5000/g)).toHaveLength(4);
    });

    // migrate and check read FROM lines on their own; their warnings must not quote a password.
    it.each([["migrate"], ["migrate", "--json"], ["check"], ["check", "--json"]])(
      "%s %s on the same Dockerfile",
      async (...argv) => {
        await run([...argv.flat(), "Dockerfile"], dir);
      },
    );

    it("pin --json: the errors' message, hint and reference", async () => {
      const res = await runCli(["pin", "--json", "Dockerfile"], { env, cwd: dir });
      const doc = JSON.parse(res.stdout) as {
        files: { problems: { error: Record<string, string> }[] }[];
      };
      const errors = doc.files.flatMap((f) => f.problems.map((p) => p.error));
      expect(errors).toHaveLength(3);
      expect(JSON.stringify(errors)).not.toContain(PASSWORD);
    });
  });
});
