import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { credentialFileSecrets, credentialFiles } from "./credential-files.js";

// Real Trivy cannot be made to log credentials on demand: a fake that does stands in for it
// ($FAKE_TRIVY_EXTRA is the last line of its log). The credentials below are made up.
const FAKE = join(dirname(fileURLToPath(import.meta.url)), "test-fixtures/fake-trivy-leaky-log.sh");
const tmp = mkdtempSync(join(tmpdir(), "alpinize-gate-cred-files-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const bin = join(tmp, "bin");
mkdirSync(bin);
symlinkSync(FAKE, join(bin, "trivy"));
const IMAGE = ["gate", "--image", "127.0.0.1:5000/x:1"];

const b64 = (text: string) => Buffer.from(text).toString("base64");

/** A home with Docker's config, a `$DOCKER_CONFIG` folder and a Podman auth file. */
function homes(name: string, files: { docker?: string; dockerConfig?: string; podman?: string }) {
  const root = join(tmp, name);
  mkdirSync(join(root, "home", ".docker"), { recursive: true });
  mkdirSync(join(root, "dc"));
  const env: NodeJS.ProcessEnv = { PATH: `${bin}:/usr/bin:/bin`, HOME: join(root, "home") };
  if (files.docker) writeFileSync(join(root, "home", ".docker", "config.json"), files.docker);
  if (files.dockerConfig) {
    writeFileSync(join(root, "dc", "config.json"), files.dockerConfig);
    env.DOCKER_CONFIG = join(root, "dc");
  }
  if (files.podman) {
    writeFileSync(join(root, "auth.json"), files.podman);
    env.REGISTRY_AUTH_FILE = join(root, "auth.json");
  }
  return env;
}

const docker = JSON.stringify({
  auths: {
    "r1.example": { auth: b64("alice:CFGPW1") },
    "r2.example": { identitytoken: "CFGTOK2" },
    "r3.example": { Username: "bob", Password: "CFGPW3" },
    "r4.example": { registrytoken: "CFGTOK4" },
  },
  credsStore: "desktop",
});
const LEAKS = ["CFGPW1", b64("alice:CFGPW1"), "CFGTOK2", "CFGPW3", b64("bob:CFGPW3"), "CFGTOK4"];

describe("gate --image hides the credentials of the files Trivy may read", () => {
  it("every value of Docker's config, $DOCKER_CONFIG and Podman's auth file, as a bare word", async () => {
    const env = homes("all", {
      docker,
      dockerConfig: JSON.stringify({ auths: { "r5.example": { auth: b64("CFGTOK5:") } } }),
      podman: JSON.stringify({ auths: { "r6.example": { auth: b64("carol:CFGPW6") } } }),
    });
    const leaks = [...LEAKS, "CFGTOK5", "CFGPW6", b64("CFGTOK5:"), b64("carol:CFGPW6")];
    const extra = `DEBUG user alice and bob, creds ${leaks.join(" ")}`;
    const r = await runCli(IMAGE, { env: { ...env, FAKE_TRIVY_EXTRA: extra } });
    expect(r.code).toBe(2);
    for (const leak of leaks) expect(r.stderr).not.toContain(leak);
    // A user name is no secret: it stays, as TRIVY_USERNAME's does.
    expect(r.stderr).toContain(`DEBUG user alice and bob, creds${" ***".repeat(leaks.length)}`);
  });

  it("a value in a second `auths` object, which JSON.parse drops and Go's decoder keeps", async () => {
    const twice = `{"auths":{"r.example":{"auth":"${b64("dave:CFGPW7")}"}},"auths":{}}`;
    const r = await runCli(IMAGE, {
      env: { ...homes("twice", { docker: twice }), FAKE_TRIVY_EXTRA: "DEBUG CFGPW7" },
    });
    expect(r.stderr).not.toContain("CFGPW7");
    expect(r.stderr).toContain("DEBUG ***");
  });

  it.each([
    ["not JSON", `{"auths":{"r.example":{"auth":"${b64("erin:CFGPW8")}"}}`, "not valid JSON"],
    ["nested too deeply", `${"[".repeat(100)}"CFGPW8"${"]".repeat(100)}`, "nested deeper than"],
  ])("shows no log when a credentials file is %s", async (_what, text, why) => {
    const env = homes(`bad-${why.length}`, { podman: text });
    const r = await runCli([...IMAGE, "--json"], { env: { ...env, FAKE_TRIVY_EXTRA: "CFGPW8" } });
    expect(r.code).toBe(2);
    const message = (JSON.parse(r.stdout) as { error: { message: string } }).error.message;
    expect(message).toContain(
      `failed (exit 1); its log is not shown: it may hold credentials from ${env.REGISTRY_AUTH_FILE} (${why}`,
    );
    expect(r.stdout + r.stderr).not.toContain("CFGPW8");
    expect(r.stdout + r.stderr).not.toContain("INFO start");
  });

  it("a missing file holds nothing, and a folder where a file should be is not read", async () => {
    const env = homes("none", {});
    expect(await credentialFileSecrets(env)).toEqual({ plain: [], pairs: [], unread: [] });
    mkdirSync(join(env.HOME!, "dir.json"));
    const found = await credentialFileSecrets({
      ...env,
      REGISTRY_AUTH_FILE: join(env.HOME!, "dir.json"),
    });
    expect(found.unread).toEqual([
      `${join(env.HOME!, "dir.json")} (a directory, not a regular file)`,
    ]);
  });
});

describe("credentialFiles", () => {
  it("lists Docker's and Podman's files, each once", () => {
    expect(
      credentialFiles({ HOME: "/h", DOCKER_CONFIG: "/h/.docker", XDG_RUNTIME_DIR: "/run/u" }),
    ).toEqual(["/h/.docker/config.json", "/run/u/containers/auth.json"]);
    expect(credentialFiles({ HOME: "/h" })).toEqual([
      "/h/.docker/config.json",
      "containers/auth.json",
    ]);
  });
});
