import type { ChildProcess, SpawnSyncReturns } from "node:child_process";

/**
 * How long a test waits for a child before it kills it. A child that waits forever (on a FIFO
 * nobody opens, on input that never ends) would otherwise hold the whole run until CI's job limit.
 */
export const CHILD_LIMIT_MS = 30_000;

/**
 * Options for spawnSync/execFileSync that kill a child still running after `ms`. A sync call
 * blocks the event loop, so vitest's own timeout cannot fire while it waits: this is the bound.
 */
export function bounded(ms = CHILD_LIMIT_MS): { timeout: number; killSignal: "SIGKILL" } {
  return { timeout: ms, killSignal: "SIGKILL" };
}

/**
 * Returns `r`, or throws when spawnSync killed the child at its bound, so the test fails saying
 * which child hung instead of on an assertion about its empty output.
 */
export function finished<T extends SpawnSyncReturns<string | Buffer>>(r: T, what: string): T {
  const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ETIMEDOUT") {
    throw new Error(`${what} was still running at its time limit and was killed: it hangs`);
  }
  return r;
}

export interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Resolves when `child` has exited and closed its output. After `ms` it kills the child and
 * rejects with an error naming `what`.
 */
export function closeOf(child: ChildProcess, what: string, ms = CHILD_LIMIT_MS): Promise<ChildEnd> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${what} did not finish within ${ms} ms and was killed: it hangs`));
    }, ms);
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}
