import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run, toolEnv } from "../src/run.js";
import { repoRoot } from "../src/workspace.js";

// `pnpm lint` runs scripts/check-import-cycles.mjs over every package's src, type-only imports
// included: it must find the cycles it exists for, in small source folders written here, and
// pass the repository.

const scratch = mkdtempSync(join(tmpdir(), "alpinize-import-cycles-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let folders = 0;
function writeSources(files: Record<string, string>): string {
  const dir = join(scratch, `src${folders++}`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

function check(...args: string[]) {
  return run(process.execPath, [join(repoRoot, "scripts", "check-import-cycles.mjs"), ...args], {
    cwd: repoRoot,
    env: toolEnv(),
  });
}

describe("check-import-cycles", () => {
  it("reports a loop of three files, however its imports are written", async () => {
    const dir = writeSources({
      "a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n',
      "b.ts": 'export {\n  c as b,\n} from "./sub/index.js";\n',
      "sub/index.ts": 'import * as top from "../a.js";\nexport const c = () => top;\n',
      "leaf.ts":
        'import { a } from "./a.js";\n// import { leaf } from "./leaf.js";\nexport const l = a;\n',
    });
    const res = await check(dir);
    expect(res.code, res.stdout + res.stderr).toBe(1);
    expect(res.stdout).toMatch(
      /cycle of 3 files: \S*a\.ts -> \S*b\.ts -> \S*sub\/index\.ts -> \S*a\.ts/,
    );
    expect(res.stdout).not.toContain("leaf.ts");
  });

  it("counts a type-only loop, unless --runtime is given", async () => {
    const dir = writeSources({
      "types.ts": 'import { type Run } from "./run.js";\nexport interface T { run: Run }\n',
      "run.ts": 'import { type T } from "./types.js";\nexport type Run = (t: T) => void;\n',
    });
    // `import { type T }` keeps an import of the module in the output: a runtime edge.
    expect((await check("--runtime", dir)).code).toBe(1);
    const onlyTypes = writeSources({
      "types.ts": 'import type { Run } from "./run.js";\nexport interface T { run: Run }\n',
      "run.ts": 'import type { T } from "./types.js";\nexport type Run = (t: T) => void;\n',
    });
    const typed = await check(onlyTypes);
    expect(typed.code, typed.stdout).toBe(1);
    expect(typed.stdout).toMatch(
      /cycle of 2 files: \S*run\.ts -\(type\)-> \S*types\.ts -\(type\)-> /,
    );
    const res = await check("--runtime", onlyTypes);
    expect(res.code, res.stdout).toBe(0);
    expect(res.stdout).toContain("no import cycles");
  });

  it("counts a type re-export, and marks only the type-only edge of a loop", async () => {
    const dir = writeSources({
      "shape.ts": 'export type { Walk } from "./walk.js";\nexport type Shape = "a" | "b";\n',
      "walk.ts":
        'import type { Shape } from "./index.js";\nexport interface Walk { shape: Shape }\n',
      "index.ts": 'export * from "./shape.js";\n',
    });
    const res = await check(dir);
    expect(res.code, res.stdout).toBe(1);
    expect(res.stdout).toMatch(
      /cycle of 3 files: \S*index\.ts -> \S*shape\.ts -\(type\)-> \S*walk\.ts -\(type\)-> \S*index\.ts/,
    );
    expect(res.stdout).toContain("move the types it names into a module of their own");
    expect((await check("--runtime", dir)).code).toBe(0);
  });

  it("refuses an unknown option or a missing folder with exit 2", async () => {
    const option = await check("--fast");
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option --fast");
    const missing = await check(join(scratch, "nowhere"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("not a folder");
  });

  it("finds no import cycle in the repository's packages, type-only imports included", async () => {
    const res = await check();
    expect(res.stdout).toContain("no import cycles");
    expect(res.code).toBe(0);
  });
});
