import { execFileSync, spawnSync } from "node:child_process";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { type FifoGuard, fifoGuard } from "@alpinize/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { checkTargets } from "../check/run.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "../plan/plan.js";
import { NOT_REGULAR, readTextFile } from "../workspace/files.js";
import { findCopiedScripts } from "./scripts.js";
import { discoverFiles } from "./walk.js";

// What to do, as check DIR prints it under the same entry.
const PUT_REGULAR = "Put the regular file there, or list the path in .gitignore.";

const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;
const DOCKERFILE = 'FROM alpine:3.23\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n';

let repo: ScratchRepo | undefined;
let server: Server | undefined;
let guards: FifoGuard[] = [];
afterEach(async () => {
  for (const g of guards) g.stop();
  guards = [];
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
  await repo?.remove();
  repo = undefined;
});

/** A repository whose sub/Dockerfile and entry.sh are FIFOs and api.Dockerfile a socket. */
async function specialRepo(files: Record<string, string> = {}): Promise<string> {
  repo = await scratchRepo({ Dockerfile: DOCKERFILE, "sub/.keep": "", ...files });
  const root = repo.root;
  execFileSync("mkfifo", [join(root, "sub/Dockerfile"), join(root, "entry.sh")]);
  // They must never be opened; one that is after all is freed instead of hanging the run.
  guards = [
    fifoGuard(join(root, "sub/Dockerfile"), 20_000),
    fifoGuard(join(root, "entry.sh"), 20_000),
  ];
  const listening = createServer();
  server = listening;
  await new Promise<void>((done) => listening.listen(join(root, "api.Dockerfile"), done));
  return root;
}

// Each was silently left out: the run looked complete with a Dockerfile never read.
describe.skipIf(!hasMkfifo)("FIFOs and sockets named like a Dockerfile or script", () => {
  it("are listed by the walk, never opened, unless .gitignore names them", async () => {
    const root = await specialRepo({ ".gitignore": "api.Dockerfile\n" });
    execFileSync("mkfifo", [join(root, "notes.txt")]);
    const found = await discoverFiles(root);
    expect(found.dockerfiles).toEqual(["Dockerfile"]);
    expect(found.special).toEqual(["sub/Dockerfile"]);
    expect(found.ignored).toEqual(["api.Dockerfile"]);
  });

  it("are refused by reading with what they are, without waiting for a writer", async () => {
    const root = await specialRepo();
    await expect(readTextFile(join(root, "sub/Dockerfile"), "sub/Dockerfile")).rejects.toThrow(
      expect.objectContaining({
        code: NOT_REGULAR,
        exitCode: 2,
        message:
          "sub/Dockerfile: a FIFO (named pipe), not a regular file; skipped (alpinize does not open it)",
      }),
    );
    await expect(readTextFile(join(root, "api.Dockerfile"))).rejects.toThrow(/a socket/);
  });

  it("are copied scripts a Dockerfile runs, by name", async () => {
    const root = await specialRepo();
    const refs = await findCopiedScripts(root, "Dockerfile", DOCKERFILE);
    expect(refs.map((r) => [r.path, r.role])).toEqual([["entry.sh", "entrypoint"]]);
  });

  it("are not checked by check DIR, each with the code and hint", async () => {
    const root = await specialRepo();
    const result = await checkTargets([{ path: root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: root,
    });
    expect(result.unparsable.map((u) => [u.file, u.code])).toEqual([
      ["api.Dockerfile", NOT_REGULAR],
      ["sub/Dockerfile", NOT_REGULAR],
      ["entry.sh", NOT_REGULAR],
    ]);
    expect(result.unparsable[0]?.hint).toMatch(/\.gitignore/);
  });

  it("are skipped by migrate DIR's plan, with the code", async () => {
    const root = await specialRepo();
    const plan = await planRepository(root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    expect(plan.files.map((f) => f.file)).toEqual(["Dockerfile"]);
    expect(plan.skipped).toEqual([
      {
        file: "api.Dockerfile",
        message: expect.stringMatching(/^api\.Dockerfile: a socket, not a regular file; skipped/),
        code: NOT_REGULAR,
        hint: PUT_REGULAR,
      },
      {
        file: "sub/Dockerfile",
        message: expect.stringContaining("a FIFO"),
        code: NOT_REGULAR,
        hint: PUT_REGULAR,
      },
      {
        file: "entry.sh",
        message: expect.stringContaining("a FIFO"),
        code: NOT_REGULAR,
        hint: PUT_REGULAR,
      },
    ]);
    expect(plan.unparsable).toEqual([]);
  });
});
