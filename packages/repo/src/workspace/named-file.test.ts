import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readNamedFile } from "./named-file.js";
import { encodeText } from "./text-bytes.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A real FIFO fed by a child process, as `<(cmd)` or `mkfifo` give the CLI. */
function fifoWith(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-named-"));
  dirs.push(dir);
  const path = join(dir, "pipe");
  const child = spawn("sh", [
    "-c",
    'mkfifo "$1" && printf "$2" > "$1"',
    "sh",
    path,
    toPrintf(bytes),
  ]);
  child.on("error", () => {});
  return path;
}

function toPrintf(bytes: Buffer): string {
  return [...bytes].map((b) => `\\${b.toString(8).padStart(3, "0")}`).join("");
}

async function waitFor(path: string): Promise<void> {
  const { stat } = await import("node:fs/promises");
  for (let i = 0; i < 200; i++) {
    if (
      await stat(path).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("readNamedFile on a pipe", () => {
  it("keeps bytes that are not UTF-8 next to UTF-8 text, as for regular files", async () => {
    const bytes = Buffer.concat([
      Buffer.from("FROM alpine:3.20\n# caf\u00e9 ", "utf8"),
      Buffer.from([0xe9]),
      Buffer.from("\n", "utf8"),
    ]);
    const path = fifoWith(bytes);
    await waitFor(path);
    const text = await readNamedFile(path);
    expect(text).not.toContain("\ufffd");
    expect(text).toContain("caf\u00e9");
    expect(Buffer.from(encodeText(text)).equals(bytes)).toBe(true);
  });
});
