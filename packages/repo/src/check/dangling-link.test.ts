import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

/**
 * Checks a repository whose `d.sh` and `sub/e.sh` link to names that do not exist, `c.sh` to
 * `d.sh` (a chain), and `abs.sh` to `/real.sh`, which only the build context has (Docker
 * follows a link from the context's folder, so it copies the context's real.sh).
 */
async function checkDangling(lines: string[]) {
  repo = await scratchRepo({
    Dockerfile: [`FROM alpine:3.23@${DIGEST} AS base`, ...lines, ""].join("\n"),
    "real.sh": "#!/bin/sh\necho real\n",
    "sub/ok.sh": "#!/bin/sh\necho ok\n",
  });
  await symlink("nowhere.sh", join(repo.root, "d.sh"));
  await symlink("d.sh", join(repo.root, "c.sh"));
  await symlink("../missing/e.sh", join(repo.root, "sub/e.sh"));
  await symlink("/real.sh", join(repo.root, "abs.sh"));
  const r = await checkTargets([{ path: repo.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
  const linked = r.findings.filter((f) => f.rule === "context-link");
  return {
    r,
    linked,
    shown: linked.map((f) => `${f.line} ${f.severity} ${f.message.split(",")[0]}`),
  };
}

describe("context-link: a script an Alpine image runs whose COPY source is a link to nothing", () => {
  it("named by its COPY, run by a RUN and by ENTRYPOINT: an error each, not a skipped link", async () => {
    const { r, linked, shown } = await checkDangling([
      "COPY d.sh /d.sh",
      "RUN /d.sh",
      'ENTRYPOINT ["/d.sh"]',
    ]);
    expect(shown).toEqual(["2 error d.sh", "2 error d.sh"]);
    expect(linked.map((f) => f.message.split(" in stage")[0])).toEqual([
      "d.sh, which the RUN on line 3 runs (as /d.sh)",
      "d.sh, which ENTRYPOINT runs (as /d.sh)",
    ]);
    for (const f of linked)
      expect(f.message).toMatch(
        /, is a dangling symbolic link \(to nowhere\.sh, which does not exist\), so alpinize did not read it and nothing in it was checked; Docker does not copy it \(docker build stops at this COPY: file not found in build context\): fix the link \(ls -l shows where it points\), or put the real file in its place$/,
      );
    expect(r.unparsable).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/the link points to|leads outside/);
  });

  it("a chain of links, and a stage that inherits the ENTRYPOINT's script", async () => {
    const { shown, linked } = await checkDangling([
      "COPY c.sh /entry.sh",
      "FROM base AS final",
      'ENTRYPOINT ["/entry.sh"]',
    ]);
    expect(shown).toEqual(["2 error c.sh"]);
    expect(linked[0]!.message).toMatch(
      /in stage final, is a dangling symbolic link \(to nowhere\.sh,/,
    );
  });

  it("in a copied folder: a warning, as Docker copies the link as it is", async () => {
    const { r, shown, linked } = await checkDangling(["COPY . /app", 'CMD ["/app/sub/e.sh"]']);
    expect(shown).toEqual(["2 warning sub/e.sh"]);
    expect(linked[0]!.message).toMatch(
      /\(to \.\.\/missing\/e\.sh, which does not exist\).*this COPY brings it in with its folder and Docker copies the link as it is, so it runs only if the image has the file the link names by then: fix the link/,
    );
    expect(r.unparsable).toEqual([]);
  });

  it("not a link Docker follows to a file of the context", async () => {
    const { shown } = await checkDangling(["COPY abs.sh /abs.sh", "RUN /abs.sh"]);
    expect(shown).toEqual([]);
  });
});
