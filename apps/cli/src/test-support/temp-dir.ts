import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

/**
 * A temp folder named `prefix…`, fresh for each test (`scope` "each", the default) or shared by
 * the calling describe or file ("all"), and removed afterwards. `mode` is set on it (the umask
 * would narrow a mode given to mkdtemp); before removal it is made 0755 again, so a test that
 * locked it does not leave it behind.
 */
export function useTempDir(
  prefix: string,
  options: { scope?: "each" | "all"; mode?: number } = {},
): { dir: string } {
  const fixture = { dir: "" };
  const before = options.scope === "all" ? beforeAll : beforeEach;
  const after = options.scope === "all" ? afterAll : afterEach;
  before(() => {
    fixture.dir = mkdtempSync(join(tmpdir(), prefix));
    if (options.mode !== undefined) chmodSync(fixture.dir, options.mode);
  });
  after(() => {
    if (fixture.dir === "") return;
    chmodSync(fixture.dir, 0o755);
    rmSync(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}
