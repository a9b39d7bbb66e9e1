import { SHELL_KEYWORDS } from "@alpinize/busybox";
import {
  ALWAYS_FAIL,
  alwaysSucceeds,
  MAY_END,
  mayExit,
  type ShellOptions,
  shellOptions,
  shellScriptIndex,
} from "@alpinize/dockerfile";
import type { CommandStatus } from "./and-or-lists.js";
import { CaseArms, type CaseStep, merged } from "./case-arms.js";
import { LIST_ENDS, looksUp, ShellGuards } from "./shell-guards.js";
import { type Substitution, substitutionOffset, tokenize } from "./shell-words.js";

/** One simple command found in a shell script: its name, arguments and leading assignments. */
export interface ShellCommand {
  name: string;
  args: string[];
  assignments: string[];
  /**
   * Assignments alone before it, each a command of its own (`X=1; foo`): they set shell variables,
   * not its environment (go does not see `GOFLAGS=…; go build`'s), but later words read them and
   * one may end the shell before it runs (`X=${y?}`, or `X=$y` under `set -u`).
   */
  setBefore?: string[];
  /** Offset of the command name in the scanned text. */
  offset: number;
  /** Files its redirections name (`> F`, `>> F`, `< F`), not heredoc words or `>&2`. */
  redirects?: string[];
  /** Its failure does not stop the script (`X || …`, `if X`, `! X`); see ShellGuards. */
  guarded?: true;
  /** Its standard input is the output of the command before it (`curl … | sh`). */
  piped?: true;
  /**
   * For a command of a `sh -c '…'` or `eval` string (which carries the offset of the command that
   * runs the string): each string it is in, outermost first, and its offset in that string.
   */
  within?: NestedAt[];
}

/** Where a command sits in a string another command runs. */
export interface NestedAt {
  text: string;
  at: number;
}

/** A command of `text` (a string `outer` runs) placed at `outer`, remembering where it was. */
export function placedInside(c: ShellCommand, text: string, outer: ShellCommand): ShellCommand {
  return {
    ...c,
    offset: outer.offset,
    within: [...(outer.within ?? []), { text, at: c.offset }, ...(c.within ?? [])],
    ...guardOf(outer),
  };
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
/** Words that run the command after them (`sudo apt-get`, `xargs -r apt-get`). */
const WRAPPERS = new Set([
  "sudo",
  "doas",
  "exec",
  "command",
  "nice",
  "nohup",
  "env",
  "xargs",
  "time",
  "timeout",
]);
/** Wrapper options followed by a value (`sudo -u root`, `nice -n 10`, `xargs -I {}`). */
const VALUE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  sudo: ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"],
  doas: ["-u", "-C"],
  nice: ["-n"],
  timeout: ["-s", "-k"],
  xargs: ["-I", "-E", "-n", "-s", "-P", "-a", "-d", "-L"],
};

/**
 * A light scan of a shell script for the commands it runs. It is not a shell parser: it splits on
 * operators, skips reserved words, `for`/`case` headers and wrapper commands, and looks inside
 * `$(…)`, backticks and `sh -c '…'` / `bash -lc '…'` bodies. A substitution is one word of the
 * command it is written in (`apk add $(cat list) bash`); the commands it runs come before that
 * command, which runs them first. Good enough to find `apt-get` or `useradd` anywhere.
 * `options`: what the script, or one it is in, sets (`set -o pipefail`, `set -u`).
 */
export function scanCommands(
  text: string,
  depth = 0,
  options: ShellOptions = shellOptions(text),
): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let current: ShellCommand | undefined;
  let skipHeader = false;
  let afterPipe = false;
  const pendingAssignments: string[] = [];
  // Assignments alone, a command ended after them: the next command's setBefore.
  const standalone: string[] = [];
  const pendingRedirects: string[] = [];
  // What the substitutions in the words so far run: before the command that holds them.
  const substituted: ShellCommand[] = [];
  const marked = new GuardedRange();
  // Commands of a substitution in another command's words: their status is not the list's.
  const inWords = new Set<number>();
  // Commands with a redirection onto a descriptor that may not be open (`>&3`, `>&-`).
  const badDescriptor = new Set<ShellCommand>();
  let pendingBadDescriptor = false;
  const status = (k: number): CommandStatus => {
    if (inWords.has(k)) return "word";
    const cmd = commands[k]!;
    return badDescriptor.has(cmd) ? "ends" : howItEnds(cmd, options);
  };
  const guards = new ShellGuards(
    status,
    (from, to) => marked.guard(commands, from, to),
    options.pipefail,
  );
  const end = (cmd: ShellCommand | undefined) => {
    // With no command (`V=$(X)`, `for f in $(X)`), X's guard is that of a command at its place.
    const guarded = cmd ? cmd.guarded : substituted.length > 0 && guards.starts();
    for (const inner of substituted.splice(0)) {
      if (cmd) inWords.add(commands.length);
      commands.push(guarded ? { ...inner, guarded: true } : inner);
    }
    if (!cmd) return;
    const bare =
      !cmd.redirects && cmd.assignments.length === 0 && !cmd.setBefore && !badDescriptor.has(cmd);
    guards.ended(cmd.name, cmd.args, commands.length, bare);
    commands.push(cmd);
  };
  // The command being read ends (an operator, a case arm's end).
  const endCommand = () => {
    if (!current && pendingAssignments.length > 0)
      guards.assignment(assignmentEnds(pendingAssignments, pendingRedirects, options));
    // A redirection with no command after it (`> FILE` alone) only makes the file: not kept.
    pendingRedirects.length = 0;
    for (const a of pendingAssignments.splice(0)) standalone.push(a);
    pendingBadDescriptor = false;
    end(current);
    current = undefined;
    skipHeader = false;
  };
  const caseStep = (step: Exclude<CaseStep, "scan" | "skip">) => {
    if ("start" in step) guards.caseStart(commands.length);
    else if ("armStart" in step) {
      end(undefined);
      guards.caseArm(commands.length);
    } else {
      if ("armEnd" in step || step.armOpen) {
        endCommand();
        guards.caseArmEnd(commands.length, "armEnd" in step && step.fallthrough);
      }
      if ("end" in step) guards.caseEnd(commands.length);
    }
    afterPipe = false;
  };
  const cases = new CaseArms();
  for (const token of merged(tokenize(text), () => cases.inBody())) {
    // One by one: spreading a substitution of a million commands into push overflows the stack.
    if (token.kind !== "op")
      for (const c of substitutedCommands(token.subs, depth, options)) substituted.push(c);
    const step = cases.step(token, !current && !skipHeader);
    if (step === "skip") continue;
    if (step !== "scan") {
      caseStep(step);
      continue;
    }
    // An assignment or redirection alone between a `;` and a group's end is a command of its own;
    // a `;` before `then`, `fi`, `done`… leaves the list's status to be read with the if or loop.
    const closes = token.kind === "word" && LIST_ENDS.has(token.text);
    if (!current && token.kind !== "op" && !closes) guards.other();
    if (token.kind === "redirect") {
      const badFd = token.descriptor !== undefined && !/^[12]$/.test(token.descriptor);
      if (badFd) {
        if (current) badDescriptor.add(current);
        else pendingBadDescriptor = true;
      }
      // `( … ) >&3`, `{ …; } > F`: the group may not run, its failure may end the shell.
      if (!current && (badFd || (token.target ?? "/dev/null") !== "/dev/null"))
        guards.riskyRedirect();
      if (token.target === undefined) continue;
      if (current) {
        current.redirects ??= [];
        current.redirects.push(token.target);
      } else pendingRedirects.push(token.target);
      continue;
    }
    if (token.kind === "op") {
      endCommand();
      guards.operator(token.text, commands.length);
      // `a |` at a line's end pipes into the command on the next line.
      afterPipe = token.text === "|" || (afterPipe && token.text === "\n");
      continue;
    }
    if (current) {
      current.args.push(token.text);
      continue;
    }
    if (skipHeader) continue;
    if (token.text === "for" || token.text === "select") {
      skipHeader = true;
      continue;
    }
    if (SHELL_KEYWORDS.has(token.text)) {
      guards.keyword(token.text, commands.length);
      continue;
    }
    if (ASSIGNMENT.test(token.text)) {
      pendingAssignments.push(token.text);
      continue;
    }
    current = {
      name: token.text,
      args: [],
      assignments: pendingAssignments.splice(0),
      offset: token.offset,
    };
    if (standalone.length > 0) current.setBefore = standalone.splice(0);
    if (guards.starts()) current.guarded = true;
    if (afterPipe) current.piped = true;
    // `> /etc/x echo hi`: a redirection written before the name is still the command's.
    if (pendingRedirects.length > 0) current.redirects = pendingRedirects.splice(0);
    if (pendingBadDescriptor) badDescriptor.add(current);
    pendingBadDescriptor = false;
  }
  endCommand();
  guards.finish(commands.length);
  return depth > 3 ? commands : expand(commands, depth, options);
}

/**
 * The commands a `||` guards, marked once each: `( a || true ) || true` guards `a` twice, and
 * marking a span again at each enclosing list was quadratic in the nesting.
 */
class GuardedRange {
  /** commands[from, to) are guarded already. */
  private from = 0;
  private to = 0;

  guard(commands: ShellCommand[], from: number, to: number): void {
    const inside = from >= this.from && from <= this.to;
    for (let k = inside ? Math.max(this.to, from) : from; k < to; k++) commands[k]!.guarded = true;
    if (inside) this.to = Math.max(this.to, to);
    else [this.from, this.to] = [from, to];
  }
}

/**
 * `true`, `:`, `echo …`, `printf …`, `exit 0`, `return 0` exit 0 (`exit` alone keeps the failed
 * status); a redirection to a file other than /dev/null, `${x?}` or `$((1/0))` may end the shell,
 * also in an assignment alone before it (`{ X=${y?}; true; }`: read as the command's own), as
 * may an assignment where a variable may be read-only (busybox sh exits).
 */
function howItEnds(cmd: ShellCommand, options: ShellOptions): Exclude<CommandStatus, "word"> {
  if (cmd.redirects?.some((f) => f !== "/dev/null")) return "ends";
  const assigned = [...cmd.assignments, ...(cmd.setBefore ?? [])];
  if (options.readonly && assigned.length > 0) return "ends";
  const words = [cmd.name, ...cmd.args, ...assigned];
  if (words.some((w) => mayExit(w, options.nounset))) return "ends";
  const name = baseName(cmd.name);
  if (alwaysSucceeds(name, cmd.args)) return "ok";
  if (ALWAYS_FAIL.has(name)) return "no";
  if ((name === "exit" || name === "return") && cmd.args.length === 1 && cmd.args[0] === "0")
    return "ok";
  return MAY_END.has(name) || name.includes("$") ? "ends" : "fails";
}

/**
 * How an assignment alone (`b || X=1`) ends, the commands of its substitutions aside (read as
 * commands of its part: `X=$(false)` fails): it exits 0, unless a word may end the shell
 * (`X=$y` under set -u), the variable may be read-only (busybox sh exits) or a redirection may fail.
 */
function assignmentEnds(
  words: readonly string[],
  redirects: readonly string[],
  options: ShellOptions,
): "ok" | "ends" {
  if (options.readonly || redirects.some((f) => f !== "/dev/null")) return "ends";
  return words.some((w) => mayExit(w, options.nounset)) ? "ends" : "ok";
}

/** Substitutions nested deeper than this are part of their word, not scanned. */
const MAX_SUBSTITUTION_DEPTH = 8;

/** The commands `$(…)` and backquotes run, at their own offsets in the scanned text. */
function substitutedCommands(
  subs: readonly Substitution[],
  depth: number,
  options: ShellOptions,
): ShellCommand[] {
  if (subs.length === 0 || depth >= MAX_SUBSTITUTION_DEPTH) return [];
  return subs.flatMap((sub) =>
    scanCommands(sub.text, depth + 1, options).map((c) => ({
      ...c,
      offset: substitutionOffset(sub, c.offset),
    })),
  );
}

/** Sees through `sudo X`, `env A=1 X`, and runs the scan again on `sh -ec '…'` bodies. */
function expand(commands: ShellCommand[], depth: number, options: ShellOptions): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (const cmd of commands) {
    out.push(cmd);
    const base = cmd.name.slice(cmd.name.lastIndexOf("/") + 1);
    if (WRAPPERS.has(base)) {
      // The wrapper's own options and assignments come first; the command keeps all of its own.
      let k = 0;
      while (k < cmd.args.length) {
        const a = cmd.args[k]!;
        if (a.startsWith("-")) k += VALUE_OPTIONS[base]?.includes(a) ? 2 : 1;
        else if (ASSIGNMENT.test(a) || (base === "timeout" && /^\d+[smhd]?$/.test(a))) k++;
        else break;
      }
      const [name, ...args] = cmd.args.slice(k);
      // Expanded in turn: `sudo sh -ec '…'`, `env A=1 nice X`.
      if (name !== undefined && !looksUp(base, cmd.args.slice(0, k))) {
        const wrapped = { name, args, assignments: [], offset: cmd.offset, ...guardOf(cmd) };
        for (const c of expand([wrapped], depth, options)) out.push(c);
      }
    }
    // `sh -c`, `sh -ec`, `bash -o pipefail -lc`: the rule migrate reads ENTRYPOINT/CMD by.
    const script = shellScriptIndex([cmd.name, ...cmd.args]);
    if (script !== undefined) {
      const body = cmd.args[script - 1];
      // Offsets inside the body are not offsets of the text: the body's commands are on `sh`'s.
      if (body !== undefined)
        for (const c of scanCommands(body, depth + 1, options))
          out.push(placedInside(c, body, cmd));
    }
  }
  return out;
}

/** What a command found inside another takes over from it. */
export function guardOf(cmd: ShellCommand): { guarded?: true } {
  return cmd.guarded ? { guarded: true } : {};
}

/** `/usr/bin/apt-get` → `apt-get`. */
export function baseName(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}
