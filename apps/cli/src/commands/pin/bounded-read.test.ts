import { existsSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

// pin read the file it had checked by stat through a second, unbounded read: a file whose stat
// says size 0 but holds more (/proc) was read whole. The read is now bounded on its descriptor.
const PROC = "/proc/kallsyms";
const procIsLarge =
  existsSync(PROC) && statSync(PROC).size === 0 && countBytes(PROC) > 4 * 1024 * 1024;

function countBytes(path: string): number {
  try {
    return readFileSync(path).length;
  } catch {
    return 0;
  }
}

describe.skipIf(!procIsLarge)("pin reads a file bounded", () => {
  it("refuses a file whose size says 0 once more than the limit came from it", async () => {
    const r = await runCli(["pin", "--check", "--kind", "dockerfile", PROC]);
    expect([r.code, r.stderr]).toEqual([
      2,
      expect.stringContaining(`${PROC} is larger than 4 MiB`),
    ]);
  });
});
