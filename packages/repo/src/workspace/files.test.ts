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
import { fifoGuard } from "@alpinize/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readTextFile, writeFileAtomic } from "./files.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alpinize-repo-write-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("readTextFile and writeFileAtomic", () => {
  it("write back every byte of a file that is not UTF-8, valid UTF-8 in it read as text", async () => {
    const f = join(dir, "entrypoint.sh");
    const latin1 = Buffer.from([0x23, 0x20, 0x52, 0x65, 0x6e, 0xe9, 0x0a]); // "# Ren\xe9\n"
    writeFileSync(f, Buffer.concat([latin1, Buffer.from("# café\n", "utf8")]));
    const text = await readTextFile(f);
    expect(text.endsWith("# café\n")).toBe(true);
    await writeFileAtomic(f, `${text}exec app\n`);
    expect(
      readFileSync(f).equals(Buffer.concat([latin1, Buffer.from("# café\nexec app\n", "utf8")])),
    ).toBe(true);
  });
});

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
    const guard = fifoGuard(fifo, 20_000); // an open of it after all is freed, not a hang
    await expect(writeFileAtomic(fifo, "new\n"))
      .rejects.toMatchObject({ code: "ALPINIZE_REPO_NOT_REGULAR", exitCode: 2 })
      .finally(() => guard.stop());
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
