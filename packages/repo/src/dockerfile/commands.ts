import { shellScriptIndex } from "@alpinize/dockerfile";
import { looksUp, ShellGuards } from "./shell-guards.js";

/** One simple command found in a shell script: its name, arguments and leading assignments. */
export interface ShellCommand {
  name: string;
  args: string[];
  assignments: string[];
  /** Offset of the command name in the scanned text. */
  offset: number;
  /** Files its redirections name (`> F`, `>> F`, `< F`), not heredoc words or `>&2`. */
  redirects?: string[];
  /** Its failure does not stop the script (`X || …`, `if X`, `! X`); see ShellGuards. */
  guarded?: true;
}

type Token =
  | { kind: "word"; text: string; offset: number }
  | { kind: "op"; text: string }
  | { kind: "redirect"; target: string | undefined };

const KEYWORDS = new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
  "while",
  "until",
  "!",
  "{",
  "}",
  "time",
]);
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
 * `$(…)`, backticks and `sh -c '…'` / `bash -lc '…'` bodies. Good enough to find `apt-get` or `useradd` anywhere.
 */
export function scanCommands(text: string, depth = 0): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let current: ShellCommand | undefined;
  let skipHeader = false;
  const pendingAssignments: string[] = [];
  const pendingRedirects: string[] = [];
  const guards = new ShellGuards();
  const end = (cmd: ShellCommand) => {
    guards.ended(cmd.name, cmd.args);
    commands.push(cmd);
  };
  for (const token of tokenize(text)) {
    if (token.kind === "redirect") {
      if (token.target === undefined) continue;
      if (current) current.redirects = [...(current.redirects ?? []), token.target];
      else pendingRedirects.push(token.target);
      continue;
    }
    if (token.kind === "op") {
      // A redirection with no command after it (`> FILE` alone) only makes the file: not kept.
      pendingRedirects.length = 0;
      if (current) end(current);
      current = undefined;
      const from = guards.operator(token.text, commands.length);
      for (const cmd of commands.slice(from ?? commands.length)) cmd.guarded = true;
      skipHeader = false;
      continue;
    }
    if (current) {
      current.args.push(token.text);
      continue;
    }
    if (skipHeader) continue;
    if (token.text === "for" || token.text === "case" || token.text === "select") {
      skipHeader = true;
      continue;
    }
    if (KEYWORDS.has(token.text)) {
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
    if (guards.starts()) current.guarded = true;
    // `> /etc/x echo hi`: a redirection written before the name is still the command's.
    if (pendingRedirects.length > 0) current.redirects = pendingRedirects.splice(0);
  }
  if (current) end(current);
  return depth > 3 ? commands : expand(commands, depth);
}

/** Sees through `sudo X`, `env A=1 X`, and runs the scan again on `sh -ec '…'` bodies. */
function expand(commands: ShellCommand[], depth: number): ShellCommand[] {
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
      if (name !== undefined && !looksUp(base, cmd.args.slice(0, k)))
        out.push(
          ...expand([{ name, args, assignments: [], offset: cmd.offset, ...guardOf(cmd) }], depth),
        );
    }
    // `sh -c`, `sh -ec`, `bash -o pipefail -lc`: the rule migrate reads ENTRYPOINT/CMD by.
    const script = shellScriptIndex([cmd.name, ...cmd.args]);
    if (script !== undefined) {
      const body = cmd.args[script - 1];
      // Offsets inside the body are not offsets of the text: the body's commands are on `sh`'s.
      if (body !== undefined)
        out.push(
          ...scanCommands(body, depth + 1).map((c) => ({
            ...c,
            offset: cmd.offset,
            ...guardOf(cmd),
          })),
        );
    }
  }
  return out;
}

/** What a command found inside another takes over from it. */
export function guardOf(cmd: ShellCommand): { guarded?: true } {
  return cmd.guarded ? { guarded: true } : {};
}

function* tokenize(text: string): Generator<Token> {
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "#" && (i === 0 || /\s|;|&|\|/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (ch === "\\" && text[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r") {
      i++;
      continue;
    }
    if ("\n;&|()`".includes(ch)) {
      const pair = (ch === "|" || ch === "&") && text[i + 1] === ch;
      yield { kind: "op", text: pair ? ch + ch : ch };
      i += pair ? 2 : 1;
      continue;
    }
    if (ch === "$" && text[i + 1] === "(" && text[i + 2] !== "(") {
      yield { kind: "op", text: "$(" };
      i += 2;
      continue;
    }
    // `2>/dev/null`, `2>&1`: digits right before < or > are the descriptor the redirection
    // applies to, not a word of the command (POSIX IO_NUMBER).
    const descriptor = /^\d+(?=[<>])/.exec(text.slice(i, i + 12));
    if (ch === "<" || ch === ">" || descriptor) {
      const redirect = readRedirect(text, i + (descriptor?.[0].length ?? 0));
      yield { kind: "redirect", target: redirect.target };
      i = redirect.end;
      continue;
    }
    const word = readWord(text, i);
    yield { kind: "word", text: word.text, offset: i };
    // Always advance, so no input can stall the scan.
    i = Math.max(word.end, i + 1);
  }
}

/** The operator and the word after it; `target` is that word when it names a file. */
function readRedirect(text: string, start: number): { target: string | undefined; end: number } {
  let i = start;
  while (i < text.length && "<>&-|".includes(text[i]!)) i++;
  const op = text.slice(start, i);
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  const word = readWord(text, i);
  // `<<EOF` and `<<<word` are text, `>&2` and `<&-` a descriptor: neither names a file.
  const file = !op.startsWith("<<") && !op.endsWith("&") && !op.endsWith("-");
  return { target: file ? word.text : undefined, end: Math.max(word.end, start + 1) };
}

function readWord(text: string, start: number): { text: string; end: number } {
  let out = "";
  let i = start;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const close = findClose(text, i + 1, ch);
      out += text.slice(i + 1, close).replace(ch === '"' ? /\\(["\\$`])/g : /$^/g, "$1");
      i = close + 1;
      continue;
    }
    if (ch === "\\" && i + 1 < text.length) {
      if (text[i + 1] !== "\n") out += text[i + 1];
      i += 2;
      continue;
    }
    if (/\s/.test(ch) || ";&|()<>`".includes(ch)) break;
    if (ch === "$" && text[i + 1] === "(" && i > start) break;
    out += ch;
    i++;
  }
  return { text: out, end: i };
}

function findClose(text: string, from: number, quote: string): number {
  let i = from;
  while (i < text.length && text[i] !== quote) {
    if (quote === '"' && text[i] === "\\") i++;
    i++;
  }
  return Math.min(i, text.length);
}

/** `/usr/bin/apt-get` → `apt-get`. */
export function baseName(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}
