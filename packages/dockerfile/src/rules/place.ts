import type { RuleId } from "../edits.js";
import type { MigrationContext } from "../migrate/context.js";
import type { PackageRecordKind } from "../migrate/types.js";
import type { Instruction } from "../parse/types.js";
import type { Stage } from "../stages.js";
import { apkAddWords, failingRuns } from "./apk-adds.js";
import type { StageState } from "./scope.js";

export interface PackageNeed {
  pkg: string;
  /** The Debian package that had it (default: the same name). */
  debian?: string;
  /**
   * The record's kind: `image-provided` (default) when the Debian base image had the package
   * without being asked; `split` when a Debian package the stage installs carried it.
   */
  kind?: PackageRecordKind;
  /** Where the need arises (warning and record line). */
  offset: number;
  /**
   * The RUN that needs it at build time: an `apk add` of that RUN before `offset` is used first.
   * Undefined for a run-time need, which any lasting `apk add` of the stage serves.
   */
  after?: Instruction;
  /** File offsets in that RUN where packages are removed again (`apk del`, `apt-get purge`). */
  removals?: readonly number[];
  rule: RuleId;
  /** The warning to give; undefined when the caller gives one for several packages. */
  warning: string | undefined;
  reason: string;
}

/**
 * Adds a package the Debian image had implicitly, unless the stage has it where it is needed
 * already: to an `apk add` of the same RUN before the call, else to the stage's first lasting (not
 * virtual, not conditional, not in a RUN that fails on Alpine) `apk add` that runs before the call
 * (any, for a run-time need), else to the `apk add` written after FROM.
 */
export function addPackage(ctx: MigrationContext, state: StageState, need: PackageNeed): void {
  const build = need.after;
  const usable = liveApkAdds(ctx, state).filter((a) => !a.nested && (!build || a.at < need.offset));
  // A virtual package deleted before the call is no help to it.
  const removed = (a: { at: number }) =>
    (need.removals ?? []).some((r) => r > a.at && r < need.offset);
  const here = build
    ? usable.filter((a) => a.at >= build.start && !(a.temporary && removed(a)))
    : [];
  const lasting = usable.filter((a) => !a.temporary);
  if (hasPackage(ctx, state, need, [...here, ...lasting])) return;
  // The earliest lasting one also runs before every later call in the stage that needs it.
  const target = here.at(-1) ?? lasting[0];
  if (target) ctx.edit(need.rule, target.at, target.at, ` ${need.pkg}`);
  else state.preamble.push(need.pkg);
  state.alpineInstalled.add(need.pkg);
  if (!target?.temporary) state.lasting.add(need.pkg);
  if (need.warning !== undefined) ctx.warn(need.rule, need.offset, need.warning);
  ctx.packages.push({
    debian: need.debian ?? need.pkg,
    alpine: [need.pkg],
    written: [need.pkg],
    kind: need.kind ?? "image-provided",
    layer: "migrate-rule",
    reason: need.reason,
    line: ctx.line(need.offset),
    tool: "apt",
  });
}

/**
 * Whether the package is there when the need arises: kept by the parent stage, in the `apk add`
 * after FROM, or (for a build-time need) named by one of `serving`, the `apk add` commands that
 * run before the call. An install after the call does not count: the call fails before it.
 */
function hasPackage(
  ctx: MigrationContext,
  state: StageState,
  need: PackageNeed,
  serving: StageState["apkAdds"],
): boolean {
  const parent = state.info.stage.parent;
  if (parent && ctx.lastingByStage.get(parent.index)?.has(need.pkg)) return true;
  if (state.preamble.includes(need.pkg)) return true;
  if (!need.after) return state.lasting.has(need.pkg);
  return serving.some((a) => apkAddWords(ctx, a, state.values).includes(need.pkg));
}

/**
 * The stage's `apk add` commands that are still in the output and will run: one inside a pipeline
 * another rule deleted or replaced whole (`apt-get install x | dpkg-reconfigure x`) can take no
 * more names, and one in a RUN flagged as apt repository setup (`apt-get install docker-ce-cli`
 * after adding Docker's repository) fails with it and is to be deleted with it.
 */
export function liveApkAdds(ctx: MigrationContext, state: StageState): StageState["apkAdds"] {
  const failing = [...failingRuns(ctx, state.info.stage.body)];
  return state.apkAdds.filter(
    (a) =>
      !ctx.edits.some((e) => e.end > e.start && e.start <= a.from && e.end >= a.at) &&
      !failing.some((ins) => a.from >= ins.start && a.from < ins.end),
  );
}

const ROOT = /^(?:root|0)(?::(?:root|0))?$/;

/** The USER in effect at `offset` of a stage (its own USER lines, else its parent stage's). */
function userAt(stage: Stage, offset: number): string | undefined {
  for (let s: Stage | undefined = stage, at = offset; s; at = Infinity, s = s.parent) {
    const user = s.body.filter((ins) => ins.keyword === "USER" && ins.start < at).at(-1);
    if (user) return user.args.text.trim();
  }
  return undefined;
}

/**
 * A `RUN apk add …` line to insert at `offset`: apk needs root, so after a `USER app` the line
 * switches to root and back.
 */
export function apkRunLine(stage: Stage, offset: number, packages: string, eol: string): string {
  return asRoot(stage, offset, `RUN apk add --no-cache ${packages}`, eol);
}

/** A RUN line to insert at `offset`, switched to root and back after a non-root `USER`. */
export function asRoot(stage: Stage, offset: number, run: string, eol: string): string {
  const user = userAt(stage, offset);
  if (user === undefined || ROOT.test(user)) return run;
  const args = inheritedArgs(stage, offset, user);
  return `USER root${eol}${run}${eol}${args.map((a) => `ARG ${a}${eol}`).join("")}USER ${user}`;
}

/**
 * `USER ${UID}` inherited from a parent stage that declared `ARG UID=1000`: ARGs do not cross
 * stages, so writing that USER again here needs the same ARG declarations (ENV values do cross).
 */
function inheritedArgs(stage: Stage, offset: number, user: string): string[] {
  if (!user.includes("$")) return [];
  const own = stage.body.some((ins) => ins.keyword === "USER" && ins.start < offset);
  if (own) return [];
  const names = [...user.matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => m[1]!);
  const out: string[] = [];
  for (const name of new Set(names)) {
    for (let s = stage.parent; s; s = s.parent) {
      const decl = s.body
        .filter((i) => i.keyword === "ARG" || i.keyword === "ENV")
        .findLast((i) => new RegExp(`^${name}(?:=|\\s|$)`).test(i.args.text.trim()));
      if (!decl) continue;
      if (decl.keyword === "ARG") out.push(decl.args.text.trim());
      break;
    }
  }
  return out;
}
