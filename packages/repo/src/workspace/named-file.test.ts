import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FifoWriter, fifoWriter } from "@alpinize/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { readNamedFile } from "./named-file.js";
import { encodeText } from "./text-bytes.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A real FIFO fed by a child process, as `<(cmd)` or `mkfifo` give the CLI. */
function fifoWith(bytes: Buffer): { path: string; writer: FifoWriter } {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-named-"));
  dirs.push(dir);
  const path = join(dir, "pipe");
  execFileSync("mkfifo", [path]);
  return { path, writer: fifoWriter(path, bytes) };
}

describe("readNamedFile on a pipe", () => {
  it("keeps bytes that are not UTF-8 next to UTF-8 text, as for regular files", async () => {
    const bytes = Buffer.concat([
      Buffer.from("FROM alpine:3.20\n# caf\u00e9 ", "utf8"),
      Buffer.from([0xe9]),
      Buffer.from("\n", "utf8"),
    ]);
    const { path, writer } = fifoWith(bytes);
    const text = await readNamedFile(path);
    await writer.written;
    expect(text).not.toContain("\ufffd");
    expect(text).toContain("caf\u00e9");
    expect(Buffer.from(encodeText(text)).equals(bytes)).toBe(true);
  });
});
