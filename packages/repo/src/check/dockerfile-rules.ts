import { readStage } from "../discover/scripts.js";
import { baseName } from "../dockerfile/commands.js";
import { isStageIgnored } from "../dockerfile/stage-scope.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { accountsAtStart } from "./account-chain.js";
import { apkAdded, everAtStart, stageWorlds, worldAtStart } from "./apk-history.js";
import { stageRelease } from "./apk-names.js";
import { aptPathsAtStart } from "./apt-paths.js";
import { rootImageShips } from "./busybox-no-applet.js";
import { layoutAdvice } from "./debian-layout.js";
import { debianPathsAtStart } from "./debian-paths.js";
import { startedUnderDebianName } from "./debian-programs.js";
import { debianTini } from "./debian-tini.js";
import { envPathProblems } from "./env-paths.js";
import { findingCap } from "./finding-cap.js";
import { checkBase } from "./from-rules.js";
import { glibcOnly } from "./glibc-only.js";
import { checkGoNetdns } from "./go-netdns.js";
import { groupsAtStart, instructionGroup, instructionGroupProblem } from "./groups.js";
import { nginxConfDWrites } from "./nginx-conf-d.js";
import { onbuildRuns } from "./onbuild.js";
import { instructionRenamedUses } from "./renamed-uses.js";
import { checkRun, type RunContext } from "./run-rules.js";
import type { RunScripts } from "./run-scripts.js";
import type { LintText } from "./script-calls.js";
import { startedProgramAdvice } from "./started-advice.js";
import { startedBash } from "./started-bash.js";
import { startedEchoes } from "./started-echo.js";
import { supervisordConfig } from "./supervisord-config.js";
import type { CheckSettings, Finding, RuleId } from "./types.js";
import { unreadConfigs } from "./unread-config.js";
import { enterInstruction, instructionUnknownUser, usersAtStart } from "./users.js";

type Emit = (line: number, rule: RuleId, message: string, severity?: "error" | "warning") => void;

/**
 * Runs every Dockerfile rule over the stages of one file. `kept`: what debian-base says instead of
 * "run alpinize migrate", by the line of a stage's FROM, for Debian stages migrate leaves on
 * purpose (migrateBaseHints: they copy glibc programs, or their image comes from a shared ARG).
 * `lint`: the entrypoint lint, which knows the GNU options busybox rejects in RUN commands.
 * `scripts`: the build-context scripts the RUNs run, by path or given to a shell (readRunScripts).
 */
export function checkStages(
  file: string,
  stages: StageInfo[],
  settings: CheckSettings,
  kept: ReadonlyMap<number, string> = new Map(),
  lint?: LintText,
  scripts: RunScripts = new Map(),
): Finding[] {
  const findings: Finding[] = [];
  const cap = findingCap(findings);
  const emit: Emit = (line, rule, message, severity = "error") => {
    cap.add({ file, line, rule, severity, message });
  };
  for (const stage of stages) {
    if (isStageIgnored(stage, stages, settings.ignoreImages) || stage.family === "scratch")
      continue;
    checkBase(stage, settings, emit, kept, stages);
    if (stage.family !== "alpine") continue;
    const advice = layoutAdvice(stage, stages, stageRelease(stage));
    // One world replayed RUN by RUN: each command is judged by what is installed when it runs.
    const worlds = stageWorlds(
      stage,
      stages,
      worldAtStart(stage, stages),
      everAtStart(stage, stages),
    );
    const at: RunContext = {
      worlds,
      world: worlds.main,
      added: apkAdded(stage, stages),
      stages,
      lint,
      groups: groupsAtStart(stage, stages),
      apt: aptPathsAtStart(stage, stages),
      debian: debianPathsAtStart(stage, stages, advice),
      accounts: accountsAtStart(stage, stages),
      users: usersAtStart(stage, stages),
      advice,
      ships: rootImageShips(stage, stages),
      scripts,
    };
    const copies = readStage(stage.body).copies;
    // COPY --chown and USER are judged by the accounts the RUNs before them made and renamed.
    const owners = stage.body.filter((i) => /^(?:USER|COPY|ADD)$/.test(i.keyword));
    let next = 0;
    const ownersBefore = (line: number) => {
      for (; next < owners.length && owners[next]!.line < line; next++) {
        const ins = owners[next]!;
        const renamed = instructionRenamedUses(ins, at.accounts, stage.name);
        for (const use of renamed) emit(ins.line, use.rule, use.message);
        enterInstruction(at.users, stage, ins.line);
        const packages = at.world.everAdded();
        const user = instructionUnknownUser(ins, stage.name, at.users, at.accounts, packages);
        if (user) emit(ins.line, "unknown-user", user);
        const group = instructionGroup(ins);
        if (group === undefined || at.accounts.renamed.groups.has(group)) continue;
        const problem = instructionGroupProblem(stage, ins, at.groups, packages);
        if (problem) emit(ins.line, "unknown-group", problem);
      }
    };
    // Each COPY is recorded once, before the first RUN after it (once per RUN made a stage of
    // many COPY and RUN lines quadratic).
    let copied = 0;
    const copiesBefore = (line: number) => {
      for (; copied < copies.length && copies[copied]!.line < line; copied++)
        at.debian.copied(copies[copied]!.destination);
    };
    for (const run of stage.runs) {
      ownersBefore(run.line);
      copiesBefore(run.line);
      checkRun(stage, run, at, emit);
    }
    ownersBefore(Number.POSITIVE_INFINITY);
    // ONBUILD runs in the images built on this one, after every RUN of this stage.
    for (const run of onbuildRuns(stage)) checkRun(stage, run, at, emit);
    for (const e of startedEchoes(stage, stages))
      cap.add({
        file,
        line: e.line,
        column: e.column,
        rule: "echo-escapes",
        severity: "warning",
        message: e.message,
        ...(e.more === undefined ? {} : { more: e.more }),
      });
    copiesBefore(Number.POSITIVE_INFINITY);
    // A warning: Docker sets the variable without looking, and an unused one breaks nothing.
    for (const p of envPathProblems(stage, advice, at.debian))
      emit(p.line, "apt-in-alpine", p.message, "warning");
    // A warning: the image builds, and only a server {} block in the file stops nginx.
    for (const w of nginxConfDWrites(stage, stages))
      emit(w.line, "apt-in-alpine", w.message, "warning");
    // A warning: the image builds and the server starts, only without the file; a line whose
    // step already fails on the missing folder says enough.
    const failed = new Set(
      findings.filter((f) => f.file === file && f.rule === "apt-in-alpine").map((f) => f.line),
    );
    for (const u of unreadConfigs(stage, stages, advice))
      if (!failed.has(u.line)) emit(u.line, "apt-in-alpine", u.message, "warning");
    const conf = supervisordConfig(stage, stages, advice, at.debian);
    if (conf) emit(conf.line, "apt-in-alpine", conf.message, conf.severity);
    const other = startedProgramAdvice(stage, stages, advice);
    for (const p of startedUnderDebianName(stage, other))
      emit(
        p.line,
        "debian-program",
        `${p.keyword} starts ${p.name} in Alpine stage ${stage.name}: ${p.advice}`,
      );
    for (const shell of ["bash", "dash"] as const) {
      const started = startedBash(stage, stages, shell);
      if (started) emit(started.line, "bash-missing", started.message, started.severity);
    }
    const tini = debianTini(stage, stages);
    if (tini) emit(tini.line, "debian-program", tini.message, tini.severity);
  }
  checkGoNetdns(stages, settings, emit);
  const ignored = (s: StageInfo) => isStageIgnored(s, stages, settings.ignoreImages);
  for (const g of glibcOnly(stages, ignored)) emit(g.line, "glibc-only", g.message, g.severity);
  cap.close();
  return findings;
}

export { baseName };
