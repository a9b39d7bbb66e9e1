import { symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { checkTargets } from "../check/run.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "./plan.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

let repo: ScratchRepo | undefined;
let outside: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  await outside?.remove();
  repo = outside = undefined;
});

/**
 * A repository whose `d.sh` links to a name that does not exist, `o.sh` to a file outside it;
 * `missing.sh` is not there at all.
 */
async function layout(lines: readonly string[]) {
  outside = await scratchRepo({ "o.sh": "#!/bin/sh\necho TOPSECRET\n" });
  repo = await scratchRepo({ Dockerfile: [...lines, ""].join("\n"), "pkg/x": "" });
  await symlink("nowhere.sh", join(repo.root, "d.sh"));
  await symlink(join(outside.root, "o.sh"), join(repo.root, "o.sh"));
  return repo.root;
}

async function planned(root: string) {
  const plan = await planRepository(root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
  return plan.files.find((f) => f.file === "Dockerfile")!;
}

async function checked(root: string) {
  const r = await checkTargets([{ path: root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: root,
  });
  return r.findings.filter((f) => f.rule === "context-link" || f.rule === "script-not-found");
}

// A stage that needs packages after FROM: the migration inserts a line, the warnings keep the input's.
const RUNS = [
  "FROM debian:12",
  "RUN apt-get update && apt-get install -y curl",
  "COPY d.sh /d.sh",
  "COPY o.sh /usr/local/bin/",
  "COPY missing.sh /m.sh",
  "RUN /d.sh && o.sh && sh /m.sh",
];

describe("migrate DIR: a script a RUN runs that was not read", () => {
  it("is warned at its COPY as check reports it: a link to nothing or out of the context, a missing file", async () => {
    const root = await layout(RUNS);
    const dockerfile = await planned(root);
    const said = dockerfile.warnings
      .filter((w) => w.rule === "context" || w.rule === "script-not-found")
      .map((w) => [w.rule, w.line, w.message]);
    expect(said).toEqual([
      // The migration read the COPY of the link out itself: its own warning, not repeated.
      [
        "context",
        4,
        expect.stringMatching(/^o\.sh leads outside the build context through a link/),
      ],
      [
        "script-not-found",
        5,
        "missing.sh, which the RUN on line 6 runs (as /m.sh) in stage 0, is in neither the Dockerfile's folder nor the directory migrated, so nothing in it was checked: add it where the COPY finds it (docker build stops at this COPY without it) and run alpinize migrate again",
      ],
      [
        "context",
        3,
        "d.sh, which the RUN on line 6 runs (as /d.sh) in stage 0, is a dangling symbolic link (to nowhere.sh, which does not exist), so alpinize did not read it and nothing in it was checked; Docker does not copy it (docker build stops at this COPY: file not found in build context): fix the link (ls -l shows where it points), or put the real file in its place, then run alpinize migrate again",
      ],
    ]);
    expect(JSON.stringify(dockerfile.warnings)).not.toContain("TOPSECRET");

    // check reads the migrated file the same way: the same scripts, at the same COPY lines.
    await writeFile(
      join(root, "Dockerfile"),
      dockerfile.after.replace("FROM alpine:3.23", `FROM alpine:3.23@${DIGEST}`),
    );
    const found = await checked(root);
    const shift = dockerfile.after.split("\n").indexOf("COPY d.sh /d.sh") + 1 - 3;
    expect(found.map((f) => [f.rule, f.line - shift, f.message.split(",")[0]])).toEqual([
      ["context-link", 3, "d.sh"],
      ["context-link", 4, "o.sh"],
      ["script-not-found", 5, "missing.sh"],
    ]);
  });

  it("a stage left on Debian is not warned at", async () => {
    const root = await layout([
      "FROM debian:12",
      "COPY d.sh /d.sh",
      'RUN ["/d.sh"]',
      'RUN ["apt-get", "install", "-y", "curl"]',
    ]);
    const dockerfile = await planned(root);
    expect(dockerfile.after).toContain("FROM debian:12");
    expect(dockerfile.warnings.filter((w) => w.rule === "context")).toEqual([]);
  });
});
