import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCredentialStore, createResolver } from "../src/index.js";
import {
  ALICE,
  basicAuth,
  cleanEnv,
  dockerConfig,
  FAST_RETRY,
  type Seeded,
  seed,
} from "./fixtures.js";

/** A real docker-credential-<name> executable speaking the helper protocol. */
async function writeHelper(dir: string, name: string, answers: Record<string, [string, string]>) {
  const log = join(dir, `${name}.log`);
  const cases = Object.entries(answers)
    .map(
      ([server, [user, secret]]) =>
        `  ${JSON.stringify(server)}) printf '{"ServerURL":"%s","Username":"%s","Secret":"%s"}' "$server" ${JSON.stringify(user)} ${JSON.stringify(secret)} ;;`,
    )
    .join("\n");
  const script = `#!/bin/sh
[ "$1" = get ] || exit 2
server=$(cat)
printf '%s\\n' "$server" >> ${JSON.stringify(log)}
case "$server" in
${cases}
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`;
  const path = join(dir, `docker-credential-${name}`);
  await writeFile(path, script);
  await chmod(path, 0o755);
  return { log: () => readFile(log, "utf8").catch(() => "") };
}

describe("credentials", () => {
  let basic: StartedRegistry;
  let token: StartedRegistry;
  let pushedBasic: Seeded;
  let pushedToken: Seeded;
  let bin: string;

  beforeAll(async () => {
    [basic, token] = await Promise.all([
      startRegistry({ auth: "htpasswd" }),
      startRegistry({
        auth: "token",
        tokenRequireAuth: true,
        refreshTokens: { alice: "alice-refresh-token" },
      }),
    ]);
    [pushedBasic, pushedToken] = await Promise.all([seed(basic), seed(token)]);
    bin = await mkdtemp(join(tmpdir(), "alpinize-helpers-"));
  }, 60_000);
  afterAll(async () => {
    await Promise.all([basic?.stop(), token?.stop()]);
    await rm(bin, { recursive: true, force: true });
  });

  const envWith = (extra: NodeJS.ProcessEnv) =>
    cleanEnv({ PATH: `${bin}:${process.env.PATH}`, ...extra });

  it("runs credHelpers[host] through the helper protocol", async () => {
    const helper = await writeHelper(bin, "alpinizehost", {
      [basic.host]: [ALICE.username, ALICE.password],
    });
    const config = await dockerConfig({
      credHelpers: { [basic.host]: "alpinizehost" },
      auths: { [basic.host]: { auth: basicAuth("alice", "wrong") } },
    });
    const resolver = createResolver({
      env: envWith({ DOCKER_CONFIG: config.dir }),
      retry: FAST_RETRY,
    });
    try {
      expect((await resolver.resolve(`${basic.host}/team/app:1.0`)).digest).toBe(
        pushedBasic.app.indexDigest,
      );
      expect((await helper.log()).trim()).toBe(basic.host);
    } finally {
      resolver.close();
      await config.remove();
    }
  });

  it("uses credsStore when no credHelper names the host, and an identity token via <token>", async () => {
    await writeHelper(bin, "alpinizestore", { [token.host]: ["<token>", "alice-refresh-token"] });
    const config = await dockerConfig({ credsStore: "alpinizestore" });
    const resolver = createResolver({
      env: envWith({ DOCKER_CONFIG: config.dir }),
      retry: FAST_RETRY,
    });
    const before = token.tokenRequests!().length;
    try {
      expect((await resolver.resolve(`${token.host}/team/legacy:2.0`)).digest).toBe(
        pushedToken.legacy.indexDigest,
      );
      const requests = token.tokenRequests!().slice(before);
      expect(requests.map((r) => [r.method, r.via, r.account])).toEqual([
        ["POST", "refresh_token", "alice"],
      ]);
    } finally {
      resolver.close();
      await config.remove();
    }
  });

  it("falls through a helper that has nothing and a missing helper, with a warning", async () => {
    const config = await dockerConfig({
      credsStore: "alpinize-not-installed",
      auths: { [`http://${basic.host}/v2/`]: { auth: basicAuth(ALICE.username, ALICE.password) } },
    });
    const store = createCredentialStore({ env: envWith({ DOCKER_CONFIG: config.dir }) });
    try {
      expect(await store.get(basic.host, "team/app")).toMatchObject({
        username: "alice",
        password: ALICE.password,
      });
      expect(store.warnings()).toEqual(["docker-credential-alpinize-not-installed is not on PATH"]);
    } finally {
      await config.remove();
    }
  });

  it("reads $REGISTRY_AUTH_FILE, then $XDG_RUNTIME_DIR/containers/auth.json, longest namespace first", async () => {
    const dir = await mkdtemp(join(tmpdir(), "alpinize-auth-"));
    const authFile = join(dir, "auth.json");
    await writeFile(
      authFile,
      JSON.stringify({ auths: { [`${basic.host}/other`]: { auth: basicAuth("bob", "x") } } }),
    );
    await writeFile(join(dir, "containers-auth.json"), "{}");
    const xdg = join(dir, "xdg");
    await import("node:fs/promises").then((fs) =>
      fs.mkdir(join(xdg, "containers"), { recursive: true }),
    );
    await writeFile(
      join(xdg, "containers", "auth.json"),
      JSON.stringify({
        auths: {
          [basic.host]: { auth: basicAuth("wrong", "wrong") },
          [`${basic.host}/team`]: { auth: basicAuth(ALICE.username, ALICE.password) },
        },
      }),
    );
    const env = envWith({ REGISTRY_AUTH_FILE: authFile, XDG_RUNTIME_DIR: xdg });
    const resolver = createResolver({ env, retry: FAST_RETRY });
    try {
      expect((await resolver.resolve(`${basic.host}/team/single:1`)).digest).toBe(
        pushedBasic.single.digest,
      );
      const store = createCredentialStore({ env });
      expect(await store.get(basic.host, "other/x")).toMatchObject({ username: "bob" });
      expect(await store.get(basic.host, "elsewhere/x")).toMatchObject({ username: "wrong" });
    } finally {
      resolver.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
