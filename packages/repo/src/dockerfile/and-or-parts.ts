/*
 * The parts of an and-or list and what follows each (its tail), as AndOrLists reads them: the
 * types it shares with its readers and the rules for how an operator passes a status on.
 */

/**
 * What the rest of an and-or list, read from after one of its parts, ends with, given that part's
 * status: `[ifOk, ifFailed]`, true where the list is known to exit 0.
 */
export type Tail = readonly [ifOk: boolean, ifFailed: boolean];

/** Nothing after it: the list's status is the part's. */
export const END: Tail = [true, false];

/** The tails a list whose own status is read later can end with: each but [false, false]. */
export const TAILS: readonly Tail[] = [
  [true, false],
  [false, true],
  [true, true],
];

export const key = (t: Tail): number => (t[0] ? 1 : 0) + (t[1] ? 2 : 0);

/**
 * The commands a list whose status is read later (a group's last list, an if condition) guards
 * for one tail (`( c; b ) && exit 1 || true` guards b): known when the list ends, used when the
 * list holding its group or if ends; `inner` are such lists in it, each applied once.
 */
export interface IfFailCaught {
  ranges: [from: number, to: number][];
  inner: IfFailCaught[];
  applied?: true;
}

/** Such a list read for each tail (by `key`), and how the tail after its command maps onto it. */
export interface Deferred {
  variants: (IfFailCaught | undefined)[];
  map: (after: Tail) => Tail;
}

/** One part of an and-or list (a command, a pipeline stage or a group), after `op`. */
export interface Part {
  op: string;
  /** Index of its first command. */
  start: number;
  /** Compound commands and `!` seen before it: one inside it makes it not known to succeed. */
  taint: number;
  /** It is a `( … )` (an `exit` in it ends only the subshell) or a `{ …; }`. */
  group?: "(" | "{";
  /** A redirection on its group that may fail (`( … ) >&3`): the group may not run at all. */
  sealed?: true;
  /** `!` before its pipeline: a failure is the pipeline's success. */
  negated?: true;
  deferred?: Deferred[];
  /** A group's lists before its last, by the tail after the group: see passedOver. */
  passedOver?: (IfFailCaught | undefined)[];
  /** An assignment alone in it (`|| X=1`), which is no command found: how it ends. */
  assigned?: "ok" | "ends";
}

/** What opened a nested list: a subshell, a brace group, or a `$(…)` in a word. */
export type Opener = "(" | "{" | "$(";

/**
 * How a command found is known to end: it exits 0, it may fail (its status only), it always
 * fails (`false`: `! false` exits 0), it may end the shell there (`exit 1`, `${x?}`, `>&3`), or it
 * runs in another command's word (`echo $(false)`).
 */
export type CommandStatus = "ok" | "fails" | "no" | "ends" | "word";

/** How a part ends, all its commands read. */
export type Unit = Exclude<CommandStatus, "word" | "no">;

/** For each part, whether the pipeline it is a stage of has a `!` before it. */
export function pipelinesNegated(parts: readonly Part[]): boolean[] {
  let current = false;
  return parts.map((p) => {
    if (p.op !== "|") current = p.negated === true;
    return current;
  });
}

/**
 * The tail read from before `op`, given how the unit after it ends and the tail after that:
 * `|| false || true` exits 0, `|| exit 1 || true` does not (nothing after exit runs).
 */
export function afterOp(op: string, unit: Unit, t: Tail, pipefail: boolean): Tail {
  // A unit that may fail may also succeed (`|| ls && exit 1 || true` exits 1 when ls succeeds).
  const run = unit === "ok" ? t[0] : unit === "fails" && t[0] && t[1];
  // With pipefail a stage's failure is the pipeline's, as before `&&`.
  if (op === "&&" || (op === "|" && pipefail)) return [run, t[1]];
  if (op === "||") return [t[0], run];
  // In a pipeline only the last command's status counts.
  return [run, run];
}

/** A group's lists before its last, read as they end, while no compound or `!` is in the group. */
export interface GroupLists {
  /** Taints when the group opened: one since, and the group's lists are not read so. */
  taints: number;
  /** Each list: what it guards when what follows it goes on either way, and whether it ends well. */
  lists: { caught: IfFailCaught; well: boolean }[];
}

/**
 * What a group's lists before its last guard, by the tail after the group (`well[key]`: whether
 * its last list ends well then), when `set -e` does not stop in it: a failure there is passed
 * over, so it is caught when all after it in the group ends well (`( b; echo x ) || exit 1`
 * goes on past b; `( b; false ) || exit 1` does not).
 */
export function passedOver(g: GroupLists, well: readonly boolean[]): (IfFailCaught | undefined)[] {
  if (g.lists.length === 0) return [];
  const out: (IfFailCaught | undefined)[] = [];
  for (const t of TAILS) {
    const inner: IfFailCaught[] = [];
    let on = well[key(t)] === true;
    for (let i = g.lists.length - 1; i >= 0 && on; i--) {
      inner.push(g.lists[i]!.caught);
      on = g.lists[i]!.well;
    }
    out[key(t)] = { ranges: [], inner };
  }
  return out;
}
