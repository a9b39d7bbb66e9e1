import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "./plan.js";

let scratch: ScratchRepo | undefined;
afterEach(async () => {
  await scratch?.remove();
  scratch = undefined;
});

/**
 * Plans `migrate DIR` of `repo/`, where `run.sh` and `pkg/own.sh` link to a file of its sibling
 * `outside/` and `pkg/ext` to a folder there: its Dockerfile's `context` warnings as
 * `line name`, and what it lists as skipped.
 */
async function planWithLinks(lines: string[], ignore: string[] = []) {
  const secret = "#!/bin/bash\necho TOPSECRET\n";
  scratch = await scratchRepo({
    "outside/run.sh": secret,
    "outside/tools/setup.sh": secret,
    "repo/Dockerfile": [...lines, ""].join("\n"),
    "repo/pkg/x": "",
  });
  const root = join(scratch.root, "repo");
  await symlink("../outside/run.sh", join(root, "run.sh"));
  await symlink("../../outside/run.sh", join(root, "pkg/own.sh"));
  await symlink(join(scratch.root, "outside/tools"), join(root, "pkg/ext"));
  const config = defaultConfig();
  config.images.ignore = ignore;
  const plan = await planRepository(root, {
    config,
    transforms: defaultTransforms(),
    release: "3.23",
  });
  const warnings = plan.files
    .flatMap((f) => f.warnings)
    .filter((w) => w.rule === "context")
    .map((w) => `${w.line} ${w.message.split(/[ ,]/)[0]}`);
  expect(JSON.stringify(plan.files.map((f) => f.warnings))).not.toContain("TOPSECRET");
  return { warnings, skipped: plan.skipped.map((s) => s.file), plan };
}

describe("migrate DIR: an ENTRYPOINT/CMD script whose COPY source links out of the context", () => {
  it("is one context warning at its COPY, not also a link skipped (exit 2)", async () => {
    const r = await planWithLinks([
      "FROM debian:12",
      "RUN apt-get update && apt-get install -y curl",
      "COPY run.sh /entry.sh",
      'ENTRYPOINT ["/entry.sh"]',
    ]);
    expect(r.warnings).toEqual(["3 run.sh"]);
    expect(r.skipped).toEqual([]);
  });

  it("one a stage inherits, or runs from a copied folder, is warned at too: once per file", async () => {
    const r = await planWithLinks([
      "FROM debian:12 AS base",
      "COPY run.sh /entry.sh",
      "COPY . /app",
      "COPY pkg/ext/ /opt/",
      "FROM base AS final",
      'ENTRYPOINT ["/entry.sh"]',
      'CMD ["/app/pkg/own.sh"]',
      "FROM base",
      'CMD ["/opt/setup.sh"]',
    ]);
    // The migration warns at each itself: it reads every file a COPY names, and looks the
    // script a stage built FROM base starts up in base's copied folders.
    expect(r.warnings).toEqual(["2 run.sh", "3 pkg/own.sh", "4 pkg/ext/"]);
    expect(r.skipped).toEqual([]);
    const own = r.plan.files[0]!.warnings.find((w) => w.message.startsWith("pkg/own.sh"))!;
    expect(own.message).toMatch(
      /^pkg\/own\.sh, which this COPY brings in with its folder and the image runs, .* dangling link: put the real file in the build context in place of the link, then run alpinize again$/,
    );
  });

  it("not for an image images.ignore names", async () => {
    const r = await planWithLinks(
      ["FROM debian:12", "COPY . /app", 'ENTRYPOINT ["/app/pkg/own.sh"]'],
      ["debian:12"],
    );
    expect(r.warnings).toEqual([]);
  });
});
