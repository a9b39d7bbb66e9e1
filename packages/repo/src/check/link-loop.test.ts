import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "../plan/plan.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const LOOP = "is a loop of symbolic links (to loop2, which leads back to it)";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

/** A repository whose `loop1` and `loop2` link to each other, and `app/self` to itself. */
async function loopRepo(dockerfile: string[]) {
  repo = await scratchRepo({ Dockerfile: [...dockerfile, ""].join("\n"), "app/ok.sh": "" });
  await symlink("loop2", join(repo.root, "loop1"));
  await symlink("loop1", join(repo.root, "loop2"));
  await symlink("self", join(repo.root, "app/self"));
  return repo.root;
}

const options = () => ({ config: defaultConfig(), transforms: defaultTransforms() });

async function checked(lines: string[]) {
  const root = await loopRepo([`FROM alpine:3.23@${DIGEST}`, ...lines]);
  const r = await checkTargets([{ path: root, kind: "directory" }], { ...options(), cwd: root });
  return r.findings
    .filter((f) => f.rule === "context-link")
    .map((f) => `${f.line} ${f.severity} ${f.message}`);
}

async function migrated(lines: string[]) {
  const root = await loopRepo(["FROM debian:12", ...lines]);
  const plan = await planRepository(root, { ...options(), release: "3.23" });
  return {
    context: plan.files
      .flatMap((f) => f.warnings)
      .filter((w) => w.rule === "context")
      .map((w) => `${w.line} ${w.message}`),
    skipped: plan.skipped.map((s) => s.file),
  };
}

describe("a script whose COPY source is a loop of symbolic links, as a link to nothing", () => {
  it("check: a RUN's and an ENTRYPOINT's, an error at the COPY", async () => {
    for (const run of ["RUN /loop1", 'ENTRYPOINT ["/loop1"]']) {
      const found = await checked(["COPY loop1 /loop1", run]);
      expect(found, run).toEqual([expect.stringMatching(/^2 error loop1, which /)]);
      expect(found[0]).toContain(`, ${LOOP}, so alpinize did not read it`);
    }
  });

  it("check: one in a copied folder is a warning", async () => {
    const found = await checked(["COPY app /app", "RUN /app/self"]);
    expect(found).toEqual([
      expect.stringMatching(/^2 warning app\/self, which .*is a loop of symbolic links \(to self,/),
    ]);
  });

  it("migrate DIR: a context warning at the COPY, not a skipped link", async () => {
    for (const run of ["RUN /loop1", 'ENTRYPOINT ["/loop1"]']) {
      const r = await migrated(["COPY loop1 /loop1", run]);
      expect(r.skipped, run).toEqual([]);
      expect(r.context, run).toEqual([expect.stringMatching(/^2 loop1, which /)]);
      expect(r.context[0]).toContain(LOOP);
    }
  });
});
