import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fifoGuard } from "@alpinize/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { changeSince } from "./stamp.js";

const dir = mkdtempSync(join(tmpdir(), "alpinize-stamp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

describe.skipIf(!hasMkfifo)("changeSince", () => {
  // The last look before --write renames: a FIFO in the file's place, whose size and time match
  // an empty file's stamp, was read (waiting for a writer); now it is refused unopened.
  it("takes a FIFO in the file's place for a change, without waiting on it", () => {
    const path = join(dir, "now-a-fifo");
    execFileSync("mkfifo", [path]);
    const stamp = {
      size: 0,
      mtimeMs: statSync(path).mtimeMs,
      sha256: createHash("sha256").update("").digest("hex"),
    };
    // Should it be opened after all, the open is freed (the read sees "") instead of hanging.
    const guard = fifoGuard(path, 2000);
    try {
      expect(changeSince(path, stamp)).toBe("it is no longer a regular file");
    } finally {
      guard.stop();
    }
  });
});
