import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "./plan.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

/** Plans `migrate DIR` of a repository whose `d.sh` and `pkg/e.sh` link to names that do not exist. */
async function planDangling(lines: string[]) {
  repo = await scratchRepo({ Dockerfile: [...lines, ""].join("\n"), "pkg/x": "" });
  await symlink("nowhere.sh", join(repo.root, "d.sh"));
  await symlink("gone.sh", join(repo.root, "pkg/e.sh"));
  const plan = await planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
  const context = plan.files.flatMap((f) => f.warnings).filter((w) => w.rule === "context");
  return { context, skipped: plan.skipped.map((s) => s.file) };
}

describe("migrate DIR: an ENTRYPOINT/CMD script whose COPY source is a link to nothing", () => {
  it("is a context warning at its COPY naming the link, not a link skipped (exit 2)", async () => {
    const r = await planDangling([
      "FROM debian:12",
      "RUN apt-get update && apt-get install -y curl",
      "COPY d.sh /d.sh",
      'ENTRYPOINT ["/d.sh"]',
    ]);
    expect(r.skipped).toEqual([]);
    expect(r.context.map((w) => [w.line, w.message])).toEqual([
      [
        3,
        "d.sh, which ENTRYPOINT runs (as /d.sh) in stage 0, is a dangling symbolic link (to nowhere.sh, which does not exist), so alpinize did not read it and it was not migrated; Docker does not copy it (docker build stops at this COPY: file not found in build context): fix the link (ls -l shows where it points), or put the real file in its place, then run alpinize migrate again",
      ],
    ]);
  });

  it("in a copied folder: the link comes in as it is", async () => {
    const r = await planDangling(["FROM debian:12", "COPY . /app", 'CMD ["/app/pkg/e.sh"]']);
    expect(r.skipped).toEqual([]);
    expect(r.context.map((w) => w.line)).toEqual([2]);
    expect(r.context[0]!.message).toMatch(
      /^pkg\/e\.sh, which CMD runs .* \(to gone\.sh, which does not exist\).*Docker copies the link as it is, so it runs only if the image has the file the link names by then: fix the link/,
    );
  });
});
