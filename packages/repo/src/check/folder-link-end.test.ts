import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "../plan/plan.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
// The folder is the link to fix, so it is named, not the file under it.
const LOOP = "is under dir1, which is a loop of symbolic links (to dir2, which leads back to it)";
const DANGLING =
  "is under dir1, which is a dangling symbolic link (to /nonexistent-dir, which does not exist)";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

/** A repository whose folder `dir1` is a loop (`dir1 -> dir2 -> dir1`) or a link to nothing. */
async function linkedFolderRepo(dockerfile: string[], loop: boolean) {
  repo = await scratchRepo({ Dockerfile: [...dockerfile, ""].join("\n") });
  if (loop) {
    await symlink("dir2", join(repo.root, "dir1"));
    await symlink("dir1", join(repo.root, "dir2"));
  } else await symlink("/nonexistent-dir", join(repo.root, "dir1"));
  return repo.root;
}

const options = () => ({ config: defaultConfig(), transforms: defaultTransforms() });
const RUNS = ["RUN /x.sh", 'ENTRYPOINT ["/x.sh"]'];

describe("a script COPYed through a folder link that is a loop or leads to nothing", () => {
  for (const [loop, says] of [
    [true, LOOP],
    [false, DANGLING],
  ] as const) {
    it(`check: a context-link error at the COPY, not silent nor script-not-found (loop: ${loop})`, async () => {
      for (const run of RUNS) {
        const lines = [`FROM alpine:3.23@${DIGEST}`, "COPY dir1/x.sh /x.sh", run];
        const root = await linkedFolderRepo(lines, loop);
        const r = await checkTargets([{ path: root, kind: "directory" }], {
          ...options(),
          cwd: root,
        });
        const found = r.findings
          .filter((f) => f.line > 1)
          .map((f) => `${f.line} ${f.rule} ${f.severity}`);
        expect(found, run).toEqual(["2 context-link error"]);
        expect(r.findings.find((f) => f.rule === "context-link")!.message).toContain(says);
        await repo?.remove();
        repo = undefined;
      }
    });

    it(`migrate DIR: a context warning at the COPY (loop: ${loop})`, async () => {
      for (const run of RUNS) {
        const root = await linkedFolderRepo(["FROM debian:12", "COPY dir1/x.sh /x.sh", run], loop);
        const plan = await planRepository(root, { ...options(), release: "3.23" });
        const context = plan.files
          .flatMap((f) => f.warnings)
          .filter((w) => w.rule === "context")
          .map((w) => `${w.line} ${w.message}`);
        expect(plan.skipped, run).toEqual([]);
        expect(context, run).toEqual([expect.stringMatching(/^2 dir1\/x\.sh, which /)]);
        expect(context[0]).toContain(says);
        await repo?.remove();
        repo = undefined;
      }
    });
  }
});

describe("a folder link that loops inside a copied folder", () => {
  it("is named, not the file under it, by check and migrate DIR alike", async () => {
    const says =
      "is under app/d1, which is a loop of symbolic links (to d2, which leads back to it)";
    for (const from of [`alpine:3.23@${DIGEST}`, "debian:12"]) {
      repo = await scratchRepo({
        Dockerfile: [`FROM ${from}`, "COPY app /app", "RUN /app/d1/x.sh", ""].join("\n"),
        "app/ok.sh": "",
      });
      await symlink("d2", join(repo.root, "app/d1"));
      await symlink("d1", join(repo.root, "app/d2"));
      const root = repo.root;
      const messages = from.startsWith("alpine")
        ? (
            await checkTargets([{ path: root, kind: "directory" }], { ...options(), cwd: root })
          ).findings
            .filter((f) => f.rule === "context-link")
            .map((f) => f.message)
        : (await planRepository(root, { ...options(), release: "3.23" })).files
            .flatMap((f) => f.warnings)
            .filter((w) => w.rule === "context")
            .map((w) => w.message);
      expect(messages, from).toEqual([expect.stringMatching(/^app\/d1\/x\.sh, which /)]);
      expect(messages[0]).toContain(says);
      await repo.remove();
      repo = undefined;
    }
  });
});

// A tester's `etcdir -> /etc`, `COPY etcdir/x.sh /3.sh`, `RUN /3.sh` was script-not-found ("not
// in the build context") when /etc had no x.sh, and an unnamed link out when it had one.
describe("a script COPYed through a folder link that leads outside the build context", () => {
  const OUT = "is under etcdir, a folder link that leads outside the build context";
  let outside: string | undefined;
  afterEach(async () => {
    if (outside) await rm(outside, { recursive: true, force: true });
    outside = undefined;
  });

  async function outsideRepo(from: string, present: boolean) {
    outside = await mkdtemp(join(tmpdir(), "alpinize-outside-"));
    if (present) await writeFile(join(outside, "x.sh"), "#!/bin/sh\n");
    repo = await scratchRepo({
      Dockerfile: [`FROM ${from}`, "COPY etcdir/x.sh /3.sh", "RUN /3.sh", ""].join("\n"),
    });
    await symlink(outside, join(repo.root, "etcdir"));
    return repo.root;
  }

  for (const present of [false, true]) {
    it(`check: context-link naming the folder (x.sh there: ${present})`, async () => {
      const root = await outsideRepo(`alpine:3.23@${DIGEST}`, present);
      const r = await checkTargets([{ path: root, kind: "directory" }], {
        ...options(),
        cwd: root,
      });
      const found = r.findings.filter((f) => f.line > 1);
      expect(found.map((f) => `${f.line} ${f.rule} ${f.severity}`)).toEqual([
        "2 context-link error",
      ]);
      expect(found[0]!.message).toMatch(/^etcdir\/x\.sh, which the RUN on line 3 runs/);
      expect(found[0]!.message).toContain(OUT);
      expect(found[0]!.message).toContain("put the real folder in the build context");
    });
  }

  it("migrate DIR: a context warning naming the folder, not script-not-found", async () => {
    const root = await outsideRepo("debian:12", false);
    const plan = await planRepository(root, { ...options(), release: "3.23" });
    const warned = plan.files.flatMap((f) => f.warnings).filter((w) => w.line === 2);
    expect(warned.map((w) => w.rule)).toEqual(["context"]);
    expect(warned[0]!.message).toMatch(/^etcdir\/x\.sh, which the RUN on line 3 runs/);
    expect(warned[0]!.message).toContain(OUT);
  });
});
