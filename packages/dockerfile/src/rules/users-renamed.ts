import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import { simpleCommands } from "../shell/script.js";
import type { Stage } from "../stages.js";
import {
  type AccountNames,
  type AccountRename,
  accountRename,
  createdAccounts,
  namedAccounts,
} from "./account-names.js";
import { scriptsUnlessReportedByRun } from "./run-scripts.js";
import type { StageState } from "./scope.js";
import type { StageInfo } from "./stage-info.js";

type Kind = "user" | "group";

/** A name a rename took away: what it became, and the line of the usermod/groupmod. */
interface Gone {
  to: string;
  line: number;
}

/** The names renamed away (and not made again) at one point of a stage chain, per kind. */
type Renamed = Record<Kind, Map<string, Gone>>;

/** One account step of an instruction, at its file offset, in the order they run. */
interface Step {
  at: number;
  names: AccountNames;
  rename: AccountRename | undefined;
  made: AccountNames;
}

const RENAMES = /\b(?:usermod|groupmod)\b/;

/**
 * Rule `users`: shadow's `usermod -l NEW OLD` and `groupmod -n NEW OLD` (kept, with shadow) leave
 * no account OLD, so a later step of the stage (or a stage built FROM it) that still names OLD
 * (`chown OLD`, `USER OLD`, `COPY --chown=OLD`, `su OLD`, `addgroup OLD grp`…) fails, on Debian
 * as well: warned at, with the new name. An account made again under OLD is OLD again.
 */
export function flagRenamedNames(
  ctx: MigrationContext,
  state: StageState,
  all: readonly StageInfo[],
): void {
  const info = state.info;
  if (!info.alpine || info.already || !renamesAny(ctx)) return;
  let byStage = found.get(ctx);
  if (!byStage) {
    byStage = walkStages(
      ctx,
      all.map((i) => i.stage),
    );
    found.set(ctx, byStage);
  }
  for (const use of byStage.get(info.stage) ?? []) {
    if (state.removedRuns.has(use.ins)) continue;
    const tool = use.kind === "user" ? "usermod -l" : "groupmod -n";
    ctx.warn(
      "users",
      use.at,
      `${tool} on line ${use.line} renamed ${use.kind} ${use.name} to ${use.to}, so there is no ${use.kind} ${use.name} here (on Debian either): write ${use.to}`,
    );
  }
}

// Whether the file names usermod or groupmod at all, read once per file (not once per stage).
const named = new WeakMap<MigrationContext, boolean>();

function renamesAny(ctx: MigrationContext): boolean {
  let found = named.get(ctx);
  if (found === undefined) {
    found = RENAMES.test(ctx.text);
    named.set(ctx, found);
  }
  return found;
}

/** A RUN of the stage gives some account of `kind` the name `name` by a rename. */
export function renamesTo(ctx: MigrationContext, stage: Stage, kind: Kind, name: string): boolean {
  return stage.body.some((ins) =>
    renameSteps(ctx, ins).some((s) => s.rename?.kind === kind && s.rename.to === name),
  );
}

/** The instruction renames the account of `kind` named `name` (`usermod -l web www-data`). */
export function renamesFrom(
  ctx: MigrationContext,
  ins: Instruction,
  kind: Kind,
  name: string,
): boolean {
  return renameSteps(ctx, ins).some((s) => s.rename?.kind === kind && s.rename.from === name);
}

/** The steps of a RUN that names usermod or groupmod; none for any other instruction. */
function renameSteps(ctx: MigrationContext, ins: Instruction): Step[] {
  if (ins.keyword !== "RUN" || !RENAMES.test(ctx.text.slice(ins.start, ins.end))) return [];
  return steps(ctx, ins);
}

/** A step that names an account by a name a rename took away. */
interface RenamedUse {
  ins: Instruction;
  at: number;
  kind: Kind;
  name: string;
  /** The name the account has now, and the line that renamed it. */
  to: string;
  line: number;
}

// The uses of renamed-away names, per stage, found once per file for all its stages.
const found = new WeakMap<MigrationContext, Map<Stage, RenamedUse[]>>();

/** One change to the renamed names, with what was there before it (to take it back). */
interface Undo {
  kind: Kind;
  name: string;
  was: Gone | undefined;
}

/**
 * Every stage's uses of renamed-away names. Depth first over the `FROM earlier` tree with one
 * state and an undo log: each stage starts from what its parent left, and no stage copies the
 * state (a long chain that renames in every stage stays linear).
 */
function walkStages(ctx: MigrationContext, stages: Stage[]): Map<Stage, RenamedUse[]> {
  const known = new Set(stages);
  const children = new Map<Stage | undefined, Stage[]>();
  for (const s of stages) {
    const parent = s.parent && known.has(s.parent) ? s.parent : undefined;
    const list = children.get(parent);
    if (list) list.push(s);
    else children.set(parent, [s]);
  }
  const now: Renamed = { user: new Map(), group: new Map() };
  const out = new Map<Stage, RenamedUse[]>();
  const todo: (Stage | Undo[])[] = (children.get(undefined) ?? []).slice().reverse();
  for (let top = todo.pop(); top !== undefined; top = todo.pop()) {
    if (Array.isArray(top)) {
      for (const u of top.reverse()) set(now, u.kind, u.name, u.was);
      continue;
    }
    const log: Undo[] = [];
    out.set(top, walk(ctx, top.body, now, log));
    todo.push(log);
    const next = children.get(top) ?? [];
    for (let k = next.length - 1; k >= 0; k--) todo.push(next[k]!);
  }
  return out;
}

function set(now: Renamed, kind: Kind, name: string, gone: Gone | undefined, log?: Undo[]): void {
  log?.push({ kind, name, was: now[kind].get(name) });
  if (gone) now[kind].set(name, gone);
  else now[kind].delete(name);
}

/** Moves `now` through the instructions: the steps that name a name renamed away. */
function walk(ctx: MigrationContext, body: Instruction[], now: Renamed, log: Undo[]): RenamedUse[] {
  const out: RenamedUse[] = [];
  for (const ins of body) {
    for (const step of steps(ctx, ins)) {
      for (const [kind, names] of [
        ["user", step.names.users],
        ["group", step.names.groups],
      ] as const) {
        for (const name of names) {
          const gone = now[kind].get(name);
          if (gone)
            out.push({
              ins,
              at: step.at,
              kind,
              name,
              to: current(now[kind], gone),
              line: gone.line,
            });
        }
      }
      const r = step.rename;
      if (r) {
        set(now, r.kind, r.to, undefined, log);
        set(now, r.kind, r.from, { to: r.to, line: ctx.line(step.at) }, log);
      }
      for (const u of step.made.users) set(now, "user", u, undefined, log);
      for (const g of step.made.groups) set(now, "group", g, undefined, log);
    }
  }
  return out;
}

/** The name the account has now: `usermod -l b a`, then `usermod -l c b` leave a as c. */
function current(gone: Map<string, Gone>, first: Gone): string {
  let to = first.to;
  // A rename to a name deletes it from the map, so the names form no cycle; bounded all the same.
  for (let k = 0; k < 100; k++) {
    const next = gone.get(to);
    if (next === undefined) break;
    to = next.to;
  }
  return to;
}

const stepsOf = new WeakMap<Instruction, Step[]>();

/** The account steps of one instruction: RUN commands, `USER` and `COPY`/`ADD --chown`. */
function steps(ctx: MigrationContext, ins: Instruction): Step[] {
  let out = stepsOf.get(ins);
  if (out) return out;
  out = [];
  if (ins.keyword === "USER" || ins.keyword === "COPY" || ins.keyword === "ADD") {
    const text = ins.args.text;
    const spec =
      ins.keyword === "USER" ? text.trim().split(/\s+/)[0] : splitFlags(text).flags.get("chown");
    if (spec) out.push(step(ins.start, "chown", [spec]));
  } else if (ins.keyword === "RUN" && ins.form !== "exec") out = runSteps(ctx, ins);
  stepsOf.set(ins, out);
  return out;
}

function runSteps(ctx: MigrationContext, ins: Instruction): Step[] {
  const sources = scriptsUnlessReportedByRun(ctx, ins);
  if (!sources) return [];
  const out: Step[] = [];
  for (const src of sources) {
    for (const cmd of simpleCommands(src.script)) {
      const words = cmd.args.map((w) => w.value ?? w.raw);
      const tool = words[0]?.replace(/^.*\//, "");
      if (tool === undefined) continue;
      out.push(step(src.span(cmd.start, cmd.end)[0], tool, words.slice(1)));
    }
  }
  return out.filter(
    (s) => s.rename || [s.names, s.made].some((n) => n.users.length + n.groups.length > 0),
  );
}

function step(at: number, tool: string, args: string[]): Step {
  return {
    at,
    names: namedAccounts(tool, args),
    rename: accountRename(tool, args),
    made: createdAccounts(tool, args),
  };
}
