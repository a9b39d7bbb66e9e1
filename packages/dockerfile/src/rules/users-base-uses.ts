import type { Instruction, ParsedDockerfile } from "../parse/types.js";
import { analyzeStages, type Stage } from "../stages.js";
import type { ScriptScope } from "./scope.js";

const models = new WeakMap<ParsedDockerfile, Stage[]>();

/**
 * The instructions of this stage, of the stages it is built FROM and of the stages built FROM
 * it: every place where deleting a base group in this stage shows.
 */
function relatedInstructions(scope: ScriptScope): Instruction[] {
  const doc = scope.ctx.doc;
  let stages = models.get(doc);
  if (!stages) {
    stages = analyzeStages(doc).stages;
    models.set(doc, stages);
  }
  const index = scope.stage.info.stage.index;
  const chain = (s: Stage) => {
    const out: number[] = [];
    for (let p: Stage | undefined = s; p; p = p.parent) out.push(p.index);
    return out;
  };
  const ancestors = chain(stages[index] ?? scope.stage.info.stage);
  return stages
    .filter((s) => ancestors.includes(s.index) || chain(s).includes(index))
    .flatMap((s) => s.body);
}

/** Where a word sits as the command run (`ping -c1 host`), not as one of its operands. */
const COMMAND_POSITION = /(?:[;&|({!]|\b(?:RUN|CMD|ENTRYPOINT|then|do|else|exec|sudo))$/i;

/**
 * Whether the text before `at`, blanks and line continuations dropped, ends where a command
 * starts: as `(?:^|[;&|({!]|\[\s*"|\b(?:RUN|…|sudo))$` tests the text before it. Read backwards
 * from `at` and on the last few characters: that expression, and slicing the text before each
 * match, went over the whole text again for each match.
 */
export function commandPositionAt(text: string, at: number): boolean {
  let end = at;
  for (;;) {
    const c = text[end - 1];
    if (c === "\n" && text[end - 2] === "\\") end -= 2;
    else if (c === "\n" && text[end - 2] === "\r" && text[end - 3] === "\\") end -= 3;
    else if (c !== undefined && /\s/.test(c)) end -= 1;
    else break;
  }
  if (end === 0) return true;
  // The longest word, ENTRYPOINT, and the character before it for \b.
  if (COMMAND_POSITION.test(text.slice(Math.max(0, end - 11), end))) return true;
  if (text[end - 1] !== '"') return false;
  let k = end - 1;
  while (k > 0 && /\s/.test(text[k - 1] as string)) k--;
  return text[k - 1] === "[";
}

/**
 * Where these stages name group `name` (an owner, an option, a membership…), if they do: the
 * command word itself (`ping -c 1 db`) is not a use of the group.
 */
export function groupNameUse(scope: ScriptScope, name: string): string | undefined {
  const n = name.replace(/[.\\-]/g, "\\$&");
  const re = new RegExp(`(?<![\\w.$/@-])${n}(?![\\w.-])`, "g");
  for (const ins of relatedInstructions(scope)) {
    const text = scope.ctx.text.slice(ins.start, ins.end);
    for (const m of text.matchAll(re)) {
      if (!commandPositionAt(text, m.index)) return around(text, m.index);
    }
  }
  return undefined;
}

/**
 * Where these stages name GID `gid` as a group before script offset `at` (`chown :999`, `useradd
 * -g 999`), where it still is the base group's: a use of that group by number.
 */
export function gidUseBefore(scope: ScriptScope, at: number, gid: number): string | undefined {
  const end = scope.fileOffset(at);
  const b = "(?![\\w.-])";
  const uses = [
    new RegExp(`(?:\\bchown\\s+(?:-\\S+\\s+)*|--chown=)[^\\s:]*:${gid}${b}`),
    new RegExp(`\\bchgrp\\s+(?:-\\S+\\s+)*${gid}${b}`),
    new RegExp(`^[ \\t]*USER\\s+[^\\s:]+:${gid}${b}`, "im"),
    new RegExp(
      `\\b(?:useradd|usermod|adduser|addgroup|groupmod)\\b[^;&|\\n]*?(?:\\s-[a-zA-Z]*[gG]|\\s--(?:gid|groups|ingroup))[\\s=](?:[^\\s,]*,)*${gid}${b}`,
    ),
  ];
  for (const ins of relatedInstructions(scope)) {
    if (ins.start >= end) continue;
    const text = scope.ctx.text.slice(ins.start, Math.min(ins.end, end));
    for (const re of uses) {
      const m = re.exec(text);
      if (m) return m[0].trim();
    }
  }
  return undefined;
}

/** The command around offset `k` of `text`, for a message. */
function around(text: string, k: number): string {
  const start = Math.max(...[";", "&", "|", "\n"].map((c) => text.lastIndexOf(c, k))) + 1;
  const ends = [";", "&", "|", "\n"].map((c) => text.indexOf(c, k)).filter((e) => e !== -1);
  const piece = text
    .slice(start, ends.length > 0 ? Math.min(...ends) : text.length)
    .replace(/\\$/, "")
    .trim()
    // The first command of an instruction: without its keyword.
    .replace(/^(?:RUN|CMD|ENTRYPOINT)\s+/i, "");
  return piece.length > 60 ? `${piece.slice(0, 57)}...` : piece;
}
