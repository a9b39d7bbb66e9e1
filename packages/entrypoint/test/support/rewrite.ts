import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SHIMS_PATH } from "../../src/index.js";

/** The line a rewritten script sources the shims with, by default. */
export const SRC = `. ${DEFAULT_SHIMS_PATH}`;

/** Fails when SHELL (argv, e.g. ["dash"]) rejects the script's syntax. */
export function parses(shell: string[], script: string): void {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-parse-"));
  try {
    writeFileSync(join(dir, "script.sh"), script);
    execFileSync(shell[0]!, [...shell.slice(1), "-n", join(dir, "script.sh")], { stdio: "pipe" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
