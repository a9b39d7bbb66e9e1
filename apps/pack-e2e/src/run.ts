import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
}

const MAX_OUTPUT = 4 * 1024 * 1024;
// Settings pnpm, turbo and vitest pass to their children; a user's shell has none of them.
const LEAKED = /^(npm_|pnpm_|VITEST|TURBO_|NODE_OPTIONS$|NODE_PATH$)/i;
// npm settings a user may set in the environment to reach the registry: these stay.
const KEPT =
  /^npm_config_(registry|cache|proxy|https_proxy|noproxy|cafile|strict_ssl|userconfig|globalconfig)$/i;

/** Runs a command to completion and returns its exit code and output (each bounded to 4 MiB). */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? toolEnv(),
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 300_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    if (options.input !== undefined && child.stdin) {
      // A child that exits without reading its input must not crash the test with EPIPE.
      child.stdin.on("error", () => {});
      child.stdin.end(options.input);
    }
  });
}

/**
 * The environment every child gets: this Node (the project's Node 24) first on PATH, so that
 * `#!/usr/bin/env node` bins and npm itself run on it; npm kept quiet and local.
 */
export function toolEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (LEAKED.test(key) && !KEPT.test(key)) delete env[key];
  }
  return {
    ...env,
    PATH: [dirname(process.execPath), env.PATH ?? ""].join(delimiter),
    NO_COLOR: "1",
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    // npx must use the locally installed bin and never fetch a same-named package.
    npm_config_yes: "false",
    ...extra,
  };
}

/** npm's CLI: the one shipped next to this Node if there is one, else the system npm. */
export function npmCommand(): { command: string; prefix: string[] } {
  const bundled = join(dirname(process.execPath), "..", "lib", "node_modules", "npm", "bin");
  if (existsSync(join(bundled, "npm-cli.js"))) {
    return { command: process.execPath, prefix: [join(bundled, "npm-cli.js")] };
  }
  return { command: "npm", prefix: [] };
}

/** npx, resolved the same way as npm. */
export function npxCommand(): { command: string; prefix: string[] } {
  const bundled = join(dirname(process.execPath), "..", "lib", "node_modules", "npm", "bin");
  if (existsSync(join(bundled, "npx-cli.js"))) {
    return { command: process.execPath, prefix: [join(bundled, "npx-cli.js")] };
  }
  return { command: "npx", prefix: [] };
}
