import { type ChildProcess, spawn } from "node:child_process";

export interface ManagedProcess {
  readonly child: ChildProcess;
  /** The last lines the process wrote to stderr and stdout (for error messages). */
  tail(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
  /** Signals the whole process group, escalating to SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Called with each complete stdout line. */
  onStdoutLine?: (line: string) => void;
  /** Called with each complete stderr line. */
  onStderrLine?: (line: string) => void;
  /** A temp dir the watchdog deletes if this test process dies without calling stop(). */
  cleanupDir?: string;
}

const TAIL_LINES = 40;

/** Spawns a server in its own process group so stop() also ends the children it starts. */
export function startProcess(
  command: string,
  args: string[],
  options: StartOptions = {},
): ManagedProcess {
  const child = spawn(command, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  const lines: string[] = [];
  const remember = (line: string) => {
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
  };
  splitLines(child.stdout, (line) => {
    remember(line);
    options.onStdoutLine?.(line);
  });
  splitLines(child.stderr, (line) => {
    remember(line);
    options.onStderrLine?.(line);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", (err) => {
      remember(String(err));
      resolve(null);
    });
  });
  const watchdog =
    child.pid === undefined ? undefined : startWatchdog(child.pid, options.cleanupDir ?? "");
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 10_000) => {
    stopping ??= stopGroup(child, exited, graceMs).finally(() => watchdog?.kill("SIGKILL"));
    return stopping;
  };
  return { child, tail: () => lines.join("\n"), exited, stop };
}

/**
 * The server runs in its own process group, so it would outlive a test process that is killed
 * before afterAll runs. This small sh holds the read end of a pipe from us: when we die, the pipe
 * closes and it ends the server's group.
 */
function startWatchdog(pid: number, dir: string): ChildProcess {
  const script =
    'read -r _; kill -TERM -"$1" 2>/dev/null; sleep 10; kill -KILL -"$1" 2>/dev/null; [ -z "$2" ] || rm -rf -- "$2"';
  const watchdog = spawn("sh", ["-c", script, "alpinize-testkit-watchdog", String(pid), dir], {
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
  });
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  watchdog.stdin?.on("error", () => undefined);
  return watchdog;
}

async function stopGroup(
  child: ChildProcess,
  exited: Promise<number | null>,
  graceMs: number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  signalGroup(child.pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child.pid!, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  // Children that ignored SIGTERM after the leader exited.
  signalGroup(child.pid, "SIGKILL");
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

function splitLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf("\n");
    while (newline !== -1) {
      onLine(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf("\n");
    }
  });
  stream.on("end", () => {
    if (buffered !== "") onLine(buffered);
  });
}

/** Polls `check` until it returns true, or throws after `timeoutMs` with `describe()`'s text. */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${describe()} (waited ${timeoutMs} ms)`);
}
