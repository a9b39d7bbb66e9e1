import { spawn, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bounded, closeOf, finished } from "@alpinize/testkit";

/** The built CLI: these tests run it in a child process, as users run it. */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "bin.js");
export const isRoot = process.getuid?.() === 0;

const DROP = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

/** node, started as nobody (uid 65534, no groups) through setpriv when we are root. */
function node(): [string, ...string[]] {
  return isRoot ? [DROP[0]!, ...DROP.slice(1), process.execPath] : [process.execPath];
}

let nobodyRuns: boolean | undefined;

/**
 * Whether nobody can run the built CLI: root only, with setpriv, and node and the build within
 * nobody's reach (a checkout under a private home folder is not).
 */
export function nobodyRunsCli(): boolean {
  if (!isRoot) return false;
  nobodyRuns ??=
    finished(
      spawnSync(DROP[0]!, [...DROP.slice(1), process.execPath, BIN, "--version"], {
        cwd: tmpdir(),
        ...bounded(),
      }),
      "alpinize --version as nobody",
    ).status === 0;
  return nobodyRuns;
}

/**
 * Whether the CLI can run without root's powers (root ignores file and folder modes): as
 * ourselves when we are not root, else as nobody.
 */
export function canRunUnprivileged(): boolean {
  return !isRoot || nobodyRunsCli();
}

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface UnprivilegedOptions {
  cwd: string;
  /** Default: PATH, NO_COLOR and HOME set to cwd, so no credentials of ours are read. */
  env?: NodeJS.ProcessEnv;
}

const envFor = (o: UnprivilegedOptions) =>
  o.env ?? { PATH: process.env.PATH, NO_COLOR: "1", HOME: o.cwd };

/** Runs the built CLI without root's powers (see {@link canRunUnprivileged}) and waits for it. */
export function runUnprivileged(args: string[], options: UnprivilegedOptions): ChildRun {
  const [cmd, ...rest] = node();
  const r = spawnSync(cmd, [...rest, BIN, ...args], {
    cwd: options.cwd,
    encoding: "utf8",
    env: envFor(options),
    ...bounded(),
  });
  finished(r, `alpinize ${args.join(" ")} (unprivileged)`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * {@link runUnprivileged} without blocking the event loop, for a test whose own process serves
 * what the CLI asks for (a registry on loopback).
 */
export async function runUnprivilegedAsync(
  args: string[],
  options: UnprivilegedOptions,
): Promise<ChildRun> {
  const [cmd, ...rest] = node();
  const child = spawn(cmd, [...rest, BIN, ...args], { cwd: options.cwd, env: envFor(options) });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c));
  child.stderr.on("data", (c: Buffer) => (stderr += c));
  const { code } = await closeOf(child, `alpinize ${args.join(" ")} (unprivileged)`);
  return { code, stdout, stderr };
}
