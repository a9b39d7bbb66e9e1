import {
  type ApkPlace,
  type ApkWorld,
  alpineProviders,
  type ScopedWorlds,
} from "@alpinize/dockerfile";
import { baseName } from "../dockerfile/commands.js";
import { stageLinks } from "../dockerfile/stage-links.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { checkAccountCommand } from "./account-chain.js";
import type { AccountState } from "./accounts.js";
import { lastApkCacheRemoval } from "./apk-cache.js";
import { applyScoped, runCommands, runVariables } from "./apk-history.js";
import { addsRepositories } from "./apk-installs.js";
import { fallsBack, stageRelease, surelyMissing, unknownApkNames } from "./apk-names.js";
import { checkApk } from "./apk-no-cache.js";
import { aptAdvice } from "./apt-advice.js";
import type { AptPaths, AptPathUse } from "./apt-paths.js";
import { type BashAt, checkBashCommand, checkBashScript, checkRunShell } from "./bash-run.js";
import { type BaseShips, noAppletProblem } from "./busybox-no-applet.js";
import { busyboxOptionProblems } from "./busybox-option.js";
import type { LayoutAdvice } from "./debian-layout.js";
import type { DebianPaths } from "./debian-paths.js";
import { alternativesProblem } from "./debian-programs.js";
import { dottedOwner, dottedOwnerFailure, dottedOwnerQuote } from "./dotted-owner.js";
import { scriptEchoMessage } from "./echo-escapes.js";
import {
  type GroupState,
  recordGroups,
  runWritesGroupFile,
  unknownGroupAdvice,
  unknownGroups,
  writesGroupFile,
} from "./groups.js";
import { absorbedEmit } from "./guarded.js";
import { hasOpenrc, initSystemProblem } from "./init-system.js";
import { commandRenamedUses } from "./renamed-uses.js";
import { commandScope } from "./run-scopes.js";
import type { RunScript, RunScripts } from "./run-scripts.js";
import { runShell } from "./run-shell.js";
import type { LintText } from "./script-calls.js";
import {
  orBusybox,
  pipedIntoFilter,
  type ShadowNeed,
  shadowAbsent,
  shadowNeed,
} from "./shadow-tools.js";
import { missingProgramAdvice } from "./started-advice.js";
import type { RuleId } from "./types.js";
import { runsWhenReached } from "./unconditional.js";
import { checkUnreadableRun } from "./unreadable-run.js";
import { enterRun, namesDottedUser, recordUsers, type UserState, unknownUsers } from "./users.js";
import { vendorSetupFindings } from "./vendor-setup.js";

type Emit = (line: number, rule: RuleId, message: string, severity?: "error" | "warning") => void;

const APT_TOOLS = new Set([
  "apt",
  "apt-get",
  "aptitude",
  "apt-key",
  "apt-mark",
  "apt-cache",
  "add-apt-repository",
  "dpkg",
  "dpkg-reconfigure",
  "dpkg-query",
  "dpkg-architecture",
  "xx-apt",
  "xx-apt-get",
]);
const APK_TOOLS = new Set(["apk", "xx-apk"]);

/**
 * `worlds`: what apk has installed, moved on by checkRun command by command, per conditional
 * stretch as migrate's debianToolsLeft reads it (an `apk add` in an `if` branch or after `||`
 * counts for the commands of that stretch only). `world`: the one the command being judged sees.
 * `added`: every package an `apk add` of the stage (or a stage it builds on) names, at any point:
 * only to say when a package missing at a command is installed after all.
 */
export interface RunContext {
  worlds: ScopedWorlds;
  world: ApkWorld;
  added: ReadonlyMap<string, ApkPlace>;
  stages: readonly StageInfo[];
  lint: LintText | undefined;
  /** The groups made so far, moved on by checkRun command by command. */
  groups: GroupState;
  /** What has been made under /etc/apt so far, moved on the same way. */
  apt: AptPaths;
  /** What the stage has made of Debian's own layout (/etc/php/8.2, sites-enabled) so far. */
  debian: DebianPaths;
  /** The users and groups there so far (base, image, earlier steps), moved on command by command. */
  accounts: AccountState;
  /** What else is known of the users (made under a condition, deleted, unknown), moved the same way. */
  users: UserState;
  /** migrate's notes on Debian-only paths and program names, for the stage's release. */
  advice: LayoutAdvice;
  /** What the stage's base image ships, as far as it is known (rootImageShips). */
  ships: BaseShips;
  /** The build-context scripts the RUNs run, by path or given to a shell (readRunScripts). */
  scripts: RunScripts;
}

export function checkRun(stage: StageInfo, run: RunStep, at: RunContext, emit: Emit): void {
  const vars = runVariables(stage, run);
  at.world = at.worlds.at([]);
  if (writesGroupFile(stage, run.line) || runWritesGroupFile(run)) at.groups.opaque = true;
  enterRun(at.users, run, stage);
  const shell = runShell(stage, run, at.stages);
  const bash: BashAt = { stage, stages: at.stages, has: (pkg) => at.world.has(pkg) };
  if (shell) checkRunShell(run, shell, bash, emit);
  checkUnreadableRun(stage, run, emit);
  const placedCommands = runCommands(run);
  // `curl …/setup_20.x | bash -`, `curl -o s.sh https://get.docker.com && sh s.sh`: the script
  // needs apt (or a distribution it knows), which an Alpine stage does not have (migrate flags it).
  for (const { placed, message } of vendorSetupFindings(placedCommands, stage.name))
    (placed.cmd.guarded ? absorbedEmit(emit) : emit)(placed.line, "apt-in-alpine", message);
  // An apk call followed in the same RUN by `rm -rf /var/cache/apk/*` leaves no index behind.
  const cacheRemoved = lastApkCacheRemoval(placedCommands.map((p) => p.cmd));
  const scripts = at.scripts.get(run);
  const runCmds = placedCommands.map((p) => p.cmd);
  for (const [index, placed] of placedCommands.entries()) {
    const { cmd, line } = placed;
    // Every command sees the same world until an apk add goes into a stretch of the RUN.
    at.world = at.worlds.branched ? at.worlds.at(commandScope(run, cmd).scope) : at.worlds.main;
    const name = baseName(cmd.name);
    // What a failing call means for the build: it stops there, or (guarded) goes on without it.
    const fails = cmd.guarded ? absorbedEmit(emit) : emit;
    const apt = at.apt.use(cmd);
    if (apt)
      fails(line, "apt-in-alpine", aptPathMessage(stage, apt), apt.missing ? "error" : "warning");
    const layout = at.debian.use(cmd);
    if (layout) {
      const report = layout.severity === "error" ? fails : emit;
      report(
        line,
        "apt-in-alpine",
        layoutMessage(stage, layout.message),
        layout.severity === "error" ? "error" : "warning",
      );
    }
    const aptTool = APT_TOOLS.has(name);
    const shadow = shadowNeed(cmd);
    if (aptTool && !installedNow(name, at)) {
      fails(
        line,
        "apt-in-alpine",
        `${name} in Alpine stage ${stage.name}: ${providerMissing(name, at) ?? aptAdvice(name, cmd)}`,
      );
    } else if (shadow && !at.world.has("shadow")) {
      // Without the file's text a pipefail cannot be ruled out: the plain wording.
      const filter = stage.file && pipedIntoFilter(runCmds, index, stage.file.text);
      fails(line, "shadow-user-commands", shadowMissing(stage, shadow, at, filter));
    }
    const init = initSystemProblem(cmd, stage.name, () => hasOpenrc(at.world.installed()));
    if (init) fails(line, "init-system", init);
    const alternatives = alternativesProblem(cmd, stage.name, at.world.has("dpkg"));
    if (alternatives) fails(line, "debian-program", alternatives);
    // The tools above have rules of their own, with their own advice.
    const judged =
      aptTool || shadow !== undefined || init !== undefined || alternatives !== undefined;
    const program = judged
      ? undefined
      : missingProgramAdvice(name, at.advice, (pkg) => at.world.has(pkg));
    if (program)
      fails(
        line,
        "debian-program",
        `RUN calls ${name} in Alpine stage ${stage.name}, which Alpine does not have under that name, so the build fails here: ${program}`,
      );
    const applet =
      judged || program
        ? undefined
        : noAppletProblem(cmd, stage, at.world.installed().keys(), at.ships);
    // A guarded call is a warning that says so; an unknown base image a warning as it is.
    if (applet)
      (cmd.guarded ? fails : emit)(line, "busybox-no-applet", applet.message, applet.severity);
    if (APK_TOOLS.has(name)) {
      // A builder stage's apk index never reaches the image that ships.
      if (index > cacheRemoved && stageLinks(at.stages).shipped(stage))
        checkApk(stage, run, cmd, line, emit);
      // A stage that adds repositories itself installs from more than the index knows.
      const missing = addsRepositories(stage, at.stages)
        ? []
        : unknownApkNames(cmd, stageRelease(stage));
      if (missing.length > 0) {
        // `apk add a || apk add b`: a's failure runs b, it does not stop the build.
        const fallback = !cmd.guarded && fallsBack(run, cmd);
        const sure = !fallback && surelyMissing(stage, missing);
        (sure ? fails : emit)(
          line,
          "apk-unknown-package",
          unknownPackageMessage(stage, missing, sure, fallback),
          sure ? "error" : "warning",
        );
      }
    }
    // An account a rename took the name of: reported here, not as unknown-group below too.
    for (const use of commandRenamedUses(cmd, at.accounts, stage.name))
      fails(line, use.rule, use.message);
    // Judged before checkAccountCommand applies a rename: `usermod -l app ubuntu` needs ubuntu.
    const plain = runsWhenReached(run, cmd);
    const report = plain ? fails : absorbedEmit(emit);
    // `chown john.doe`, `chown app:my.group`: busybox turns the first dot into a colon.
    const owner = dottedOwner(cmd, (pkg) => at.world.has(pkg));
    const failure = owner && dottedOwnerFailure(owner, stage.name);
    if (failure) report(line, failure.rule, failure.message);
    const missingUsers = failure
      ? []
      : unknownUsers(cmd, stage.name, at.users, at.accounts, at.world.everAdded(), owner);
    for (const message of missingUsers) report(line, "unknown-user", message);
    // `chown john.doe`: the user's message covers the group busybox reads (doe) too.
    const dotted = owner && namesDottedUser(owner, at.users, at.accounts, at.world.everAdded());
    const ownerGroup = dotted ? owner.group : undefined;
    const renamed = at.accounts.renamed.groups;
    const unknown = failure
      ? []
      : unknownGroups(cmd, at.groups, at.world.everAdded()).filter(
          (g) => !renamed.has(g) && g !== ownerGroup,
        );
    checkAccountCommand(stage, run, placed, at.accounts, at.world.everAdded(), emit);
    recordUsers(cmd, plain, at.users, shadow !== undefined && surelyLacks("shadow", at));
    for (const group of unknown)
      fails(
        line,
        "unknown-group",
        `${name} in Alpine stage ${stage.name} names group ${group}, which is not there, so ${name === "groupmod" ? `groupmod fails with "group '${group}' does not exist"` : `busybox fails with "${owner?.user ? dottedOwnerQuote(owner) : `unknown group ${group}`}"`}: ${unknownGroupAdvice(group, at.world.everAdded())}`,
      );
    recordGroups(cmd, at.groups);
    checkBashCommand(run, shell, cmd, line, bash, emit);
    const script = scripts?.get(index);
    checkBashScript(cmd, script?.shebang, line, bash, emit);
    if (script) checkScriptShadow(stage, script, cmd.guarded === true, at, line, emit);
    // The script's `#!/bin/sh` (or `sh FILE`) is ash under a bash SHELL too; only a /bin/sh
    // linked to bash (`ln -sf /bin/bash /bin/sh`) has no such echo.
    if (script?.echo && shell?.binSh !== "bash")
      emit(line, "echo-escapes", scriptEchoMessage(script.echo, script, stage.name), "warning");
    for (const p of busyboxOptionProblems(cmd, (pkg) => at.world.has(pkg), at.lint))
      fails(line, "busybox-option", `${p.tool} in Alpine stage ${stage.name}: ${p.message}`);
    if (
      cmd.args.includes("/usr/sbin/nologin") ||
      cmd.args.some((a) => a.endsWith("=/usr/sbin/nologin"))
    ) {
      emit(
        line,
        "nologin-path",
        `/usr/sbin/nologin does not exist on Alpine (stage ${stage.name}): use /sbin/nologin`,
      );
    }
    applyScoped(at.worlds, run, placed, vars);
  }
  // The RUN's stretches end with it.
  at.world = at.worlds.at([]);
}

/**
 * Names the stage's release lacks: the build stops at them (an error where that is sure, see
 * surelyMissing), with the ways out: the Alpine name, the repository, or the rule skipped.
 */
function unknownPackageMessage(
  stage: StageInfo,
  missing: string[],
  sure: boolean,
  fallback: boolean,
): string {
  const names = `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"}`;
  const release = stageRelease(stage);
  const where = fallback
    ? `for stage ${stage.name}, so this apk add fails (it installs nothing when one name is missing) and the build goes on to the fallback apk add that runs after its failure (its names judged on their own)`
    : sure
      ? `for stage ${stage.name}, so the build fails here: apk add installs nothing when one name is missing`
      : `for stage ${stage.name}, whose tag names no release (read as ${release}, the newest alpinize knows), so apk add would stop here on that release`;
  return `${names} not in Alpine ${release} (main, community) as far as alpinize's package index knows, ${where}; pick the Alpine name (alpinize packages map DEBIAN-NAME), or add the repository that has it (apk add -X URL, or a line in /etc/apk/repositories); if apk does have it, skip the rule with "check.skip": ["apk-unknown-package"] in alpinize.config.json`;
}

/** `sed -i … /etc/apt/sources.list.d/debian.sources`, `echo 'deb …' > /etc/apt/…`: no such folder. */
function aptPathMessage(stage: StageInfo, use: AptPathUse): string {
  const outcome = use.missing
    ? `Alpine has no ${use.missing}, so the build fails here`
    : "this only sets up apt, which Alpine does not have";
  return `${use.what} in Alpine stage ${stage.name}: ${outcome}; delete the step (apk reads /etc/apk/repositories; a proxy goes in the http_proxy/https_proxy build args)`;
}

/** `rm on /etc/nginx/sites-enabled/default: …` with the stage named after what the step does. */
function layoutMessage(stage: StageInfo, message: string): string {
  const at = message.indexOf(": ");
  return `${message.slice(0, at)} in Alpine stage ${stage.name}${message.slice(at)}`;
}

/**
 * A copied script the RUN runs that calls a shadow tool busybox lacks, while shadow is not
 * installed: migrate adds shadow for it, since neither migrate nor migrate DIR rewrites such a
 * script (only ENTRYPOINT/CMD scripts get the shims). Reported on the RUN's command.
 */
function checkScriptShadow(
  stage: StageInfo,
  script: RunScript,
  guarded: boolean,
  at: RunContext,
  line: number,
  emit: Emit,
): void {
  if (!script.shadow || at.world.has("shadow")) return;
  const { need, line: callLine } = script.shadow;
  const what = `${need.what} (line ${callLine} of ${script.path}, ${script.file} in the build context, which this RUN runs)`;
  const report = guarded || script.shadow.guarded ? absorbedEmit(emit) : emit;
  report(line, "shadow-user-commands", shadowMissing(stage, { ...need, what }, at));
}

/** `pkg` is in no world of the stage here, not even one a branch (`if …; then apk add`) may make. */
function surelyLacks(pkg: string, at: RunContext): boolean {
  return !at.world.has(pkg) && !at.worlds.all.installed().has(pkg);
}

/** Why shadow's tool is not there: shadow never installed, installed only later, or removed again. */
function shadowMissing(
  stage: StageInfo,
  need: ShadowNeed,
  at: RunContext,
  filter?: string,
): string {
  const why = notInstalledYet("shadow", at);
  if (why?.branch)
    return `${need.what} runs where shadow may not be installed (apk add shadow on line ${why.branch.line} is in an if/case/loop/function body or after || or a test's &&, which may not run) in Alpine stage ${stage.name}, so the build fails here when it does not: install shadow where it always runs, or in the same branch as the call${orBusybox(need)}`;
  if (why?.removed)
    return `${need.what} runs after shadow was removed again (apk del on line ${why.removed.line}) in Alpine stage ${stage.name}, so the build fails here: call it before that apk del, or keep shadow installed (an apk add of its own, outside any --virtual group that is deleted)${orBusybox(need)}`;
  if (why?.later)
    return `${need.what} runs before shadow is installed (apk add shadow on line ${why.later.line}) in Alpine stage ${stage.name}, so the build fails here: install shadow first${orBusybox(need)}`;
  return shadowAbsent(need, stage.name, filter);
}

/**
 * A Debian tool Alpine packages too, installed when it runs: dpkg's programs with `dpkg` (as
 * docker-library images `apk add` it for `dpkg --print-architecture`) or `dpkg-dev`,
 * `dpkg-architecture` with `dpkg-dev` (`alpineProviders`, the packages migrate's
 * `debianToolsLeft` accepts, judged at the same point of the build): using them is not apt left.
 */
function installedNow(name: string, at: RunContext): boolean {
  return alpineProviders(name).some((pkg) => at.world.has(pkg));
}

/** For a tool whose package the stage installs, but not when it runs: when it is there. */
function providerMissing(name: string, at: RunContext): string | undefined {
  for (const pkg of alpineProviders(name)) {
    const why = notInstalledYet(pkg, at);
    if (why?.branch)
      return `${name} runs where ${pkg} may not be installed (apk add ${pkg} on line ${why.branch.line} is in an if/case/loop/function body or after || or a test's &&, which may not run), so the build fails here when it does not: install ${pkg} where it always runs, or in the same branch as the call`;
    if (why?.removed)
      return `${name} runs after ${pkg} was removed again (apk del on line ${why.removed.line}), so the build fails here: call it before that apk del, or keep ${pkg} installed until then (an apk add of its own, outside any --virtual group deleted before it)`;
    if (why?.later)
      return `${name} runs before ${pkg} is installed (apk add ${pkg} on line ${why.later.line}), so the build fails here: install ${pkg} first`;
  }
  return undefined;
}

/**
 * A package not installed now that an `apk add` of the stage installs: removed again, added
 * before but in a conditional stretch the call is not in, or only later.
 */
function notInstalledYet(
  pkg: string,
  at: RunContext,
): { removed?: ApkPlace; later?: ApkPlace; branch?: ApkPlace } | undefined {
  const removed = at.world.removedBy(pkg);
  if (removed) return { removed };
  const branch = at.worlds.all.installed().get(pkg);
  if (branch) return { branch };
  const later = at.added.get(pkg);
  return later ? { later } : undefined;
}
