import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useRegistry } from "../../test-support/registry.js";

const SECRET_B64 = Buffer.from("alice:wonderland-pass-7f3k").toString("base64");

/** Every 6-character piece of the base64 value, and the decoded password. */
function assertNoSecret(text: string): void {
  expect(text).not.toContain("wonderland");
  for (let i = 0; i + 6 <= SECRET_B64.length; i++) {
    expect(text, `leaked ${SECRET_B64.slice(i, i + 6)}`).not.toContain(SECRET_B64.slice(i, i + 6));
  }
}

// The same broken file in the three places credentials are read from.
// Each with the text that starts where parsing fails: the position reported is 1-based.
const MALFORMED: [string, string][] = [
  [`{"auths":{"HOST":{"auth":${SECRET_B64}"}}}`, SECRET_B64], // V8 would quote this text
  [`{"auths":{"HOST":{"auth":"${SECRET_B64}",}}}`, "}}}"],
  [`{"auths":{"HOST":{"auth":"${SECRET_B64}\n`, "\n"],
];

describe("alpinize resolve with broken credential files", () => {
  const fx = useRegistry({
    dir: "alpinize-credfiles-",
    start: { auth: "htpasswd" },
    push: { credentials: { username: "alice", password: "wonderland-pass" } },
  });

  const places = [
    ["DOCKER_CONFIG", "config.json"],
    ["REGISTRY_AUTH_FILE", "auth.json"],
    ["XDG_RUNTIME_DIR", join("containers", "auth.json")],
  ] as const;

  for (const [variable, name] of places) {
    it(`names ${variable}'s file and the position, never its text`, async () => {
      for (const [n, [template, fault]] of MALFORMED.entries()) {
        const root = join(fx.dir, `${variable}-${n}`);
        const file = join(root, name);
        await mkdir(join(file, ".."), { recursive: true });
        await writeFile(file, template.replace("HOST", fx.registry.host));
        const value = variable === "REGISTRY_AUTH_FILE" ? file : root;
        const env = {
          HOME: "/nonexistent-alpinize-home",
          PATH: process.env.PATH,
          [variable]: value,
        };
        for (const json of [false, true]) {
          const args = ["resolve", ...(json ? ["--json"] : []), `${fx.registry.host}/team/app:1.0`];
          const res = await runCli(args, { env });
          expect(res.code).toBe(1); // anonymous access is refused
          const text = template.replace("HOST", fx.registry.host);
          const column = text.indexOf(fault) + 1;
          expect(res.stderr).toContain(
            `credentials: ignoring ${file}: it is not valid JSON (line 1 column ${column})\n`,
          );
          assertNoSecret(res.stdout + res.stderr);
        }
      }
    });
  }

  it("says which auths entry is not base64 or not user:password, without its value", async () => {
    const file = join(fx.dir, "entries.json");
    const notB64 = "c2VjcmV0-not*base64";
    const noColon = Buffer.from("justasecretvalue").toString("base64");
    await writeFile(
      file,
      JSON.stringify({
        auths: {
          [fx.registry.host]: { auth: notB64 },
          [`${fx.registry.host}/team`]: { auth: noColon },
        },
      }),
    );
    const env = {
      HOME: "/nonexistent-alpinize-home",
      PATH: process.env.PATH,
      REGISTRY_AUTH_FILE: file,
    };
    const res = await runCli(["resolve", `${fx.registry.host}/team/app:1.0`], { env });
    expect(res.code).toBe(1);
    const source = `${file} ($REGISTRY_AUTH_FILE)`;
    expect(res.stderr).toContain(
      `"${fx.registry.host}" in ${source}: its auth value is not base64`,
    );
    expect(res.stderr).toContain(
      `"${fx.registry.host}/team" in ${source}: its auth value does not decode to user:password`,
    );
    // None usable: the 401 says where it looked, by file and variable.
    expect(res.stderr).toContain(`none were found for it (looked in: `);
    expect(res.stderr).toContain(source);
    expect(res.stderr).not.toContain("justasecret");
    expect(res.stderr).not.toContain(noColon.slice(0, 8));
    expect(res.stderr).not.toContain("c2VjcmV0");
  });

  it("warns when a credential helper fails for another reason than not found, without its output", async () => {
    const bin = join(fx.dir, "bin");
    await mkdir(bin, { recursive: true });
    const helper = join(bin, "docker-credential-alpinizebroken");
    await writeFile(helper, `#!/bin/sh\necho "token=${SECRET_B64} rejected by keyring"\nexit 3\n`);
    await chmod(helper, 0o755);
    const cfg = join(fx.dir, "helpercfg");
    await mkdir(cfg, { recursive: true });
    await writeFile(join(cfg, "config.json"), JSON.stringify({ credsStore: "alpinizebroken" }));
    const env = {
      HOME: "/nonexistent-alpinize-home",
      PATH: `${bin}:${process.env.PATH}`,
      DOCKER_CONFIG: cfg,
    };
    const res = await runCli(["resolve", "--json", `${fx.registry.host}/team/app:1.0`], { env });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("docker-credential-alpinizebroken failed (exit status 3)");
    assertNoSecret(res.stdout + res.stderr);
  });
});
