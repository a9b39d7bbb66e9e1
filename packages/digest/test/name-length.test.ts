import { type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResolver, findUnpinned, type Resolver, resolveMany } from "../src/index.js";
import { cleanEnv, FAST_RETRY } from "./fixtures.js";

describe("repository names longer than the distribution spec allows", () => {
  let registry: StartedRegistry;
  let resolver: Resolver;
  /** `HOST/team/aaa…` with `registry/repository` exactly `length` characters long. */
  const named = (length: number) => {
    const prefix = `${registry.host}/team/`;
    return `${prefix}${"a".repeat(length - prefix.length)}`;
  };

  beforeAll(async () => {
    registry = await startRegistry();
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
  }, 30_000);
  afterAll(async () => {
    resolver?.close();
    await registry?.stop();
  });

  it("refuses a 256-character name without sending it, and still asks about 255", async () => {
    const long = `${named(256)}:1`;
    await expect(resolver.resolve(long)).rejects.toMatchObject({
      code: "ALPINIZE_REF_INVALID",
      exitCode: 2,
      message: expect.stringContaining("256 characters long, more than the 255"),
    });
    const [outcome] = await resolveMany(resolver, [long]);
    expect(outcome?.error).toMatchObject({ code: "ALPINIZE_REF_INVALID", exitCode: 2 });
    await expect(resolver.resolve(`${named(255)}:1`)).rejects.toMatchObject({
      code: "ALPINIZE_DIGEST_NOT_FOUND",
    });
    const asked = (await registry.accessLog()).filter((e) => e.path.includes("/manifests/"));
    expect(asked.map((e) => e.path.split("/")[3]?.length)).toEqual([
      255 - registry.host.length - 6,
    ]);
  });

  it("reports such a name as a problem in pin --check, not as merely unpinned", () => {
    const found = findUnpinned("dockerfile", `FROM ${named(300)}:1\n`);
    expect(found.unpinned).toEqual([]);
    expect(found.problems.map((p) => (p.error as { code?: string }).code)).toEqual([
      "ALPINIZE_REF_INVALID",
    ]);
  });
});
