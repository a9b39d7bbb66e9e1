import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import { type Pipeline, type SimpleCommand, simpleCommands } from "../shell/script.js";
import { heredocSource, isHeredocScript, runSource, type ShellSource } from "../shell/source.js";
import { ShellSyntaxError } from "../shell/tokenize.js";
import {
  APT_TOOLS,
  aptStepRemoved,
  collectPurged,
  migrateApt,
  migrateRm,
  XX_APT_TOOLS,
} from "./apt.js";
import { flagRepositories } from "./apt-repos.js";
import { collectGosuArch, migrateArch } from "./arch.js";
import { dropUbuntuUser } from "./base-users.js";
import { displayOnlyWords } from "./busybox.js";
import { echoCall, rewriteDashEcho } from "./dash-echo.js";
import {
  echoesInStrings,
  rewriteExecRunEchoes,
  runSubstitutionEchoes,
  warnEchoesKept,
} from "./dash-echo-strings.js";
import { debianProgramNote } from "./debian-programs.js";
import { warnExecFormRun } from "./exec-form-hint.js";
import { findExecs, unwrapped } from "./gnu-calls.js";
import {
  flagDebianPaths,
  flagGlibc,
  migrateDebconf,
  migrateGosuCall,
  migrateLocales,
} from "./misc.js";
import {
  editsFit,
  type NestedScript,
  nestedScripts,
  scriptWords,
  snapshotStage,
} from "./nested.js";
import { renameDebianCall } from "./renamed-calls.js";
import { substitutionRenames } from "./renamed-substitutions.js";
import { ScriptScope, type StageState } from "./scope.js";
import { startedCommands } from "./started-commands.js";
import { unconvertibleRun } from "./unconvertible.js";
import { migrateUsers, USER_TOOLS } from "./users.js";
import { ownerGroupInRun } from "./users-owner-groups.js";

const SCANELF_RUNDEPS =
  "apk add --no-cache --no-network --virtual .rundeps $(scanelf --needed --nobanner --format '%n#p' --recursive /usr/local | tr ',' '\\n' | sort -u | awk 'system(\"[ -e /usr/local/lib/\" $1 \" ]\") == 0 { next } { print \"so:\" $1 }')";

/** The shell scripts a RUN executes: its command line, or its heredoc bodies for `RUN <<EOF`. */
export function runScripts(ctx: MigrationContext, ins: Instruction): ShellSource[] {
  // Several rules read the same RUN; parse it once per migration.
  const cached = ctx.scripts.get(ins);
  if (cached instanceof Error) throw cached;
  if (cached) return cached;
  try {
    const scripts = readRunScripts(ctx, ins);
    ctx.scripts.set(ins, scripts);
    return scripts;
  } catch (err) {
    if (err instanceof Error) ctx.scripts.set(ins, err);
    throw err;
  }
}

function readRunScripts(ctx: MigrationContext, ins: Instruction): ShellSource[] {
  const { rest } = splitFlags(ins.args.text);
  const command = ins.args.text.slice(rest).trim();
  const escapeChar = ctx.doc.escape;
  if (ins.heredocs.length > 0 && isHeredocScript(command)) {
    return ins.heredocs.map((h) => heredocSource(ctx.text, h, escapeChar));
  }
  return [runSource(ctx.text, ins, rest, escapeChar)];
}

/** Runs every command rule over one RUN; returns true when the RUN has nothing left to do. */
export function migrateRun(ctx: MigrationContext, stage: StageState, ins: Instruction): boolean {
  if (ins.form === "exec") {
    // Its Debian tools stay in the output, where debianToolsLeft finds them.
    warnExecFormRun(ctx, ins);
    rewriteExecRunEchoes(ctx, stage, ins);
    return false;
  }
  let scripts: ShellSource[];
  try {
    scripts = runScripts(ctx, ins);
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    // Only a stage that cannot stay on Debian gets here with one (from.ts keeps the others).
    const left = unconvertibleRun(ctx, ins);
    const fails = left ? `, and its ${left.tool} fails on Alpine: ${left.fix}` : "";
    ctx.warn("apt", ins.start, `RUN could not be read as sh (${err.message}); left as is${fails}`);
    return false;
  }
  let emptied = true;
  for (const src of scripts) {
    const scope = new ScriptScope(ctx, stage, src, ins);
    for (const nested of nestedScripts(src)) migrateNested(scope, nested, 1);
    if (!migrateScript(scope)) emptied = false;
  }
  return emptied;
}

/** Every command rule over one script; true when it has nothing left to do. */
function migrateScript(scope: ScriptScope): boolean {
  const from = scope.ctx.edits.length;
  collectPurged(scope);
  collectGosuArch(scope);
  for (const item of scope.src.script.items) {
    if (item.kind === "pipeline") migratePipeline(scope, item);
  }
  migrateArch(scope);
  dropNestedEditsOfRemoved(scope);
  if (scope.flush()) return true;
  // After the flush: a substitution inside a word another rule rewrote is left whole (warned).
  runSubstitutionEchoes(scope, from);
  substitutionRenames(scope, from, renameCalls);
  return false;
}

/** gpg1 → gpg over one command substitution's commands (the other rules leave those). */
function renameCalls(scope: ScriptScope): void {
  for (const item of scope.src.script.items) {
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) renameDebianCall(scope, unwrap(scope, cmd));
  }
}

/**
 * A pipeline this script deletes or replaces whole (`sh -c "…" | apt-mark manual x`) takes its
 * strings with it: their own edits would overlap, so they go.
 */
function dropNestedEditsOfRemoved(scope: ScriptScope): void {
  const gone = scope.nestedEdits
    .filter((n) => scope.deleted.has(n.pipeline) || scope.replacedPipelines.has(n.pipeline))
    .sort((a, b) => b.from - a.from);
  for (const n of gone) {
    scope.ctx.edits.splice(n.from, n.to - n.from);
    // A string left with nothing to do took nothing else with it.
    if (n.emptied) continue;
    scope.warn(
      "apt",
      n.pipeline.start,
      "this pipeline is removed as a whole, and the sh -c string in it with it: if that string did other work, give that work a line of its own",
    );
  }
}

/**
 * `bash -c 'apt-get …'`: the string is converted like a RUN of its own. When an edit would need a
 * character the string cannot hold (a quote), everything it changed is put back and the outer
 * command is flagged instead.
 */
function migrateNested(outer: ScriptScope, nested: NestedScript, depth: number): void {
  const { ctx, stage } = outer;
  const restoreCtx = ctx.checkpoint();
  const snapshot = snapshotStage(stage);
  const mark = ctx.edits.length;
  let emptied: boolean;
  try {
    const scope = new ScriptScope(
      ctx,
      stage,
      nested.src,
      outer.instruction,
      [...outer.quotes, nested.quote],
      nested.shell,
    );
    if (depth < 3) {
      for (const inner of nestedScripts(nested.src)) migrateNested(scope, inner, depth + 1);
    }
    emptied = migrateScript(scope);
  } catch (error) {
    // The stage's undo log stays open while a snapshot is: a throw must not leave it logging.
    snapshot.keep();
    throw error;
  }
  if (!editsFit(ctx, mark, nested)) {
    restoreCtx();
    snapshot.restore();
    warnEchoesKept(outer, nested);
    return;
  }
  snapshot.keep();
  outer.convertedStrings.add(nested.word);
  if (emptied && nested.alone) outer.deletePipeline(nested.pipeline, "apt");
  else if (emptied) ctx.edit("apt", ...nested.src.span(0, nested.src.script.text.length), "true");
  outer.nestedEdits.push({ pipeline: nested.pipeline, from: mark, to: ctx.edits.length, emptied });
}

function migratePipeline(scope: ScriptScope, pipeline: Pipeline): void {
  // A `sh -c` string is another script (converted on its own, or flagged): its apt-mark is not ours.
  const raw = pipeline.commands
    .flatMap((c) => {
      const scripts = scriptWords(c);
      return [...c.assignments, ...c.args].filter((w) => !scripts.includes(w));
    })
    .map((w) => w.raw);
  if (isAptMarkStep(pipeline) && buildDepsBookkeeping(scope, pipeline, raw)) return;
  if (flagRepositories(scope, pipeline)) {
    // Left for a hand edit (`gpg1 --export … > /usr/share/keyrings/x.gpg`), yet a call in it
    // gets Alpine's name as anywhere else, so check and migrate --check agree on it.
    for (const cmd of pipeline.commands) renameDebianCall(scope, unwrap(scope, cmd));
    return;
  }
  flagDebianPaths(scope, pipeline);
  flagGlibc(scope, pipeline);
  for (const cmd of pipeline.commands) {
    if (cmd.args.length === 0) {
      recordAssignments(scope, pipeline, cmd);
      continue;
    }
    migrateCommand(scope, pipeline, cmd);
  }
}

/** A variable the docker-library pattern keeps apt-mark's list in (`savedAptMark`). */
const APT_MARK_VAR = /\$\{?\w*[Aa]pt_?[Mm]ark\w*\}?/;

/**
 * Whether a pipeline is apt-mark bookkeeping: apt-mark runs (itself, or from xargs), its list is
 * saved (`savedAptMark="$(apt-mark showmanual)"`) or tested (`[ -z "$savedAptMark" ]`). A word
 * that merely mentions apt-mark (an echo, a grep pattern, a file name) is not.
 */
function isAptMarkStep(pipeline: Pipeline): boolean {
  return pipeline.commands.some((c) => {
    const name = c.name?.replace(/^.*\//, "") ?? "";
    if (name === "apt-mark") return true;
    if (name === "xargs")
      return c.args.some((a) => /^(?:.*\/)?(?:apt-mark|dpkg-query)$/.test(a.value ?? ""));
    if (c.args.length === 0) {
      return c.assignments.some((a) => aptMarkName(a.raw) || /\$\(\s*apt-mark\b/.test(a.raw));
    }
    if (name === "[" || name === "test") return c.args.some((a) => APT_MARK_VAR.test(a.raw));
    return false;
  });
}

/**
 * The Debian tool a command runs, as a view whose edits land on the parsed command: the command
 * behind a wrapper (`sudo -u root apt-get`, `env X=1 apt-get`), or itself without its path.
 */
function unwrap(scope: ScriptScope, cmd: SimpleCommand): SimpleCommand {
  const inner = unwrapped(cmd);
  const name = cmd.args[0]?.value?.replace(/^.*\//, "");
  const view = inner ?? (name !== cmd.name ? { ...cmd, name } : undefined);
  if (!view) return cmd;
  scope.views.set(view, cmd);
  return view;
}

/** Debian tools named inside strings and substitutions, which no rule rewrites. */
const HIDDEN_DEBIAN =
  /(?:^|[\s;&|(`'"])(apt-get|aptitude|apt|dpkg(?! --print-architecture)|groupadd|useradd|usermod)(?=[\s;&|)`'"]|$)/;
const RUNS_STRINGS = new Set([
  "sh",
  "bash",
  "ash",
  "dash",
  "eval",
  "su",
  "xargs",
  "chroot",
  "runuser",
  // `echo | { apt-get …; }`: after a pipe the group is read as a command named `{`.
  "{",
]);

function flagHidden(scope: ScriptScope, cmd: SimpleCommand): void {
  const name = cmd.name?.replace(/^.*\//, "") ?? "";
  const words = [...cmd.assignments, ...cmd.args.slice(1)].filter(
    (w) => !scope.convertedStrings.has(w) && (RUNS_STRINGS.has(name) || /\$\(|`/.test(w.raw)),
  );
  const hit = words.find((w) => HIDDEN_DEBIAN.test(w.raw));
  if (!hit) return;
  const tool = HIDDEN_DEBIAN.exec(hit.raw)![1];
  scope.warn(
    "apt",
    hit.start,
    `${tool} inside ${RUNS_STRINGS.has(name) ? name : "a command substitution"} is not converted: rewrite it for Alpine by hand`,
  );
}

function flagDebianNames(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): void {
  const name = cmd.name?.replace(/^.*\//, "") ?? "";
  const note = debianProgramNote(name, scope.ctx.release);
  // `runuser -c "apt-get update"` goes whole with the apt step: no note then.
  if (note) scope.warnIfKept(pipeline, "apt", cmd.start, note);
}

function migrateCommand(scope: ScriptScope, pipeline: Pipeline, parsed: SimpleCommand): void {
  if (dropUbuntuUser(scope, pipeline, parsed)) return;
  flagHidden(scope, parsed);
  echoesInStrings(scope, pipeline, parsed);
  const cmd = unwrap(scope, parsed);
  // gpg1 becomes gpg: Alpine's name, so no note about Debian's.
  if (!renameDebianCall(scope, cmd)) flagDebianNames(scope, pipeline, parsed);
  const name = cmd.name ?? "";
  // `xargs apt-get install -y < list`: the names come in at run time; flagged (flagHidden), kept.
  const fromXargs = cmd !== parsed && parsed.name?.replace(/^.*\//, "") === "xargs";
  if ((APT_TOOLS.has(name) || XX_APT_TOOLS.has(name)) && fromXargs) return;
  if (APT_TOOLS.has(name) || XX_APT_TOOLS.has(name)) migrateApt(scope, pipeline, cmd);
  else if (name === "apt-cache" || name === "apt-key" || name === "apt-config") {
    scope.warn(
      "apt",
      cmd.start,
      `${name} has no place on Alpine (apk search/info/policy answer such queries); left as is: rewrite or delete it`,
    );
  } else if (name === "rm") migrateRm(scope, pipeline, cmd);
  else if (USER_TOOLS.has(name)) migrateUsers(scope, pipeline, cmd);
  else if (name === "chown" || name === "chgrp")
    ownerGroupInRun(scope, pipeline, cmd, cmd !== parsed);
  else if (name === "find") {
    // busybox find exits 0 when the chgrp it runs fails: the group would silently stay unset.
    for (const c of findExecs(cmd))
      if (c.name === "chown" || c.name === "chgrp") ownerGroupInRun(scope, pipeline, c, false);
  } else if (name === "export" && cmd.args.slice(1).every((a) => /^DEBIAN_FRONTEND=/.test(a.raw))) {
    scope.deletePipeline(pipeline, "debian-frontend");
  } else if (
    name.replace(/^.*\//, "") === "wget" &&
    scope.stage.wget.kind === "busybox" &&
    !scope.stage.info.already &&
    // GNU wget kept (installed for good) takes them as they are.
    !scope.stage.alpineInstalled.has("wget")
  ) {
    for (const w of displayOnlyWords(cmd)) scope.deleteWord(cmd, w, "busybox");
  } else if (migrateLocales(scope, pipeline, cmd) || migrateDebconf(scope, pipeline, cmd)) {
    // handled
  } else if (echoCall(parsed)) rewriteDashEcho(scope, pipeline, parsed);
  else migrateGosuCall(scope, cmd);
}

function recordAssignments(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): void {
  flagHidden(scope, cmd);
  for (const a of cmd.assignments) {
    const name = a.raw.slice(0, a.raw.indexOf("="));
    scope.variables.set(name, a);
  }
  if (cmd.assignments.length > 0 && cmd.assignments.every((a) => /^DEBIAN_FRONTEND=/.test(a.raw))) {
    scope.deletePipeline(pipeline, "debian-frontend");
  }
}

/**
 * The docker-library pattern: `savedAptMark="$(apt-mark showmanual)"` … `apt-mark auto/manual`
 * … `apt-get purge --auto-remove`. Installs after it go into a virtual package; the ldd/dpkg-query
 * scan that keeps runtime libraries becomes the scanelf equivalent.
 */
function buildDepsBookkeeping(scope: ScriptScope, pipeline: Pipeline, raw: string[]): boolean {
  const hold = raw.findIndex((w) => w === "hold" || w === "unhold");
  if (raw.some((w) => w.includes("showmanual"))) scope.buildDeps = true;
  if (raw.some((w) => /^(?:ldd|dpkg-query)$/.test(w) || w === "--search")) {
    if (scope.replacePipeline(pipeline, SCANELF_RUNDEPS, "apt")) {
      scope.stage.runtimeScanAt ??= scope.fileOffset(pipeline.start);
    }
    return true;
  }
  // `apt-get install -y x | apt-mark manual x`: deleting the pipeline would lose the install.
  // An `apt-get update` beside it is removed anyway, so that pipeline goes whole.
  const installs = (c: SimpleCommand) => {
    const name = c.name?.replace(/^.*\//, "") ?? "";
    if (name === "apk" || name === "xx-apk") return true;
    return APT_TOOLS.has(name) && !aptStepRemoved(c);
  };
  if (pipeline.commands.some(installs)) {
    scope.warn(
      "apt",
      pipeline.start,
      "apt-mark is piped together with an apt install here: left as is; give apt-mark a line of its own (alpinize removes it there)",
    );
    return false;
  }
  if (scope.deletePipeline(pipeline, "apt") && hold > 0 && raw[hold - 1] === "apt-mark") {
    scope.warn(
      "apt",
      pipeline.start,
      `apt-mark ${raw[hold]} removed: apk has no holds; pin a version in the install instead (apk add 'curl=8.5.0-r0') or in /etc/apk/world`,
    );
  }
  return true;
}

/** Command names a stage's RUN lines use, as context for the package map. */
export function stageCommands(ctx: MigrationContext, body: Instruction[]): Set<string> {
  const names = new Set<string>();
  for (const ins of body) {
    // What the container starts needs its package as much as what the build runs (xvfb-run).
    if (ins.keyword === "CMD" || ins.keyword === "ENTRYPOINT") {
      for (const name of startedCommands(ins)) names.add(name);
      continue;
    }
    if (ins.keyword !== "RUN" || ins.form === "exec") continue;
    try {
      for (const src of runScripts(ctx, ins)) {
        for (const c of simpleCommands(src.script)) {
          if (c.name) names.add(c.name.replace(/^.*\//, ""));
          if (c.name === "xargs" || c.name === "command" || c.name === "exec") {
            const inner = c.args.slice(1).find((a) => a.value && !a.value.startsWith("-"));
            if (inner?.value) names.add(inner.value);
          }
        }
      }
    } catch {
      // A script that does not tokenize is reported when the RUN itself is migrated.
    }
  }
  return names;
}

/**
 * An assignment to a name holding apt-mark (`APT_MARK=…`, `savedAptMark=…`), as
 * `^\w*[Aa]pt_?[Mm]ark\w*=` tests: the name is asked for it apart, which that expression did
 * once for each `apt` of a long name.
 */
export function aptMarkName(word: string): boolean {
  const name = /^(\w*)=/.exec(word)?.[1];
  return name !== undefined && /[Aa]pt_?[Mm]ark/.test(name);
}
