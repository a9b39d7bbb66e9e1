import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { checkTargets } from "../check/run.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "./plan.js";

const BASH = '#!/bin/bash\narr=(a b)\necho "$#"\n';
const ADD_BASH = "RUN apk add --no-cache bash\n";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

/**
 * `migrate DIR` of the Dockerfile, then `check` of its output and of that output without the
 * bash migrate added: the bash-missing lines of each.
 */
async function migrateThenCheck(dockerfile: string, files: Record<string, string>) {
  repo = await scratchRepo({ Dockerfile: dockerfile, ...files });
  const options = { config: defaultConfig(), transforms: defaultTransforms() };
  const plan = await planRepository(repo.root, { ...options, release: "3.23" });
  const file = plan.files.find((f) => f.file === "Dockerfile")!;
  const bashMissing = async (text: string) => {
    await writeFile(join(repo!.root, "Dockerfile"), text);
    const r = await checkTargets([{ path: repo!.root, kind: "directory" }], {
      ...options,
      cwd: repo!.root,
    });
    return r.findings.filter((f) => f.rule === "bash-missing").map((f) => f.line);
  };
  return {
    after: file.after,
    shell: file.warnings.filter((w) => w.rule === "shell").map((w) => `${w.line} ${w.message}`),
    checked: await bashMissing(file.after),
    withoutBash: await bashMissing(file.after.replace(ADD_BASH, "")),
  };
}

describe("migrate and check agree on a bash script a RUN runs", () => {
  it("an exec-form RUN in one stage", async () => {
    const r = await migrateThenCheck('FROM debian:bookworm\nCOPY app /app\nRUN ["/app/x.sh"]\n', {
      "app/x.sh": BASH,
    });
    expect(r.after).toBe(`FROM alpine:3.23\n${ADD_BASH}COPY app /app\nRUN ["/app/x.sh"]\n`);
    expect(r.shell).toEqual([expect.stringMatching(/^2 app\/x\.sh has a bash shebang/)]);
    expect(r.checked).toEqual([]);
    expect(r.withoutBash).toEqual([3]);
  });

  it("an exec-form RUN of a bare name along the PATH a child stage sets", async () => {
    const r = await migrateThenCheck(
      'FROM debian:bookworm AS base\nCOPY app /src/app\nFROM base\nENV PATH=/src/app/bin:$PATH\nRUN ["x.sh"]\n',
      { "app/bin/x.sh": BASH },
    );
    expect(r.shell).toEqual([
      expect.stringMatching(/^5 RUN runs app\/bin\/x\.sh \(copied at line 2\)/),
    ]);
    expect(r.checked).toEqual([]);
    expect(r.withoutBash).toEqual([5]);
  });

  it("a shell-form RUN of a bare name along the PATH a child stage sets", async () => {
    const r = await migrateThenCheck(
      "FROM debian:bookworm AS base\nCOPY app /src/app\nFROM base\nENV PATH=/src/app/bin:$PATH\nRUN x.sh --init\n",
      { "app/bin/x.sh": BASH },
    );
    expect(r.shell).toEqual([
      expect.stringMatching(/^5 RUN runs app\/bin\/x\.sh \(copied at line 2\)/),
    ]);
    expect(r.checked).toEqual([]);
    expect(r.withoutBash).toEqual([5]);
  });

  it("a COPY --from of a stage that copied the script from the context (folder and file)", async () => {
    const base = "FROM debian:bookworm AS base\nCOPY app /app\nFROM debian:bookworm\n";
    for (const [tail, line] of [
      ["COPY --from=base /app /opt/app\nRUN /opt/app/x.sh\n", 5],
      ['COPY --from=base /app /opt/app\nCMD ["/opt/app/x.sh"]\n', 4],
      ["COPY --from=base /app/x.sh /usr/local/bin/\nRUN x.sh\n", 5],
    ] as const) {
      const r = await migrateThenCheck(`${base}${tail}`, { "app/x.sh": BASH });
      expect(r.after, tail).toBe(
        `FROM alpine:3.23 AS base\nCOPY app /app\nFROM alpine:3.23\n${ADD_BASH}${tail}`,
      );
      expect(r.checked, tail).toEqual([]);
      expect(r.withoutBash, tail).toEqual([line]);
    }
  });
});
