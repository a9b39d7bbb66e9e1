import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { type CheckTarget, checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const DOCKERFILE = [
  `FROM alpine:3.23@${DIGEST}`,
  "COPY install.sh /tmp/",
  "RUN /tmp/install.sh",
  "COPY entry.sh /entry.sh",
  'ENTRYPOINT ["/entry.sh"]',
  "",
].join("\n");
const FILES = {
  "d/Dockerfile": DOCKERFILE,
  "d/install.sh": "#!/bin/bash\necho hi\n",
  "d/entry.sh": '#!/bin/bash\nexec gosu nobody "$@"\n',
};

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function check(targets: (root: string) => CheckTarget[], cwd: (root: string) => string) {
  await repo?.remove();
  repo = await scratchRepo(FILES);
  await mkdir(join(repo.root, "elsewhere"));
  const result = await checkTargets(targets(repo.root), {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: cwd(repo.root),
  });
  return result.findings
    .filter((f) => f.severity === "error")
    .map((f) => `${f.file.slice(f.file.lastIndexOf("d/"))}:${f.line} ${f.rule}`);
}

const ERRORS = [
  "d/Dockerfile:3 bash-missing",
  "d/Dockerfile:4 bash-missing",
  "d/Dockerfile:4 exec-as-missing",
];

describe("a Dockerfile named on its own, as in a directory check", () => {
  it("is checked with the scripts it COPYs from its folder when that folder is outside the current directory", async () => {
    const named = await check(
      (root) => [
        { path: join(root, "d/Dockerfile"), kind: "dockerfile" },
        { path: join(root, "d/entry.sh"), kind: "script" },
      ],
      (root) => join(root, "elsewhere"),
    );
    expect(named).toEqual(ERRORS);
    const alone = await check(
      (root) => [{ path: join(root, "d/Dockerfile"), kind: "dockerfile" }],
      (root) => join(root, "elsewhere"),
    );
    expect(alone).toEqual(ERRORS);
  });

  it("finds the same as a check of the directory, and as one from the parent folder", async () => {
    const dir = await check(
      (root) => [{ path: join(root, "d"), kind: "directory" }],
      (root) => join(root, "elsewhere"),
    );
    const fromParent = await check(
      (root) => [{ path: join(root, "d/Dockerfile"), kind: "file" }],
      (root) => root,
    );
    expect(dir).toEqual(ERRORS);
    expect(fromParent).toEqual(ERRORS);
  });
});
