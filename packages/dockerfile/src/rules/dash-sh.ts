import type { MigrationContext } from "../migrate/context.js";
import type { RunShell } from "../migrate/context-records.js";
import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import type { Pipeline, SimpleCommand } from "../shell/script.js";
import { hasBashism } from "./bashisms.js";
import { type DebianRelease, debianRelease, ubuntuVersionNumber } from "./debian-releases.js";
import { rootReference } from "./python-version.js";
import type { ScriptScope, StageState } from "./scope.js";
import type { StageInfo } from "./stage-info.js";

/** Debian's and Ubuntu's: `/bin/sh -c`, /bin/sh being dash. */
export const DEBIAN_SHELL: RunShell = { shell: "sh", binSh: "dash" };

/** The shell a stage starts with: what the stage it is built FROM left (Debian's for an image). */
export function startShell(ctx: MigrationContext, info: StageInfo): RunShell {
  const parent = info.stage.parent;
  return (parent && ctx.shellByStage.get(parent.index)) ?? DEBIAN_SHELL;
}

/**
 * Moves the stage's shell on past one instruction: a SHELL names the program; a RUN that links
 * /bin/sh to bash (`ln -sf /bin/bash /bin/sh`, or debconf's dash/sh answer converted to that link)
 * makes it bash for the RUN lines after it, not for the rest of its own.
 */
export function trackShell(state: StageState, ins: Instruction, linksSh: boolean): void {
  if (ins.keyword === "SHELL" && ins.form === "exec") {
    const program = /^\s*\[\s*"([^"]*)"/.exec(ins.args.text)?.[1]?.replace(/^.*\//, "") ?? "";
    const shell = program === "sh" || program === "dash" || program === "bash" ? program : "other";
    state.shell = { ...state.shell, shell };
  } else if (ins.keyword === "RUN" && (linksSh || state.shLinkedRuns.has(ins))) {
    state.shell = { ...state.shell, binSh: "bash" };
  }
}

const SH_WORD = /(?:^|\s)(?:\/usr)?(?:\/bin\/)?(bash|ash|dash|sh)(?=\s|$)/;
const SHEBANG = /^#!\s*(\S+)(?:\s+(\S+))?/;

/**
 * Whether the script of this scope runs under Debian's dash there and busybox ash on Alpine: a
 * converted stage, under /bin/sh; a heredoc body neither named for bash or dash on the RUN line
 * (`RUN bash <<EOF`) nor starting with a `#!` of another program; a `-c` string handed to `sh`
 * (/bin/sh, unless linked to bash), whatever runs the script around it. What dash itself runs
 * (`dash -c`, `SHELL ["/bin/dash", …]`, `#!/bin/dash`) still runs under dash, which the stage
 * gets from Alpine (addDash): its echo reads escapes as before. A command substitution runs in
 * the shell of the script it is written in.
 */
export function runsUnderDash(scope: ScriptScope): boolean {
  if (scope.within) return runsUnderDash(scope.within);
  const { stage } = scope;
  if (stage.info.already) return false;
  const { shell, binSh } = stage.shell;
  if (scope.runner !== undefined) return scope.runner === "sh" && binSh === "dash";
  if (scope.quotes.length > 0) return false;
  const sh = shell === "sh" && binSh === "dash";
  if (!scope.src.direct) return sh;
  const ins = scope.instruction;
  const line = ins.args.text.slice(splitFlags(ins.args.text).rest);
  const named = SH_WORD.exec(line.replace(/<<-?\s*\S+/g, " "))?.[1];
  const bang = SHEBANG.exec(scope.src.script.text);
  const program = bang ? (bang[1] === "/usr/bin/env" ? bang[2] : bang[1]) : undefined;
  if (program !== undefined && !/^(?:\/usr)?(?:\/bin\/)?sh$/.test(program)) return false;
  if (named === "bash" || named === "dash") return false;
  if (named === "sh") return binSh === "dash";
  return named === "ash" || sh;
}

/** `dash dash/sh boolean false`, the answer that gave /bin/sh to bash. */
const DASH_SH_FALSE = /(?:^|\s)dash\s+dash\/sh\s+boolean\s+false\b/;

/** `echo 'dash dash/sh boolean false' | debconf-set-selections`. */
function preseedsBashSh(pipeline: Pipeline, cmd: SimpleCommand): boolean {
  if (cmd.name !== "debconf-set-selections") return false;
  const words = pipeline.commands
    .filter((c) => c !== cmd)
    .flatMap((c) => c.args.slice(1).map((w) => w.value ?? w.raw.replace(/^["']|["']$/g, "")));
  // printf's `\t` and `\n` separate the fields as blanks do.
  return DASH_SH_FALSE.test(words.join(" ").replace(/\\[tn]/g, " "));
}

const reconfiguresDash = (cmd: SimpleCommand) =>
  cmd.name === "dpkg-reconfigure" && cmd.args.slice(1).some((a) => a.value === "dash");

/** The pipelines of the script, in order. */
function pipelines(scope: ScriptScope): Pipeline[] {
  return scope.src.script.items.filter((it): it is Pipeline => it.kind === "pipeline");
}

/**
 * Debian's way to make /bin/sh bash (dash's debconf question `dash/sh`, answered false, then
 * `dpkg-reconfigure dash`), both in one RUN. Where the base release still asks it (up to Debian 11
 * and Ubuntu 22.04; dash 0.5.11+git20210903+057cd650a4ed-4 dropped the question, so on Debian 12
 * and Ubuntu 24.04 the steps do nothing), the reconfigure becomes `ln -sf /bin/bash /bin/sh`
 * with bash installed, and the RUN lines after it are read as bash's. Returns whether it handled
 * the command (the answer's pipeline goes without a word: the reconfigure's note covers both).
 */
export function migrateDashSh(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): boolean {
  const all = pipelines(scope);
  const at = all.indexOf(pipeline);
  if (preseedsBashSh(pipeline, cmd)) {
    const later = all.slice(at + 1).some((p) => p.commands.some(reconfiguresDash));
    return later && scope.deletePipeline(pipeline, "shell");
  }
  if (!reconfiguresDash(cmd)) return false;
  const answered = all
    .slice(0, Math.max(at, 0))
    .some((p) => p.commands.some((c) => preseedsBashSh(p, c)));
  if (!answered) return false;
  const { ctx, stage } = scope;
  const release = debianRelease(rootReference(ctx, stage.info.stage));
  const bashLater = laterBashRun(ctx, stage, scope.instruction);
  const what = "debconf's dash/sh answer (false) and dpkg-reconfigure dash";
  if (release && !asksDashSh(release) && bashLater === undefined) {
    if (!scope.deletePipeline(pipeline, "shell")) return true;
    scope.warn(
      "shell",
      cmd.start,
      `${what} removed: they did nothing on ${release.distro} ${release.version} (dash no longer asks dash/sh from Debian 12 and Ubuntu 24.04 on), so /bin/sh stayed dash there; on Alpine the RUN lines after it run under /bin/sh (busybox ash) as they ran under dash`,
    );
    return true;
  }
  if (!scope.replacePipeline(pipeline, "ln -sf /bin/bash /bin/sh", "shell")) return true;
  stage.shLinkedRuns.add(scope.instruction);
  stage.bashNeeds.push({
    offset: scope.fileOffset(cmd.start),
    reason: "debconf's dash/sh answer made /bin/sh bash",
  });
  const noOp =
    release && !asksDashSh(release)
      ? ` (on ${release.distro} ${release.version} they did nothing, dash no longer asking dash/sh, so line ${ctx.line(bashLater!.start)} failed under dash there; it is converted to what was meant)`
      : "";
  scope.warn(
    "shell",
    cmd.start,
    `${what} made /bin/sh bash on Debian${noOp}: on Alpine that is ln -sf /bin/bash /bin/sh with bash installed, so the RUN lines after it run under bash as before`,
  );
  return true;
}

/**
 * Whether the release's dash may still ask dash/sh: all but Debian 12 on and Ubuntu 24.04 on,
 * where it is known not to (a release in between counts as asking, the answer kept as bash).
 */
function asksDashSh(release: DebianRelease): boolean {
  if (release.distro === "Debian") return Number(release.version) < 12;
  return ubuntuVersionNumber(release.version) < 2404;
}

/** A later shell-form RUN of the stage written in bash syntax, if any. */
function laterBashRun(
  ctx: MigrationContext,
  stage: StageState,
  ins: Instruction,
): Instruction | undefined {
  const body = stage.info.stage.body;
  return body
    .slice(body.indexOf(ins) + 1)
    .find((i) => i.keyword === "RUN" && i.form !== "exec" && hasBashism(runText(ctx, i)));
}

/** A RUN's command line and heredoc bodies. */
function runText(ctx: MigrationContext, ins: Instruction): string {
  return [ins.args.text, ...ins.heredocs.map((h) => ctx.text.slice(h.bodyStart, h.bodyEnd))].join(
    "\n",
  );
}
