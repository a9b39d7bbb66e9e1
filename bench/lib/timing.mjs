// Timing shared by the benchmarks: a clock, JIT warm-up, and runs taken in turns so that a burst
// of other work on the machine weighs on every side of a ratio alike. The least time of several
// runs is the least disturbed one; the median is used where a script reports a typical run.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** A clock reading, for `since`. */
export const now = () => process.hrtime.bigint();

/** Milliseconds since a `now()` reading. */
export const since = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** The middle value (the upper one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let gc;
/** A full collection, so that a timed run does not pay for the garbage of the one before it. */
export function collectGarbage() {
  if (!gc) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc");
  }
  gc();
}

/** Runs `fn` a few times untimed, so that the first measured size is not charged for the JIT. */
export async function warmUp(fn, times = 3) {
  for (let i = 0; i < times; i++) await fn();
}

/**
 * Times each of `fns` in turns, round after round, after one untimed run of each (warm-up).
 * - rounds: at least this many rounds;
 * - budgetMs, maxRounds: more rounds while all the runs so far took less than budgetMs in all,
 *   up to maxRounds;
 * - gc: a full collection before each timed run;
 * - batchMs: a run of a fast function repeats it until it lasts about this long (guessed from
 *   the warm-up, at most 1000 calls), so that sub-millisecond work is timed above the clock's
 *   noise; its time is per call.
 * Returns, for each function, its least and median time in ms and every sample.
 */
export async function timeInTurns(fns, options = {}) {
  const { rounds = 5, budgetMs = 0, maxRounds = rounds, gc = false, batchMs = 0 } = options;
  const calls = [];
  for (const fn of fns) {
    const start = now();
    await fn();
    const guess = since(start);
    calls.push(
      batchMs > 0 ? Math.min(1000, Math.max(1, Math.ceil(batchMs / Math.max(guess, 0.005)))) : 1,
    );
  }
  const samples = fns.map(() => []);
  let spent = 0;
  for (let r = 0; r < rounds || (spent < budgetMs && r < maxRounds); r++) {
    for (const [i, fn] of fns.entries()) {
      if (gc) collectGarbage();
      const start = now();
      for (let c = 0; c < calls[i]; c++) await fn();
      const ms = since(start);
      samples[i].push(ms / calls[i]);
      spent += ms;
    }
  }
  return samples.map((xs) => ({ best: Math.min(...xs), median: median(xs), samples: xs }));
}
