import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

const env = { HOME: "/nonexistent-alpinize-home", PATH: process.env.PATH };
const INJECTED = "\n::error title=x::pwned";

/** A CI log reads a line that starts with `::` as a workflow command. */
function expectNoInjectedLine(text: string): void {
  for (const line of text.split("\n")) expect(line).not.toMatch(/^\s*::/);
  expect(text).toContain("\\x0a::error title=x::pwned");
}

describe("untrusted text stays on its line", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "alpinize-one-line-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("escapes a newline in a reference given to resolve", async () => {
    const res = await runCli(["resolve", `alpine:3${INJECTED}`], { env });
    expect(res.code).toBe(2);
    expectNoInjectedLine(res.stderr);
  });

  it("escapes newlines in flag values and DOCKER_HOST", async () => {
    const platform = await runCli(["resolve", "--platform", `linux${INJECTED}`, "alpine"], {
      env,
    });
    expect(platform.code).toBe(2);
    expectNoInjectedLine(platform.stderr);
    const via = await runCli(["resolve", "--via", `x${INJECTED}`, "alpine"], { env });
    expect(via.code).toBe(2);
    expectNoInjectedLine(via.stderr);
    const host = await runCli(["resolve", "--via", "daemon", "alpine"], {
      env: { ...env, DOCKER_HOST: `tcp://h:1${INJECTED}` },
    });
    expect(host.code).toBe(2);
    expectNoInjectedLine(host.stderr);
  });

  it("escapes newlines in file names, --kind and compose keys given to pin", async () => {
    const missing = await runCli(["pin", "--check", `a${INJECTED}.Dockerfile`], { cwd: dir, env });
    expect(missing.code).toBe(2);
    expectNoInjectedLine(missing.stderr);
    const kind = await runCli(["pin", "--check", "--kind", `k${INJECTED}`, "x"], {
      cwd: dir,
      env,
    });
    expect(kind.code).toBe(2);
    expectNoInjectedLine(kind.stderr);
    // A quoted YAML key may hold a raw tab; `where` names it.
    await writeFile(join(dir, "compose.yaml"), 'services:\n  "a\tb":\n    image: alpine:3\n');
    const check = await runCli(["pin", "--check", "compose.yaml"], { cwd: dir, env });
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(
      "compose.yaml:3: alpine:3 (services.a\\x09b.image) is not pinned by digest\n",
    );
  });
});
