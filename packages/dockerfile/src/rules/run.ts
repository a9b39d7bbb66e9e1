import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { ShellSource } from "../shell/source.js";
import { ShellSyntaxError } from "../shell/tokenize.js";
import { APT_TOOLS, collectPurged, migrateApt, migrateRm, XX_APT_TOOLS } from "./apt.js";
import { buildDepsBookkeeping, isAptMarkStep } from "./apt-mark.js";
import { flagRepositories } from "./apt-repos.js";
import { collectGosuArch, migrateArch } from "./arch.js";
import { dropUbuntuUser } from "./base-users.js";
import { displayOnlyWords } from "./busybox.js";
import { unwrap } from "./command-view.js";
import { echoCall, rewriteDashEcho } from "./dash-echo.js";
import {
  echoesInStrings,
  rewriteExecRunEchoes,
  runSubstitutionEchoes,
} from "./dash-echo-strings.js";
import { debianProgramNote } from "./debian-programs.js";
import { warnExecFormRun } from "./exec-form-hint.js";
import { findExecs } from "./gnu-calls.js";
import { flagHidden } from "./hidden-debian.js";
import {
  flagDebianPaths,
  flagGlibc,
  migrateDebconf,
  migrateGosuCall,
  migrateLocales,
} from "./misc.js";
import { nestedScripts, scriptWords } from "./nested.js";
import { renameDebianCall } from "./renamed-calls.js";
import { substitutionRenames } from "./renamed-substitutions.js";
import { dropNestedEditsOfRemoved, migrateNested, renameCalls } from "./run-nested.js";
import { runScripts } from "./run-scripts.js";
import { ScriptScope, type StageState } from "./scope.js";
import { unconvertibleRun } from "./unconvertible.js";
import { migrateUsers, USER_TOOLS } from "./users.js";
import { warnGidWords } from "./users-gid-words.js";
import { ownerGroupInRun } from "./users-owner-groups.js";

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
    for (const nested of nestedScripts(src)) migrateNested(scope, nested, 1, migrateScript);
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
  warnGidWords(scope, cmd);
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
