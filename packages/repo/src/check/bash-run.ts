import { ashMissingOption, definedFunctions, maskQuotes } from "@alpinize/busybox";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { ashSyntaxProblems, BASH_ONLY_BUILTINS } from "./ash-syntax.js";
import { absorbedEmit } from "./guarded.js";
import type { RunShell } from "./run-shell.js";
import { rootImageShipsBash, shebangShell } from "./shebang.js";
import type { Finding, RuleId } from "./types.js";

type Emit = (line: number, rule: RuleId, message: string, severity?: Finding["severity"]) => void;

/** What the RUN rules about bash need to know of the stage at one RUN. */
export interface BashAt {
  stage: StageInfo;
  stages: readonly StageInfo[];
  /** Whether apk has the package (bash, dash) installed at this point of the build. */
  has: (pkg: MissingShell) => boolean;
}

/** Shells busybox has no applet for, which `bash-missing` reports run before apk installs them. */
type MissingShell = "bash" | "dash";
const SHELLS: ReadonlySet<string> = new Set<MissingShell>(["bash", "dash"]);

/**
 * A shell-form RUN read by busybox ash (no bash SHELL in effect) written in bash syntax ash does
 * not run (`read a <<<"$V"`, `a=(…)`, `${a[0]}`): `bash-syntax`, an error where ash stops.
 * A RUN under `SHELL ["/bin/bash", …]` with no bash installed: `bash-missing`. (Its echo is
 * `startedEchoes`'.)
 */
export function checkRunShell(run: RunStep, shell: RunShell, at: BashAt, emit: Emit): void {
  if (shell.exec) return;
  if (shell.kind === "bash" || shell.kind === "dash") {
    if (!at.has(shell.kind))
      missingShell(at, emit, shell.kind)(run.line, `SHELL on line ${shell.shellLine}`);
    return;
  }
  if (shell.kind !== "ash") return;
  for (const p of ashSyntaxProblems(run.text)) {
    const cmd = commandAt(run, p.offset);
    const guarded = p.kind === "expansion" && cmd?.cmd.guarded === true;
    const severity =
      p.kind === "parse" || (p.kind === "expansion" && !guarded) ? "error" : "warning";
    emit(cmd?.line ?? run.line, "bash-syntax", syntaxMessage(at.stage, p, guarded), severity);
  }
}

/**
 * Per command of the RUN: `bash …` (also `RUN ["bash", "-c", …]`) with no bash installed, and a
 * bash-only builtin (`declare`, `pushd`; not one the RUN defined as a function) or option
 * (`read -a`, `printf -v`) run by busybox ash.
 */
export function checkBashCommand(
  run: RunStep,
  shell: RunShell | undefined,
  cmd: ShellCommand,
  line: number,
  at: BashAt,
  emit: Emit,
): void {
  const fails = cmd.guarded ? absorbedEmit(emit) : emit;
  const name = baseName(cmd.name);
  if (SHELLS.has(name) && !at.has(name as MissingShell))
    missingShell(at, fails, name as MissingShell)(line, "this RUN");
  if (shell?.kind !== "ash" || shell.exec || !readByAsh(run.text, cmd)) return;
  const ash = `busybox ash (/bin/sh of Alpine stage ${at.stage.name})`;
  const option = ashMissingOption(name, cmd.args);
  if (option)
    (option.fails ? fails : emit)(
      line,
      "bash-syntax",
      `${name} ${option.option} is bash's: ${ash} runs it, but ${option.does}, ${option.fails ? "so the build fails here" : "and the build goes on"}: ${option.fix}, ${BASH_INSTEAD}`,
    );
  const fix = BASH_ONLY_BUILTINS.get(name);
  if (
    fix === undefined ||
    (functionsOf(run.text).get(name) ?? Number.POSITIVE_INFINITY) <= cmd.offset
  )
    return;
  fails(
    line,
    "bash-syntax",
    `${name} is a bash builtin that ${ash} does not have, so the build fails here ("${name}: not found"): ${fix}, ${BASH_INSTEAD}`,
  );
}

const BASH_INSTEAD = 'or apk add bash and SHELL ["/bin/bash", "-c"]';

/**
 * A RUN that runs a script from the build context by its path (`COPY install.sh /tmp/`, then
 * `RUN /tmp/install.sh`) whose `#!` line names bash, with no bash installed: the kernel finds no
 * interpreter and the shell says the script itself is "not found". `firstLine`: the script's.
 */
export function checkBashScript(
  cmd: ShellCommand,
  firstLine: string | undefined,
  line: number,
  at: BashAt,
  emit: Emit,
): void {
  const shell = firstLine === undefined ? undefined : shebangShell(firstLine);
  if (shell === undefined || !SHELLS.has(shell) || at.has(shell as MissingShell)) return;
  const fails = cmd.guarded ? absorbedEmit(emit) : emit;
  missingShell(at, fails, shell as MissingShell)(
    line,
    `${cmd.name} (a script from the build context starting ${firstLine!.trim()})`,
    `"${cmd.name}: not found": the file is there, its interpreter is not`,
  );
}

/**
 * The command is the RUN's own code at its offset, not words of a `bash -c '…'` or a string; also
 * behind `command` or `exec`, which run ash's builtin too (or fail on its missing one).
 */
function readByAsh(text: string, cmd: ShellCommand): boolean {
  if (cmd.within !== undefined) return false;
  const bare = bareOf(text);
  if (text.startsWith(cmd.name, cmd.offset)) return bare.startsWith(cmd.name, cmd.offset);
  const behind = BUILTIN_RUNNERS.exec(bare.slice(cmd.offset, cmd.offset + 200));
  return behind !== null && bare.startsWith(cmd.name, cmd.offset + behind[0].length);
}

/** `command` and `exec` before a command's name, with `command -p` and `--`. */
const BUILTIN_RUNNERS = /^(?:command|exec)(?:\s+--?p*)*\s+/;

/**
 * The RUN with its quoted text blanked, kept for the last RUN asked about: every command of a
 * RUN asks in turn, and masking the whole text once per command made a RUN of many commands
 * (a long `||` list, deeply nested `if`) quadratic.
 */
interface MaskedRun {
  text: string;
  bare: string;
  /** The functions the RUN defines (`pushd() {…}`), read on first need. */
  functions?: ReadonlyMap<string, number>;
}
let lastMasked: MaskedRun | undefined;
function maskedOf(text: string): MaskedRun {
  if (lastMasked?.text !== text) lastMasked = { text, bare: maskQuotes(text).bare };
  return lastMasked;
}

function bareOf(text: string): string {
  return maskedOf(text).bare;
}

function functionsOf(text: string): ReadonlyMap<string, number> {
  const masked = maskedOf(text);
  masked.functions ??= definedFunctions(masked.bare);
  return masked.functions;
}

/**
 * `failure`: what the build prints, "bash: not found" unless said. The official images that ship
 * bash ship no dash: a known image is one without dash.
 */
function missingShell(
  at: BashAt,
  emit: Emit,
  shell: MissingShell,
): (line: number, who: string, failure?: string) => void {
  const ships = rootImageShipsBash(at.stage, at.stages);
  const known = shell === "bash" || ships === undefined ? ships : false;
  if (known === true) return () => {};
  const instead = shell === "bash" ? "" : DASH_INSTEAD;
  return (line, who, failure = `"${shell}: not found"`) =>
    emit(
      line,
      "bash-missing",
      `${who} runs ${shell}, but Alpine stage ${at.stage.name} has not installed it by here${known === undefined ? ` (unless its base image ships ${shell})` : ""}, so the build fails (${failure}): apk add --no-cache ${shell} in an earlier RUN, or write the step for /bin/sh (busybox ash)${instead}`,
      known === undefined ? "warning" : "error",
    );
}

/** Why `dash` is not just respelled `sh`. */
const DASH_INSTEAD =
  " (its echo then needs -e for the escapes dash's echo reads: alpinize migrate installs dash instead)";

function syntaxMessage(stage: StageInfo, p: { kind: string; message: string }, guarded: boolean) {
  const where = `this RUN of Alpine stage ${stage.name} runs under /bin/sh (busybox ash) and uses ${p.message}`;
  const fix = `write it for sh, or apk add bash and put SHELL ["/bin/bash", "-c"] before this RUN`;
  if (p.kind === "parse")
    return `${where}: ash does not run any of this RUN, so the build fails here; ${fix}`;
  if (p.kind === "literal") return `${where}; ${fix}`;
  if (guarded)
    return `${where}: the build fails where the word is expanded, if this guarded call is reached; ${fix}`;
  return `${where}: the build fails here; ${fix}`;
}

/** The last command starting at or before an offset of the RUN text, with its line. */
function commandAt(run: RunStep, offset: number): { cmd: ShellCommand; line: number } | undefined {
  let found: { cmd: ShellCommand; line: number } | undefined;
  run.commands.forEach((cmd, i) => {
    if (cmd.offset <= offset) found = { cmd, line: run.commandLines[i] ?? run.line };
  });
  return found;
}
