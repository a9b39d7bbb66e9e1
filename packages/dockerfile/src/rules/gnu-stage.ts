import { missingAppletSource } from "@alpinize/busybox";
import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import { sameSpan, spansAround } from "../shell/conditional-spans.js";
import { type Script, type SimpleCommand, simpleCommands } from "../shell/script.js";
import type { ShellSource } from "../shell/source.js";
import type { Word } from "../shell/tokens.js";
import { dropsWgetDisplayOptions } from "./build-only.js";
import { displayOnlyWords } from "./busybox.js";
import { shellCommands } from "./context-files.js";
import { callsOf, substitutions } from "./gnu-calls.js";
import { type AppletCall, appletReason, providedOtherwise } from "./gnu-provided.js";
import type { BusyboxRewrite } from "./gnu-rewrite.js";
import { type GnuNeed, gnuNeedOf } from "./gnu-tools.js";
import { followsWithin } from "./in-order.js";
import { addPackage } from "./place.js";
import { runSources } from "./run-sources.js";
import type { StageState } from "./scope.js";

/**
 * Rule `busybox`: a RUN that calls a GNU tool in a way busybox cannot (an option the applet
 * rejects, a command it has no applet for, or a tar extraction whose directory mtimes are read
 * afterwards) gets the GNU package: in an `apk add` of the same RUN before the call, else in the
 * stage's first lasting `apk add` before it, else in the `apk add` the stage starts with
 * (`preamble`); see `addPackage`.
 */
export function addGnuTools(ctx: MigrationContext, state: StageState): void {
  // A stage on Alpine before migration already runs its calls on busybox, as its authors chose.
  if (state.info.already) return;
  for (const { ins, sources } of runSources(ctx, state.info.stage.body, { exec: true })) {
    // An exec-form RUN's `bash -c` string is not rewritten (no wget rule, no respelling).
    const exec = ins.form === "exec";
    for (const src of sources) {
      const commands = simpleCommands(src.script);
      const needs: { need: GnuNeed & { rewrite?: BusyboxRewrite[] }; cmd: SimpleCommand }[] = [];
      for (const c of commands) {
        for (const call of callsOf(c)) {
          const need = gnuNeedOf(call, exec ? new Set() : wgetHandled(state, c, call));
          if (need) needs.push({ need, cmd: call });
        }
        // Calls inside `$( … )`: their words have no place in this script, so no respelling.
        for (const inner of substitutions([...c.assignments, ...c.args])) {
          for (const ic of inner.flatMap(callsOf)) {
            const need = gnuNeedOf(ic);
            if (need) needs.push({ need: withoutRewrite(need), cmd: c });
          }
        }
      }
      const mtime = tarMtimeNeed(commands);
      if (mtime) needs.push(mtime);
      // Per script: a package placed in a virtual build-deps serves this RUN only.
      const done = new Set<string>();
      for (const { need, cmd } of needs) {
        const [cs, ce] = src.span(cmd.start, cmd.end);
        const cover = coverage(ctx, cs, ce);
        // Another rule removed or replaced the call (`rm -rf /var/lib/apt/lists/*`).
        if (cover === "gone") continue;
        if ("rewrite" in need && need.rewrite && cover === "none" && !exec) {
          respell(ctx, src, cmd, need.rewrite, need.why);
          continue;
        }
        // Whether an install elsewhere in the stage serves the call (one after it does not) is
        // for addPackage to say.
        if (done.has(need.pkg)) continue;
        if (installedBefore(src.script, commands, need.pkg, cmd.start)) continue;
        const offset = src.span(cmd.start, cmd.start)[0];
        const removed = removals(src, commands);
        if (
          need.applet &&
          providedOtherwise(ctx, state, need.applet, { offset, ins, removals: removed })
        )
          continue;
        done.add(need.pkg);
        place(ctx, state, ins, need, offset, removed);
      }
    }
  }
  if (state.ships) scriptNeeds(ctx, state);
}

/**
 * The words of a direct wget call in a RUN that the wget rule drops (run.ts: only calls named
 * wget, not behind sudo or inside `$( … )`): they are no reason for GNU wget.
 */
function wgetHandled(state: StageState, c: SimpleCommand, call: SimpleCommand): Set<Word> {
  if (call !== c || c.name?.replace(/^.*\//, "") !== "wget") return new Set();
  return dropsWgetDisplayOptions(state) ? new Set(displayOnlyWords(c)) : new Set();
}

/** COPYed shell scripts (entrypoints) run in the image: their GNU tools must be in it for good. */
function scriptNeeds(ctx: MigrationContext, state: StageState): void {
  for (const f of state.copied) {
    const commands = shellCommands(f);
    if (!commands) continue;
    const calls = commands.flatMap((c) => [
      ...callsOf(c),
      ...substitutions([...c.assignments, ...c.args])
        .flat()
        .flatMap(callsOf),
    ]);
    for (const c of calls) {
      const need = gnuNeedOf(c);
      if (!need || state.lasting.has(need.pkg)) continue;
      const call: AppletCall = { offset: f.instruction.end };
      if (need.applet && providedOtherwise(ctx, state, need.applet, call)) continue;
      place(
        ctx,
        state,
        f.instruction,
        { ...need, why: `${f.source}: ${need.why}` },
        f.instruction.end,
        [],
        true,
      );
    }
  }
}

function place(
  ctx: MigrationContext,
  state: StageState,
  ins: Instruction,
  need: GnuNeed,
  offset: number,
  removed: readonly number[] = [],
  runtime = false,
): void {
  addPackage(ctx, state, {
    pkg: need.pkg,
    offset,
    removals: removed,
    after: runtime ? undefined : ins,
    rule: "busybox",
    warning: `${need.why}: added ${need.pkg}`,
    reason: need.applet
      ? appletReason(need.applet, need.pkg)
      : `Debian always has GNU ${need.pkg}; on Alpine the busybox applet stands in, and ${need.why}`,
    ...(need.applet ? { debian: missingAppletSource(need.applet)?.debian ?? need.pkg } : {}),
  });
}

/** A need found inside `$( … )`: its words have no place in the script, so no respelling. */
function withoutRewrite(need: GnuNeed & { rewrite?: BusyboxRewrite[] }): GnuNeed {
  const { rewrite: _, ...rest } = need;
  return rest;
}

/** Whether edits already made touch `[start, end)`: not at all, in part, or all of it. */
function coverage(ctx: MigrationContext, start: number, end: number): "none" | "part" | "gone" {
  let touched = false;
  for (const e of ctx.edits) {
    if (e.start <= start && e.end >= end && e.end > e.start) return "gone";
    if (e.start < end && (e.end > start || (e.start === e.end && e.start > start))) touched = true;
  }
  return touched ? "part" : "none";
}

/** Writes the busybox spelling of a call's options (`--check` → `-c`) instead of adding GNU. */
function respell(
  ctx: MigrationContext,
  src: ShellSource,
  cmd: SimpleCommand,
  rewrite: readonly BusyboxRewrite[],
  why: string,
): void {
  for (const { word, text } of rewrite) {
    const k = cmd.args.indexOf(word);
    // A dropped option takes the blank before it along.
    const from = text === "" && k > 0 ? cmd.args[k - 1]!.end : word.start;
    const [s, e] = src.span(from, word.end);
    ctx.edit("busybox", s, e, text);
  }
  ctx.warn(
    "busybox",
    src.span(cmd.start, cmd.start)[0],
    `${why}: rewritten with the busybox options of the same meaning`,
  );
}

const REMOVE = /^(?:purge|remove|autoremove|del)$/;

/** File offsets of the commands that remove packages in a script. */
export function removals(src: ShellSource, commands: SimpleCommand[]): number[] {
  return commands
    .filter(
      (c) =>
        /^(?:apt-get|apt|aptitude|apk)$/.test(c.name?.replace(/^.*\//, "") ?? "") &&
        REMOVE.test(c.args[1]?.value ?? ""),
    )
    .map((c) => src.span(c.start, c.start)[0]);
}

const INSTALLERS = new Set(["apk", "apt-get", "apt", "aptitude"]);

/**
 * An install of the package earlier in the same script (GNU names match on both systems) that
 * runs whenever the call does: one in a stretch the call is outside of may not run (`command -v
 * grep || apt-get install grep` never runs on Alpine, busybox's grep being found).
 */
function installedBefore(
  script: Script,
  commands: SimpleCommand[],
  pkg: string,
  before: number,
): boolean {
  const around = spansAround(script, before);
  return commands.some(
    (c) =>
      c.start < before &&
      INSTALLERS.has(c.name?.replace(/^.*\//, "") ?? "") &&
      c.args.some((a) => a.value === pkg) &&
      spansAround(script, c.start).every((s) => around.some((a) => sameSpan(a, s))),
  );
}

/**
 * tar's extract mode: `--extract`, `--get`, or a letter cluster with x (`xzf`, `-xzf`). Read as
 * "letters, an x among them": `[a-zA-Z]*x[a-zA-Z]*$` backtracks through every x of a long word.
 */
export function tarExtract(word: string): boolean {
  return (
    word === "--extract" || word === "--get" || (/^-?[a-zA-Z]*$/.test(word) && word.includes("x"))
  );
}

/**
 * busybox tar does not restore the mtime of the directories it extracts (files, yes). A RUN that
 * extracts with tar and then reads mtimes back (stat %Y/%y, find -newer, touch -r, date -r: the
 * usual SOURCE_DATE_EPOCH steps of reproducible builds) needs GNU tar.
 */
function tarMtimeNeed(
  commands: SimpleCommand[],
): { need: GnuNeed; cmd: SimpleCommand } | undefined {
  const k = commands.findIndex(
    (c) =>
      c.name?.replace(/^.*\//, "") === "tar" &&
      c.args
        .slice(1)
        .some((a, i) => tarExtract(a.value ?? "") && (i === 0 || a.value!.startsWith("-"))),
  );
  if (k < 0) return undefined;
  const reads = commands
    .slice(k + 1)
    .map(readsMtime)
    .find((r) => r !== undefined);
  if (!reads) return undefined;
  return {
    cmd: commands[k]!,
    need: {
      pkg: "tar",
      why: `busybox tar does not restore directory mtimes, which ${reads} reads after the extraction`,
    },
  };
}

/** `$(stat -c '%Y' dir)` inside an assignment or argument. */
const statMtime = (text: string) => followsWithin(text, /\bstat\s/, /%[Yy]/, /\)/);

function readsMtime(c: SimpleCommand): string | undefined {
  if ([...c.assignments, ...c.args].some((w) => statMtime(w.raw))) return "stat";
  const name = c.name?.replace(/^.*\//, "");
  const words = c.args.slice(1).map((a) => a.value ?? a.raw);
  const reads =
    (name === "stat" && words.some((w) => /%[Yy]/.test(w))) ||
    (name === "find" && words.some((w) => /^-newer/.test(w))) ||
    ((name === "touch" || name === "date") &&
      words.some((w) => w === "-r" || w.startsWith("--reference")));
  return reads ? name : undefined;
}
