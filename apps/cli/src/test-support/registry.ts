import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type PushedImage,
  pushImage,
  type StartedRegistry,
  startRegistry,
} from "@alpinize/testkit";
import { afterAll, beforeAll } from "vitest";

/** No credentials of the machine running the tests are read. */
export const NO_CREDENTIALS_ENV = { HOME: "/nonexistent-alpinize-home", PATH: process.env.PATH };

export interface RegistryFixture {
  registry: StartedRegistry;
  /** team/app:1.0, pushed. */
  app: PushedImage;
  /** A temp folder, when asked for (`dir`); removed afterwards. */
  dir: string;
}

/**
 * A registry on loopback with team/app:1.0 pushed, for the tests of the calling describe (or
 * file): its fields are set before the first test and the registry stops after the last.
 */
export function useRegistry(
  options: {
    /** Prefix of a temp folder to make. */
    dir?: string;
    start?: Parameters<typeof startRegistry>[0];
    push?: Parameters<typeof pushImage>[3];
  } = {},
): RegistryFixture {
  const fixture = { dir: "" } as RegistryFixture;
  beforeAll(async () => {
    fixture.registry = await startRegistry(options.start);
    fixture.app = await pushImage(fixture.registry.url, "team/app", "1.0", options.push);
    if (options.dir) fixture.dir = await mkdtemp(join(tmpdir(), options.dir));
  }, 30_000);
  afterAll(async () => {
    await fixture.registry?.stop();
    if (fixture.dir) await rm(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}
