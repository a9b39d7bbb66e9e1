import { execFileSync } from "node:child_process";
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "./files.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alpinize-repo-write-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("replaces a regular file and keeps its mode", async () => {
    const f = join(dir, "Dockerfile");
    writeFileSync(f, "old\n", { mode: 0o640 });
    await writeFileAtomic(f, "new\n");
    expect(readFileSync(f, "utf8")).toBe("new\n");
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["Dockerfile"]);
  });

  it("writes through a symlink and leaves the link a link", async () => {
    const real = join(dir, "real.Dockerfile");
    const link = join(dir, "Dockerfile");
    writeFileSync(real, "old\n");
    symlinkSync("real.Dockerfile", link);
    await writeFileAtomic(link, "new\n");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toBe("new\n");
  });

  it("refuses a FIFO instead of renaming over it", async () => {
    const fifo = join(dir, "Dockerfile");
    execFileSync("mkfifo", [fifo]);
    await expect(writeFileAtomic(fifo, "new\n")).rejects.toMatchObject({
      code: "ALPINIZE_REPO_NOT_REGULAR",
      exitCode: 2,
    });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
