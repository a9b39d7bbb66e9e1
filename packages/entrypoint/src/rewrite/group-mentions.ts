import { isAlpinizeError } from "@alpinize/errors";
import { baseName, commandName } from "../shell/command-name.js";
import { literal, type SimpleCommand, scanShell, type Word } from "../shell/scan.js";
import { groupWords, type Kind, split } from "./group-uses.js";
import { type GroupPosition, userToolGroupWords } from "./user-tool-words.js";

/**
 * Where a command names a group the script made earlier with a GID, shared by the rewrite's
 * warnings and the lint, so that `alpinize check` and a rerun of `alpinize entrypoint` report
 * the same words.
 */
export interface MentionContext {
  text: string;
  /** Comments and here-document bodies (a `sh <<EOF` body is code another shell runs). */
  inert: ReadonlyArray<readonly [number, number]>;
  /** The GID of group `name` when a command ending at or before `offset` made it. */
  madeBefore: (name: string, offset: number) => string | undefined;
}

export interface GroupMention {
  offset: number;
  group: string;
  gid: string;
  /** Set when the name stands in code another shell runs: `sh -c`, `eval`, `sh <<EOF`. */
  nested?: string;
}

// Commands whose arguments are text or user names, not group names (`id app` asks about a user).
const QUIET = new Set([
  "echo",
  "printf",
  ":",
  "true",
  "[",
  "test",
  "alpinize_say",
  "log",
  "id",
  "groups",
  "whoami",
  // It makes the group: naming it there is no later use.
  "alpinize_ensure_group",
]);

const SHELLS = new Set(["sh", "bash", "dash", "ash", "ksh", "mksh", "zsh"]);
// A string inside a string inside a string is as deep as this looks.
const MAX_NESTING = 3;

/** The group names made with a GID that `cmd` (name at `at`) names after they were made. */
export function groupMentions(ctx: MentionContext, cmd: SimpleCommand, at: number): GroupMention[] {
  return mentionsIn(ctx, cmd, at, cmd.start, 0);
}

function mentionsIn(
  ctx: MentionContext,
  cmd: SimpleCommand,
  at: number,
  when: number,
  nesting: number,
): GroupMention[] {
  const name = baseName(literal(cmd.words[at]?.text ?? ""));
  if (name === undefined || QUIET.has(name)) return [];
  const args = cmd.words.slice(at + 1);
  const out: GroupMention[] = [];
  const code = nestedCode(ctx, name, args, cmd);
  // `sh -c STRING` and `eval`: their words are code, not names; su's -g still names a group.
  if (code === undefined || name === "su" || name === "runuser") {
    for (const { word, names } of positions(name, args)) {
      for (const group of names) {
        const gid = ctx.madeBefore(group, when);
        if (gid === undefined) continue;
        out.push({ offset: word.start, group, gid });
        break;
      }
    }
  }
  if (nesting >= MAX_NESTING) return out;
  for (const piece of code ?? []) {
    const inner = scanNested(piece.code);
    if (!inner) continue;
    const innerCtx = { ...ctx, text: piece.code, inert: inner.inert };
    for (const c of inner.commands) {
      const target = commandName(c);
      if (!target) continue;
      for (const m of mentionsIn(innerCtx, c, target.at, when, nesting + 1))
        out.push({ ...m, offset: piece.offset(m.offset), nested: m.nested ?? piece.how });
    }
  }
  return out;
}

/**
 * The string read as a script; undefined when it nests `$( )` past the scanner's limit (the
 * outer scan never read inside the quotes, so that is no error of the script's own text).
 */
function scanNested(code: string): ReturnType<typeof scanShell> | undefined {
  try {
    return scanShell(code);
  } catch (err) {
    if (isAlpinizeError(err)) return undefined;
    throw err;
  }
}

interface NestedCode {
  code: string;
  how: string;
  /** Where an offset in `code` is in the outer text. */
  offset: (at: number) => number;
}

/** The code the command hands to another shell; undefined when it runs none. */
function nestedCode(
  ctx: MentionContext,
  name: string,
  args: Word[],
  cmd: SimpleCommand,
): NestedCode[] | undefined {
  if (name === "eval") return args.map((w) => fromWord(w, "eval"));
  if (SHELLS.has(name) || name === "su" || name === "runuser") {
    const c = args.findIndex((w) => /^-[A-Za-z]*c$|^--command$/.test(literal(w.text) ?? ""));
    const string = c >= 0 ? args[c + 1] : undefined;
    if (string) return [fromWord(string, `${name} -c`)];
    if (!SHELLS.has(name)) return undefined;
    const body = hereDocumentBody(ctx, cmd);
    if (body) return [body];
  }
  return undefined;
}

/** A string's shell code: its literal value, or a double-quoted one's text as written. */
function fromWord(word: Word, how: string): NestedCode {
  const quoted = /^(['"])([\s\S]*)\1$/.exec(word.text);
  const code = literal(word.text) ?? quoted?.[2] ?? word.text;
  const exact = quoted !== null && code === quoted[2];
  return { code, how, offset: (at) => (exact ? word.start + 1 + at : word.start) };
}

/** `sh <<EOF` (no -c): the body that starts on the next line is the script the shell reads. */
function hereDocumentBody(ctx: MentionContext, cmd: SimpleCommand): NestedCode | undefined {
  if (!cmd.redirects.some((r) => /^\d*<<-?$/.test(r.op))) return undefined;
  const lineEnd = ctx.text.indexOf("\n", cmd.end);
  if (lineEnd < 0) return undefined;
  const range = ctx.inert.find((r) => r[0] === lineEnd + 1);
  if (!range) return undefined;
  const [start, end] = range;
  return {
    code: ctx.text.slice(start, end),
    how: "a here-document sh reads",
    offset: (at) => start + at,
  };
}

/** The words of a command that may name a group, with the names written there. */
function positions(name: string, args: Word[]): GroupPosition[] {
  const fixed = knownPositions(name, args);
  if (fixed) {
    return fixed.flatMap(({ word, kind }) => {
      const parts = split(word.text, kind);
      return parts ? [{ word, names: [parts.group] }] : [];
    });
  }
  return userToolGroupWords(name, args) ?? args.map(anyGroupIn);
}

/** Commands whose group words are known: a chown owner without `:` or `.` is a user. */
function knownPositions(name: string, args: Word[]): Array<{ word: Word; kind: Kind }> | undefined {
  if (["gosu", "su-exec", "alpinize_exec_as"].includes(name))
    return args[0] ? [{ word: args[0], kind: "owner" }] : [];
  if (name === "alpinize_add_user_to_group")
    return args[1] ? [{ word: args[1], kind: "group" }] : [];
  if (name === "getent" || name === "alpinize_getent") return getentGroupKeys(args);
  return groupWords(name, args);
}

/**
 * The keys of `getent group KEY…`: the rewrite leaves the call as written and warns, since the
 * lookup fails where NAME was never made. Options (glibc's `-s SERVICE`, `-i`) come first.
 */
function getentGroupKeys(args: Word[]): Array<{ word: Word; kind: Kind }> {
  let i = 0;
  for (; i < args.length; i++) {
    const lit = literal(args[i]!.text);
    if (lit === "--") {
      i++;
      break;
    }
    if (lit === undefined || !lit.startsWith("-")) break;
    if (lit === "-s") i++;
  }
  if (literal(args[i]?.text ?? "") !== "group") return [];
  return args.slice(i + 1).map((word) => ({ word, kind: "group" as const }));
}

/** Any other command: the word, the part after `:` or after `--option=`, may be the group. */
function anyGroupIn(word: Word): GroupPosition {
  const lit = literal(word.text);
  if (lit === undefined) return { word, names: [] };
  return { word, names: [lit.slice(lit.lastIndexOf(":") + 1).replace(/^--?[a-z-]+=/, "")] };
}
