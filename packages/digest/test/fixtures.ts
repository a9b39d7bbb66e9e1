import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PushedImage, pushImage, type StartedRegistry } from "@alpinize/testkit";
import { createResolver, type Resolver } from "../src/index.js";

export const ALICE = { username: "alice", password: "wonderland-pass" };

export interface Seeded {
  /** OCI index, amd64 + arm64/v8 + attestation. */
  app: PushedImage;
  /** Docker manifest list, amd64 + arm64/v8. */
  legacy: PushedImage;
  /** A single OCI manifest for linux/amd64. */
  single: PushedImage;
}

/** Pushes the images every resolution test reads. */
export async function seed(registry: StartedRegistry): Promise<Seeded> {
  const credentials = registry.auth === "none" ? undefined : ALICE;
  const app = await pushImage(registry.url, "team/app", "1.0", { credentials, attestation: true });
  const legacy = await pushImage(registry.url, "team/legacy", "2.0", {
    credentials,
    format: "docker",
  });
  const single = await pushImage(registry.url, "team/single", "1", {
    credentials,
    platforms: ["linux/amd64"],
    index: false,
  });
  return { app, legacy, single };
}

/** A DOCKER_CONFIG dir whose config.json holds `config`; remove() deletes it. */
export async function dockerConfig(
  config: object,
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "alpinize-dockercfg-"));
  await writeFile(join(dir, "config.json"), JSON.stringify(config));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export function basicAuth(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`).toString("base64");
}

/** An env with nothing that could leak the developer's own credentials into a test. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: "/nonexistent-alpinize-home",
    ...extra,
  };
}

export const FAST_RETRY = { baseDelayMs: 5, retries: 2 };

/** A resolver logged in as ALICE to `host` (through a DOCKER_CONFIG); remove() deletes the config. */
export async function loggedIn(
  host: string,
): Promise<{ resolver: Resolver; remove(): Promise<void> }> {
  const config = await dockerConfig({
    auths: { [host]: { auth: basicAuth(ALICE.username, ALICE.password) } },
  });
  const resolver = createResolver({
    env: cleanEnv({ DOCKER_CONFIG: config.dir }),
    retry: FAST_RETRY,
  });
  return { resolver, remove: config.remove };
}
