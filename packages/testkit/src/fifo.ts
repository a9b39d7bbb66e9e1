import { spawn } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHILD_LIMIT_MS, closeOf } from "./bounded.js";

// Opening a FIFO blocks until its other end is opened too. In a test that is the hang to avoid:
// the code under test fails before it opens the FIFO, and the helper's own open (or a pending
// fs call, which even keeps node from exiting) waits forever. Each helper below bounds that.

/**
 * Frees whoever is blocked opening the FIFO, for a few seconds: an O_RDWR open (which never
 * blocks on Linux) wakes a blocked opener of either end, then closes, so a reader sees the end
 * of input and a writer EPIPE. Stops when the FIFO is gone.
 */
const RELEASE = `i=0
while [ "$i" -lt 25 ] && [ -p "$1" ]; do : 3<>"$1"; sleep 0.2; i=$((i + 1)); done 2>/dev/null`;

const seconds = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));

export interface FifoReader {
  /** Lets go of the helper's own end and resolves with all the writer wrote. */
  text(): Promise<string>;
}

/**
 * Reads a FIFO that the code under test writes into. Both ends are open here before it runs
 * (O_RDWR), so its open for writing never waits, and a `cat` holds the read end from its start;
 * after the writer has closed, `text()` closes our end and cat sees the end of input. A writer
 * that never came gives "" instead of a hang.
 */
export function fifoReader(path: string, ms = CHILD_LIMIT_MS): FifoReader {
  const hold = openSync(path, constants.O_RDWR);
  // Opens at once: `hold` is a writer.
  const end = openSync(path, constants.O_RDONLY);
  const cat = spawn("cat", [], { stdio: [end, "pipe", "ignore"] });
  closeSync(end);
  let got = "";
  cat.stdout?.setEncoding("utf8");
  cat.stdout?.on("data", (chunk: string) => {
    got += chunk;
  });
  const closed = closeOf(cat, `cat reading the FIFO ${path}`, ms);
  closed.catch(() => undefined); // text() reports it; a test that never calls text() does not
  let held = true;
  return {
    async text() {
      if (held) closeSync(hold);
      held = false;
      await closed;
      return got;
    },
  };
}

export interface FifoWriter {
  /** Resolves once a reader has taken all of `data`; rejects when none came in time. */
  readonly written: Promise<void>;
}

/**
 * Writes `data` into a FIFO that the code under test reads, from a child that waits at most
 * `ms` for a reader; after that it frees a late opener for a few seconds (see RELEASE) and
 * exits, so neither side can wait forever.
 */
export function fifoWriter(
  path: string,
  data: string | Uint8Array,
  ms = CHILD_LIMIT_MS,
): FifoWriter {
  // The data goes in as a file, not down a pipe from us: a test that then blocks in a sync call
  // (spawnSync, a sync read) would keep node from ever writing into that pipe.
  const source = mkdtempSync(join(tmpdir(), "alpinize-fifo-data-"));
  const file = join(source, "data");
  writeFileSync(file, data);
  const input = openSync(file, "r");
  const script = `timeout -s KILL "$2" sh -c 'exec cat > "$1"' sh "$1" && exit 0\n${RELEASE}\nexit 1`;
  try {
    const child = spawn("sh", ["-c", script, "sh", path, seconds(ms)], {
      stdio: [input, "ignore", "ignore"],
    });
    const written = closeOf(child, `the writer of the FIFO ${path}`, ms + 20_000).then((end) => {
      if (end.code !== 0) throw new Error(`nothing read the FIFO ${path} within ${ms} ms`);
    });
    written.catch(() => undefined); // a test that never awaits it still fails on its own check
    return { written };
  } finally {
    closeSync(input);
    rmSync(source, { recursive: true, force: true });
  }
}

export interface FifoGuard {
  stop(): void;
}

/**
 * For a test whose code must not open the FIFO at all: should it open it after all, the open
 * (which blocks, or in node's thread pool keeps the process from exiting) is freed after `ms`,
 * and the test fails on what it asserts instead of hanging. Call stop() when the test ends.
 */
export function fifoGuard(path: string, ms = CHILD_LIMIT_MS): FifoGuard {
  const guard = spawn("sh", ["-c", `sleep "$2"\n${RELEASE}`, "sh", path, seconds(ms)], {
    detached: true,
    stdio: "ignore",
  });
  guard.on("error", () => undefined);
  guard.unref();
  return {
    stop() {
      if (guard.pid === undefined) return;
      try {
        process.kill(-guard.pid, "SIGKILL");
      } catch {
        // already over
      }
    },
  };
}
