import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { checkTargets } from "./run.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function checkRepo(files: Record<string, string>) {
  repo = await scratchRepo(files);
  return checkTargets([{ path: repo.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
}

describe("check and programs a build stage makes", () => {
  it("checks a multi-stage Dockerfile whose CMD is a build output without calling it unreadable", async () => {
    const result = await checkRepo({
      Dockerfile:
        'FROM alpine:3.24 AS b\nWORKDIR /src\nCOPY . .\nRUN make\nFROM alpine:3.24\nCOPY --from=b /src/out/app /usr/local/bin/app\nCMD ["app"]\n',
      Makefile: "all:\n\tcc -o out/app app.c\n",
    });
    expect(result.unparsable).toEqual([]);
    expect(result.files).toEqual(["Dockerfile"]);
  });

  it("still lints a script of the repository copied the same way", async () => {
    const result = await checkRepo({
      Dockerfile:
        'FROM alpine:3.24 AS b\nWORKDIR /src\nCOPY . .\nRUN make\nFROM alpine:3.24\nCOPY --from=b /src/run.sh /run.sh\nENTRYPOINT ["/run.sh"]\n',
      "run.sh": "#!/bin/bash\necho hi\n",
    });
    expect(result.unparsable).toEqual([]);
    expect(result.files).toEqual(["Dockerfile", "run.sh"]);
    expect(result.findings.map((f) => `${f.file}:${f.rule}`)).toContain("Dockerfile:bash-missing");
  });
});
