import { existsSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { applyPlan } from "./apply.js";
import { planRepository } from "./plan.js";

const DEBIAN = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function planned(files: Record<string, string>) {
  repo = await scratchRepo(files);
  return await planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
}

describe("applyPlan and files that changed during the run", () => {
  it("keeps an edit made after the plan read the file, and still writes the others", async () => {
    const plan = await planned({ "a/Dockerfile": DEBIAN, "b/Dockerfile": DEBIAN });
    const edited = `${DEBIAN}# edited by hand while alpinize worked\n`;
    await writeFile(join(plan.root, "a/Dockerfile"), edited);
    const written = await applyPlan(plan);
    expect(written).toEqual(["b/Dockerfile"]);
    expect(await readFile(join(plan.root, "a/Dockerfile"), "utf8")).toBe(edited);
    expect(await readFile(join(plan.root, "b/Dockerfile"), "utf8")).toContain("alpine:3.23");
    expect(plan.unparsable).toEqual([
      {
        file: "a/Dockerfile",
        code: "ALPINIZE_REPO_CHANGED",
        message: expect.stringMatching(
          /^a\/Dockerfile: cannot write: it changed while alpinize was working \(\d+ bytes when read, \d+ now\); it was left as it is now$/,
        ),
      },
    ]);
  });

  it("notices an edit of the same size (the bytes, not only the length)", async () => {
    const plan = await planned({ Dockerfile: DEBIAN });
    const sameSize = DEBIAN.replace("curl", "wget");
    await writeFile(join(plan.root, "Dockerfile"), sameSize);
    expect(await applyPlan(plan)).toEqual([]);
    expect(await readFile(join(plan.root, "Dockerfile"), "utf8")).toBe(sameSize);
    expect(plan.unparsable[0]?.code).toBe("ALPINIZE_REPO_CHANGED");
  });

  it("does not bring back a file removed during the run, and leaves no temp file", async () => {
    const plan = await planned({ Dockerfile: DEBIAN });
    await rm(join(plan.root, "Dockerfile"));
    expect(await applyPlan(plan)).toEqual([]);
    expect(existsSync(join(plan.root, "Dockerfile"))).toBe(false);
    expect(plan.unparsable[0]?.message).toContain("(it was removed)");
    expect(await readdir(plan.root)).toEqual([]);
  });
});
