import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { renderReport } from "../report/markdown.js";
import { planRepository } from "./plan.js";

let repo: ScratchRepo | undefined;
let outside: string | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
  if (outside) await rm(outside, { recursive: true, force: true });
  outside = undefined;
});

const DEBIAN = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n";

describe("symbolic links named like a Dockerfile", () => {
  it("are listed as skipped with where they lead, never read", async () => {
    repo = await scratchRepo({ Dockerfile: DEBIAN, "notes/base.txt": DEBIAN });
    outside = await mkdtemp(join(tmpdir(), "alpinize-link-"));
    await writeFile(join(outside, "Dockerfile"), DEBIAN);
    await symlink("/nonexistent", join(repo.root, "x.Dockerfile"));
    await symlink("Dockerfile", join(repo.root, "y.Dockerfile"));
    await symlink("notes/base.txt", join(repo.root, "z.Dockerfile"));
    await symlink(join(outside, "Dockerfile"), join(repo.root, "Dockerfile.out"));
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    expect(plan.files.map((f) => f.file)).toEqual(["Dockerfile"]);
    expect(plan.unparsable).toEqual([]);
    const byFile = Object.fromEntries(plan.skipped.map((s) => [s.file, s]));
    expect(Object.keys(byFile).sort()).toEqual([
      "Dockerfile.out",
      "x.Dockerfile",
      "y.Dockerfile",
      "z.Dockerfile",
    ]);
    expect(byFile["x.Dockerfile"]).toEqual({
      file: "x.Dockerfile",
      code: "ALPINIZE_REPO_SYMLINK",
      link: { target: "/nonexistent", points: "nowhere" },
      hint: expect.stringMatching(/^Create the file the link points to, fix the link/),
      message:
        "x.Dockerfile: dangling symbolic link (to /nonexistent, which does not exist); skipped (alpinize does not follow links)",
    });
    expect(byFile["y.Dockerfile"]?.link?.points).toBe("migrated");
    expect(byFile["y.Dockerfile"]?.message).toMatch(
      /^y\.Dockerfile: symbolic link to Dockerfile, a Dockerfile this run migrates itself; skipped/,
    );
    expect(byFile["z.Dockerfile"]?.link?.points).toBe("repository");
    expect(byFile["Dockerfile.out"]?.link?.points).toBe("outside");
    expect(byFile["Dockerfile.out"]?.message).toMatch(/outside the repository/);
    expect(renderReport(plan)).toContain("- `x.Dockerfile`: x.Dockerfile: dangling symbolic link");
  });
});
