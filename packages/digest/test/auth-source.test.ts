import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResolver, DIGEST_ERRORS } from "../src/index.js";
import { basicAuth, cleanEnv, dockerConfig, FAST_RETRY, seed } from "./fixtures.js";

const WRONG = "Wr0ng-Pass-9931";

/** The error of resolving team/app:1.0 with `env`, as everything a user would see of it. */
async function failure(registry: StartedRegistry, env: NodeJS.ProcessEnv) {
  const resolver = createResolver({ env, retry: FAST_RETRY });
  try {
    await resolver.resolve(`${registry.host}/team/app:1.0`);
  } catch (err) {
    const e = err as { code: string; message: string; hint: string; toJSON(): object };
    const text = `${e.message}\n${e.hint}\n${JSON.stringify(e.toJSON())}`;
    expect(text).not.toContain(WRONG);
    expect(text).not.toContain(basicAuth("alice", WRONG));
    expect(e.code).toBe(DIGEST_ERRORS.unauthorized);
    return e;
  } finally {
    resolver.close();
  }
  throw new Error("resolved without credentials");
}

describe.each(["htpasswd", "token"] as const)("a refusal by a %s registry", (auth) => {
  let registry: StartedRegistry;
  let dir: string;
  beforeAll(async () => {
    registry = await startRegistry(
      auth === "token" ? { auth, tokenRequireAuth: true } : { auth: "htpasswd" },
    );
    await seed(registry);
    dir = await mkdtemp(join(tmpdir(), "alpinize-auth-source-"));
  }, 60_000);
  afterAll(async () => {
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("names the config file ($DOCKER_CONFIG) whose credentials were refused", async () => {
    const config = await dockerConfig({
      auths: { [registry.host]: { auth: basicAuth("alice", WRONG) } },
    });
    try {
      const err = await failure(registry, cleanEnv({ DOCKER_CONFIG: config.dir }));
      expect(err.message).toContain(
        `refused the credentials from auths in ${join(config.dir, "config.json")} (from $DOCKER_CONFIG)`,
      );
      expect(err.hint).toContain(`docker login ${registry.host}`);
    } finally {
      await config.remove();
    }
  });

  it("names $REGISTRY_AUTH_FILE when the credentials came from it", async () => {
    const file = join(dir, "auth.json");
    await writeFile(
      file,
      JSON.stringify({ auths: { [registry.host]: { auth: basicAuth("alice", WRONG) } } }),
    );
    const err = await failure(registry, cleanEnv({ REGISTRY_AUTH_FILE: file }));
    expect(err.message).toContain(`refused the credentials from ${file} ($REGISTRY_AUTH_FILE)`);
  });

  it("says none were found, and where it looked", async () => {
    const err = await failure(registry, cleanEnv());
    expect(err.message).toMatch(/none were found|no credentials were found/);
    expect(err.message).toContain(
      "looked in: credHelpers, credsStore and auths in /nonexistent-alpinize-home/.docker/config.json; $REGISTRY_AUTH_FILE is not set",
    );
    expect(err.hint).toContain(`docker login ${registry.host}`);
    expect(err.hint).toContain("REGISTRY_AUTH_FILE");
  });

  // A tester found a corrupt config.json, or a helper that failed or printed garbage, end in
  // "none were found for it (looked in: … auths in …/config.json)": the error now says which
  // source failed, still without its text (the file and the helper's output may hold secrets).
  it("says the config file could not be read, not that none were found", async () => {
    const config = await dockerConfig({});
    try {
      await writeFile(join(config.dir, "config.json"), `{"auths": {"x": {"auth": "${WRONG}"`);
      const err = await failure(registry, cleanEnv({ DOCKER_CONFIG: config.dir }));
      expect(err.message).toContain(
        `could be read for it: ${join(config.dir, "config.json")} (from $DOCKER_CONFIG) could not be read (it is not valid JSON (line 1 column`,
      );
      expect(err.message).not.toMatch(/none were found|no credentials were found/);
      expect(err.hint).toMatch(/^Fix the credential source named above/);
    } finally {
      await config.remove();
    }
  });

  it.each([
    ["fails", `echo "${WRONG}"; exit 3`, "failed (exit status 3); its output is not shown"],
    ["prints no JSON", `echo "${WRONG}"`, "printed something that is not JSON"],
  ])("says the credential helper %s, not that none were found", async (_, body, why) => {
    const bin = join(dir, "bin");
    await mkdir(bin, { recursive: true });
    const helper = join(bin, "docker-credential-alpinizebroken");
    await writeFile(helper, `#!/bin/sh\ncat >/dev/null\n${body}\n`);
    await chmod(helper, 0o755);
    const config = await dockerConfig({ credHelpers: { [registry.host]: "alpinizebroken" } });
    try {
      const env = cleanEnv({ DOCKER_CONFIG: config.dir, PATH: `${bin}:${process.env.PATH}` });
      const err = await failure(registry, env);
      expect(err.message).toContain(
        `could be read for it: docker-credential-alpinizebroken ${why}`,
      );
      expect(err.message).toContain(`(credHelpers in ${join(config.dir, "config.json")}`);
      expect(err.message).not.toMatch(/none were found|no credentials were found/);
    } finally {
      await config.remove();
    }
  });
});
