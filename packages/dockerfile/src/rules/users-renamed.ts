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
import { runScripts } from "./run.js";
import type { StageState } from "./scope.js";

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
export function flagRenamedNames(ctx: MigrationContext, state: StageState): void {
  const info = state.info;
  if (!info.alpine || info.already || !RENAMES.test(ctx.text)) return;
  const stage = info.stage;
  const now = copy(stage.parent ? leftBy(ctx, stage.parent) : undefined);
  const body = stage.body.filter((ins) => !state.removedRuns.has(ins));
  walk(ctx, body, now, (kind, name, gone, at) => {
    const tool = kind === "user" ? "usermod -l" : "groupmod -n";
    ctx.warn(
      "users",
      at,
      `${tool} on line ${gone.line} renamed ${kind} ${name} to ${gone.to}, so there is no ${kind} ${name} here (on Debian either): write ${gone.to}`,
    );
  });
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

// What each stage leaves renamed, worked out once: a long chain is not walked again per stage.
const left = new WeakMap<Stage, Renamed>();

function leftBy(ctx: MigrationContext, stage: Stage): Renamed {
  const path: Stage[] = [];
  let known: Renamed | undefined;
  for (let s: Stage | undefined = stage; s && !known; s = s.parent) {
    known = left.get(s);
    if (!known) path.push(s);
  }
  let now = known ?? copy(undefined);
  for (let i = path.length - 1; i >= 0; i--) {
    now = copy(now);
    walk(ctx, path[i]!.body, now);
    left.set(path[i]!, now);
  }
  return now;
}

function copy(from: Renamed | undefined): Renamed {
  return { user: new Map(from?.user), group: new Map(from?.group) };
}

type Report = (kind: Kind, name: string, gone: Gone, at: number) => void;

/** Moves `now` through the instructions, reporting each step that names a name renamed away. */
function walk(ctx: MigrationContext, body: Instruction[], now: Renamed, report?: Report): void {
  for (const ins of body) {
    for (const step of steps(ctx, ins)) {
      for (const [kind, names] of [
        ["user", step.names.users],
        ["group", step.names.groups],
      ] as const) {
        for (const name of names) {
          const gone = now[kind].get(name);
          if (gone && report) report(kind, name, gone, step.at);
        }
      }
      const r = step.rename;
      if (r) rename(now[r.kind], r, ctx.line(step.at));
      for (const u of step.made.users) now.user.delete(u);
      for (const g of step.made.groups) now.group.delete(g);
    }
  }
}

function rename(gone: Map<string, Gone>, r: AccountRename, line: number): void {
  gone.delete(r.to);
  // `usermod -l b a`, then `usermod -l c b`: a's new name is c now.
  for (const g of gone.values()) if (g.to === r.from) g.to = r.to;
  gone.set(r.from, { to: r.to, line });
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
  let sources: ReturnType<typeof runScripts>;
  try {
    sources = runScripts(ctx, ins);
  } catch {
    // A RUN that does not parse is flagged by the RUN rules.
    return [];
  }
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
