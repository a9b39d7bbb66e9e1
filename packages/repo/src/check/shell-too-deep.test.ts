import { join } from "node:path";
import { MAX_SHELL_NESTING, SHELL_TOO_DEEP } from "@alpinize/entrypoint";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { describeStages } from "../dockerfile/stages.js";
import { checkTargets } from "./run.js";

/** `x="$(echo "$(echo … x)")"`, `n` levels deep. */
const nested = (n: number) => `x=${'"$(echo '.repeat(n)}x${')"'.repeat(n)}`;

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function check(files: Record<string, string>, names?: string[]) {
  repo = await scratchRepo(files);
  const root = repo.root;
  const targets = names
    ? names.map((n) => ({ path: join(root, n), kind: "file" as const }))
    : [{ path: root, kind: "directory" as const }];
  return await checkTargets(targets, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: root,
  });
}

describe("check on shell text nested past the limit", () => {
  it("reports a script as not checked, with the code, hint and line, and checks the others", async () => {
    const deep = `#!/bin/sh\n${nested(MAX_SHELL_NESTING + 1)}\n`;
    const ok = "#!/bin/sh\nuseradd app\n";
    const result = await check({ "deep.sh": deep, "ok.sh": ok }, ["deep.sh", "ok.sh"]);
    expect(result.unparsable).toEqual([
      {
        file: "deep.sh",
        message: expect.stringContaining(`deeper than ${MAX_SHELL_NESTING} levels (line 2 column`),
        code: SHELL_TOO_DEEP,
        hint: expect.stringContaining("variables"),
        line: 2,
      },
    ]);
    expect(result.findings.map((f) => f.file)).toContain("ok.sh");
  });

  it("checks a script nested to the limit", async () => {
    const result = await check({ "s.sh": `#!/bin/sh\n${nested(MAX_SHELL_NESTING)}\n` }, ["s.sh"]);
    expect(result.unparsable).toEqual([]);
  });

  it("reports a Dockerfile whose RUN nests too deep as not checked, at the RUN's line", async () => {
    const dockerfile = (n: number) => `FROM alpine:3.23\nRUN true\nRUN ${nested(n)}\n`;
    const deep = await check({ Dockerfile: dockerfile(MAX_SHELL_NESTING + 1) });
    expect(deep.unparsable).toEqual([
      expect.objectContaining({ file: "Dockerfile", code: SHELL_TOO_DEEP, line: 3 }),
    ]);
    await repo?.remove();
    const atLimit = await check({ Dockerfile: dockerfile(MAX_SHELL_NESTING) });
    expect(atLimit.unparsable).toEqual([]);
  });
});

describe("describeStages on a RUN nested past the limit", () => {
  it("throws the error with the RUN's line", () => {
    const text = `FROM alpine:3.23\n\nRUN ${nested(5000)}\n`;
    expect(() => describeStages(text, "Dockerfile")).toThrow(
      expect.objectContaining({ code: SHELL_TOO_DEEP, details: { line: 3 } }),
    );
  });
});
