import { APT_SETUP_SCRIPT, credentialsNote } from "@alpinize/dockerfile";
import { readStage } from "../discover/scripts.js";
import { chainFact } from "../dockerfile/chain-fact.js";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { hasDigest } from "../dockerfile/images.js";
import { stageLinks } from "../dockerfile/stage-links.js";
import { isStageIgnored } from "../dockerfile/stage-scope.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { ALPINE_BASE_GROUPS, ALPINE_BASE_USERS } from "../facts/alpine-base.js";
import { lastApkCacheRemoval } from "./apk-cache.js";
import { apkAdded, applyCommand, runCommands, runVariables, worldAtStart } from "./apk-history.js";
import { stageRelease, unknownApkNames } from "./apk-names.js";
import type { ApkPlace, ApkWorld } from "./apk-world.js";
import { aptAdvice } from "./apt-advice.js";
import { type AptPaths, type AptPathUse, aptPathsAtStart } from "./apt-paths.js";
import { debianBaseHint } from "./base-advice.js";
import { type BashAt, checkBashCommand, checkRunShell } from "./bash-run.js";
import { busyboxOptionProblems } from "./busybox-option.js";
import { type LayoutAdvice, layoutAdvice } from "./debian-layout.js";
import { type DebianPaths, debianPathsAtStart } from "./debian-paths.js";
import { alternativesProblem, startedUnderDebianName } from "./debian-programs.js";
import { envPathProblems } from "./env-paths.js";
import { checkGoNetdns } from "./go-netdns.js";
import {
  type GroupState,
  groupsAtStart,
  instructionGroup,
  instructionGroupProblem,
  recordGroups,
  runWritesGroupFile,
  unknownGroupAdvice,
  unknownGroups,
  writesGroupFile,
} from "./groups.js";
import { absorbedEmit } from "./guarded.js";
import { hasOpenrc, initSystemProblem } from "./init-system.js";
import { nginxConfDWrites } from "./nginx-conf-d.js";
import { onbuildRuns } from "./onbuild.js";
import { runShell } from "./run-shell.js";
import type { LintText } from "./script-calls.js";
import { SHADOW_TOOLS } from "./shadow-tools.js";
import { missingProgramAdvice, startedProgramAdvice } from "./started-advice.js";
import type { CheckSettings, Finding, RuleId } from "./types.js";

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
 * Runs every Dockerfile rule over the stages of one file. `kept`: what debian-base says instead of
 * "run alpinize migrate", by the line of a stage's FROM, for Debian stages migrate leaves on
 * purpose (migrateBaseHints: they copy glibc programs, or their image comes from a shared ARG).
 * `lint`: the entrypoint lint, which knows the GNU options busybox rejects in RUN commands.
 */
export function checkStages(
  file: string,
  stages: StageInfo[],
  settings: CheckSettings,
  kept: ReadonlyMap<number, string> = new Map(),
  lint?: LintText,
): Finding[] {
  const findings: Finding[] = [];
  const emit: Emit = (line, rule, message, severity = "error") => {
    findings.push({ file, line, rule, severity, message });
  };
  for (const stage of stages) {
    if (isStageIgnored(stage, stages, settings.ignoreImages) || stage.family === "scratch")
      continue;
    checkBase(stage, settings, emit, kept);
    if (stage.family !== "alpine") continue;
    const advice = layoutAdvice(stage, stages, stageRelease(stage));
    // One world replayed RUN by RUN: each command is judged by what is installed when it runs.
    const at: RunContext = {
      world: worldAtStart(stage, stages),
      added: apkAdded(stage, stages),
      stages,
      lint,
      groups: groupsAtStart(stage, stages),
      apt: aptPathsAtStart(stage, stages),
      debian: debianPathsAtStart(stage, stages, advice),
      freed: { gids: new Set(), uids: new Set() },
      advice,
    };
    const copies = readStage(stage.body).copies;
    // COPY --chown and USER are judged by the groups the RUNs before them made.
    const owners = stage.body.filter((i) => instructionGroup(i) !== undefined);
    let next = 0;
    const ownersBefore = (line: number) => {
      for (; next < owners.length && owners[next]!.line < line; next++) {
        const ins = owners[next]!;
        const problem = instructionGroupProblem(stage, ins, at.groups, at.world.everAdded());
        if (problem) emit(ins.line, "unknown-group", problem);
      }
    };
    for (const run of stage.runs) {
      ownersBefore(run.line);
      for (const copy of copies) if (copy.line < run.line) at.debian.copied(copy.destination);
      checkRun(stage, run, at, emit);
    }
    ownersBefore(Number.POSITIVE_INFINITY);
    // ONBUILD runs in the images built on this one, after every RUN of this stage.
    for (const run of onbuildRuns(stage)) checkRun(stage, run, at, emit);
    for (const copy of copies) at.debian.copied(copy.destination);
    // A warning: Docker sets the variable without looking, and an unused one breaks nothing.
    for (const p of envPathProblems(stage, advice, at.debian))
      emit(p.line, "apt-in-alpine", p.message, "warning");
    // A warning: the image builds, and only a server {} block in the file stops nginx.
    for (const w of nginxConfDWrites(stage, stages))
      emit(w.line, "apt-in-alpine", w.message, "warning");
    const other = startedProgramAdvice(stage, stages, advice);
    for (const p of startedUnderDebianName(stage, other))
      emit(
        p.line,
        "debian-program",
        `${p.keyword} starts ${p.name} in Alpine stage ${stage.name}: ${p.advice}`,
      );
  }
  checkGoNetdns(stages, settings, emit);
  return findings;
}

function checkBase(
  stage: StageInfo,
  settings: CheckSettings,
  emit: Emit,
  kept: ReadonlyMap<number, string>,
): void {
  if (stage.parent !== undefined) return;
  const credentials = credentialsNote(stage.image);
  if (credentials) {
    // Docker refuses the reference: nothing else about this base can be judged until it changes.
    emit(stage.imageLine, "from-credentials", `stage ${stage.name}: ${credentials}`);
    return;
  }
  if (stage.family === "debian" || stage.family === "ubuntu") {
    emit(
      stage.imageLine,
      "debian-base",
      `stage ${stage.name} is built on ${stage.image} (${stage.family}): ${kept.get(stage.line) ?? debianBaseHint(stage.image)}`,
    );
  }
  if (hasDigest(stage.image)) return;
  if (stage.unresolved.length > 0) {
    const names = stage.unresolved.map((n) => `\${${n}}`).join(", ");
    emit(
      stage.imageLine,
      "base-image-unpinned",
      `${stage.image} cannot be checked for a digest: ${names} has no default in a global ARG before the first FROM, so the image is only known at build time; give the ARG a default pinned by digest (ARG NAME=image:tag@sha256:…) or write the digest in the FROM`,
      settings.requireDigests ? "error" : "warning",
    );
    return;
  }
  if (stage.family === "unknown") return;
  emit(
    stage.imageLine,
    "base-image-unpinned",
    `${stage.image} is not pinned by digest: run "alpinize pin --write" and let Renovate keep the pin fresh`,
    settings.requireDigests ? "error" : "warning",
  );
}

/**
 * `world`: what apk has installed when the RUN starts, moved on by checkRun command by command.
 * `added`: every package an `apk add` of the stage (or a stage it builds on) names, at any point.
 */
/** A download piped into a shell (`| bash -`, `| sudo -E bash`). */
const PIPED_TO_SHELL = /\|\s*(?:sudo\s+(?:-E\s+)?)?(?:\/(?:usr\/)?bin\/)?(?:ba|da|a)?sh\b/;

interface RunContext {
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
  /** IDs of Alpine's base groups and users the stage deleted so far (migrate's `delgroup ping`). */
  freed: FreedIds;
  /** migrate's notes on Debian-only paths and program names, for the stage's release. */
  advice: LayoutAdvice;
}

interface FreedIds {
  gids: Set<number>;
  uids: Set<number>;
}

function checkRun(stage: StageInfo, run: RunStep, at: RunContext, emit: Emit): void {
  const vars = runVariables(stage, run);
  if (writesGroupFile(stage, run.line) || runWritesGroupFile(run)) at.groups.opaque = true;
  // `curl -fsSL https://deb.nodesource.com/setup_20.x | bash -`: the script adds an apt source
  // and runs apt-get, which an Alpine stage does not have (migrate leaves it, flagged).
  if (APT_SETUP_SCRIPT.test(run.text) && PIPED_TO_SHELL.test(run.text))
    emit(
      run.line,
      "apt-in-alpine",
      `this RUN runs a vendor's apt repository setup script in Alpine stage ${stage.name}, which has no apt: the build fails here; install the package from Alpine (e.g. nodejs npm, docker-cli) or follow the vendor's Alpine instructions, and delete the step`,
    );
  const shell = runShell(stage, run, at.stages);
  const bash: BashAt = { stage, stages: at.stages, hasBash: () => at.world.has("bash") };
  if (shell) checkRunShell(run, shell, bash, emit);
  const placedCommands = runCommands(run);
  // An apk call followed in the same RUN by `rm -rf /var/cache/apk/*` leaves no index behind.
  const cacheRemoved = lastApkCacheRemoval(placedCommands.map((p) => p.cmd));
  for (const [index, placed] of placedCommands.entries()) {
    const { cmd, line } = placed;
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
    if (aptTool && !fromApkDpkg(name, at.added)) {
      fails(
        line,
        "apt-in-alpine",
        `${name} in Alpine stage ${stage.name}: ${aptAdvice(name, cmd)}`,
      );
    } else if (SHADOW_TOOLS.has(name) && !at.world.has("shadow")) {
      fails(line, "shadow-user-commands", shadowMissing(stage, name, at));
    }
    const init = initSystemProblem(cmd, stage.name, () => hasOpenrc(at.world.installed()));
    if (init) fails(line, "init-system", init);
    const alternatives = alternativesProblem(cmd, stage.name, at.world.has("dpkg"));
    if (alternatives) fails(line, "debian-program", alternatives);
    // The tools above have rules of their own, with their own advice.
    const judged =
      aptTool || SHADOW_TOOLS.has(name) || init !== undefined || alternatives !== undefined;
    const program = judged
      ? undefined
      : missingProgramAdvice(name, at.advice, (pkg) => at.world.has(pkg));
    if (program)
      fails(
        line,
        "debian-program",
        `RUN calls ${name} in Alpine stage ${stage.name}, which Alpine does not have under that name, so the build fails here: ${program}`,
      );
    if (APK_TOOLS.has(name)) {
      // A builder stage's apk index never reaches the image that ships.
      if (index > cacheRemoved && stageLinks(at.stages).shipped(stage))
        checkApk(stage, run, cmd, line, emit);
      // A stage that adds repositories itself installs from more than the index knows.
      const missing = addsRepositories(stage, at.stages)
        ? []
        : unknownApkNames(cmd, stageRelease(stage));
      if (missing.length > 0)
        emit(
          line,
          "apk-unknown-package",
          `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not in Alpine ${stageRelease(stage)} (main, community) as far as alpinize's package index knows, for stage ${stage.name}: apk add would stop here; pick the Alpine name (alpinize packages map DEBIAN-NAME) or add the repository that has it (apk add -X …)`,
          "warning",
        );
    }
    if (name === "delgroup" || name === "deluser") recordFreed(cmd, at.freed);
    if (name === "addgroup" || name === "adduser") checkIds(stage, cmd, line, fails, at.freed);
    for (const group of unknownGroups(cmd, at.groups, at.world.everAdded()))
      fails(
        line,
        "unknown-group",
        `${name} in Alpine stage ${stage.name} names group ${group}, which is not there, so busybox fails with "unknown group ${group}": ${unknownGroupAdvice(group, at.world.everAdded())}`,
      );
    recordGroups(cmd, at.groups);
    checkBashCommand(run, shell, cmd, line, bash, emit);
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
    applyCommand(at.world, placed, vars);
  }
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

/** Why a shadow tool is not there: shadow never installed, installed only later, or removed again. */
function shadowMissing(stage: StageInfo, name: string, at: RunContext): string {
  const removed = at.world.removedBy("shadow");
  if (removed)
    return `${name} runs after shadow was removed again (apk del on line ${removed.line}) in Alpine stage ${stage.name}, so the build fails here: call it before that apk del, keep shadow installed (an apk add of its own, outside any --virtual group that is deleted), or use busybox adduser/addgroup`;
  const later = at.added.get("shadow");
  if (later)
    return `${name} runs before shadow is installed (apk add shadow on line ${later.line}) in Alpine stage ${stage.name}, so the build fails here: install shadow first, or use busybox adduser/addgroup`;
  return `${name} does not exist in Alpine stage ${stage.name} (busybox has no ${name}): ${SHADOW_TOOLS.get(name)}`;
}

/**
 * `delgroup ping` (`deluser NAME`) frees the ID Alpine's base gave that group (user): migrate
 * writes it before an `addgroup -g 999` that Debian's base lets through. A two-word delgroup
 * takes a user out of a group and frees nothing.
 */
function recordFreed(cmd: ShellCommand, freed: FreedIds): void {
  const words = cmd.args.filter((a) => !a.startsWith("-"));
  if (words.length !== 1) return;
  const [table, into] =
    baseName(cmd.name) === "delgroup"
      ? [ALPINE_BASE_GROUPS, freed.gids]
      : [ALPINE_BASE_USERS, freed.uids];
  for (const [id, holder] of table) if (holder === words[0]) into.add(id);
}

/** busybox addgroup/adduser fail on an ID Alpine's base image already uses (GID 999 is ping). */
function checkIds(
  stage: StageInfo,
  cmd: ShellCommand,
  line: number,
  emit: Emit,
  freed: FreedIds,
): void {
  const flag = cmd.name.endsWith("addgroup") ? "-g" : "-u";
  const long = flag === "-g" ? "--gid" : "--uid";
  const held = flag === "-g" ? ALPINE_BASE_GROUPS : ALPINE_BASE_USERS;
  const gone = flag === "-g" ? freed.gids : freed.uids;
  const taken = { has: (id: number) => held.has(id) && !gone.has(id) };
  // `-g 999`, `-g999`, `--gid 999`, `--gid=999`
  let id: string | undefined;
  cmd.args.forEach((a, k) => {
    if (a === flag || a === long) id = cmd.args[k + 1];
    else if (a.startsWith(`${long}=`)) id = a.slice(long.length + 1);
    else if (a.startsWith(flag) && /^\d+$/.test(a.slice(2))) id = a.slice(2);
  });
  if (id === undefined || !/^\d+$/.test(id)) return;
  if (!taken.has(Number(id))) {
    if (flag === "-u" && !freed.gids.has(Number(id))) checkUserGroupId(stage, cmd, id, line, emit);
    return;
  }
  emit(
    line,
    "alpine-id-taken",
    `${cmd.name} ${flag} ${id} in stage ${stage.name}: Alpine's base image already uses ${flag === "-g" ? "GID" : "UID"} ${id}, so the command fails; pick another ID (and chown files to it)`,
  );
}

/**
 * busybox `adduser -u N` without -G also creates a group named like the user with GID N, and
 * fails with "uid 'N' in use" when Alpine's base holds GID N (ping holds 999), though UID N is
 * free. A system user (-S) without -G goes into nogroup instead (both checked under musl busybox).
 */
function checkUserGroupId(
  stage: StageInfo,
  cmd: ShellCommand,
  id: string,
  line: number,
  emit: Emit,
): void {
  const group = ALPINE_BASE_GROUPS.get(Number(id));
  const hasGroup = cmd.args.some((a) => /^(?:-G|--ingroup)/.test(a));
  const system = cmd.args.some((a) => a === "--system" || /^-[A-Za-z]*S[A-Za-z]*$/.test(a));
  if (group === undefined || hasGroup || system) return;
  emit(
    line,
    "alpine-id-taken",
    `${cmd.name} -u ${id} without -G in stage ${stage.name}: busybox adduser then makes a group with GID ${id}, which Alpine's base already gives to ${group}, so it fails with "uid '${id}' in use"; create the group first (addgroup -g GID NAME) and pass -G NAME, or pick another UID`,
  );
}

function checkApk(
  stage: StageInfo,
  run: RunStep,
  cmd: ShellCommand,
  line: number,
  emit: Emit,
): void {
  const verb = cmd.args.find((a) => !a.startsWith("-"));
  const cached = /--mount=\S*target=\/(?:var\/cache\/apk|etc\/apk\/cache)/.test(run.flags);
  // `--no-network` installs from what is already there (the docker-library so: deps pattern): no index to keep.
  if (cached || cmd.args.includes("--no-network")) return;
  if (verb === "update") {
    emit(
      line,
      "apk-no-cache",
      `apk update leaves the index in the image (stage ${stage.name}): drop it and use apk add --no-cache`,
    );
  } else if ((verb === "add" || verb === "upgrade") && !cmd.args.includes("--no-cache")) {
    emit(
      line,
      "apk-no-cache",
      `${cmd.name} ${verb} without --no-cache in stage ${stage.name}: add --no-cache so the index does not stay in the layer`,
    );
  }
}

/**
 * Alpine packages dpkg itself (`apk add dpkg`, as docker-library images do for
 * `dpkg --print-architecture`) and dpkg-dev (`dpkg-architecture`): using them is not apt left over.
 */
function fromApkDpkg(name: string, installed: ReadonlyMap<string, unknown>): boolean {
  if (name === "dpkg" || name === "dpkg-query")
    return installed.has("dpkg") || installed.has("dpkg-dev");
  if (name === "dpkg-architecture") return installed.has("dpkg-dev");
  return false;
}

export { baseName };

/** The stage, or one it builds on, writes /etc/apk/repositories (edge, testing, a tagged repo). */
const addsRepositories = chainFact<boolean>(
  (stage, parent) =>
    parent === true || stage.runs.some((r) => r.text.includes("/etc/apk/repositories")),
);
