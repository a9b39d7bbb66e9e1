import { splitFlags } from "../parse/dockerfile.js";
import { sourceSpan } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { parseScript } from "../shell/script.js";
import type { ShellSource } from "../shell/source.js";
import { execWords } from "./exec-words.js";
import { shellScriptIndex } from "./started-commands.js";

/** A Dockerfile's text and escape character, which a source's offsets lead back to. */
export interface DockerfileText {
  text: string;
  doc: { escape: string };
}

/**
 * The script an exec-form `RUN ["bash", "-c", "…"]` hands its shell, read like a shell-form RUN,
 * its spans mapped through the JSON string's escapes to the file. Undefined for an exec form that
 * runs no `-c` string. A rule must not edit inside it: a replacement would need JSON escaping.
 */
export function execRunSource(
  ctx: DockerfileText,
  ins: Instruction,
  /** Where the JSON array starts in the argument text (past `CMD` for a HEALTHCHECK). */
  rest = splitFlags(ins.args.text).rest,
  /** How many leading words to pass over: a starter (`tini --`, `gosu app`) before the shell. */
  skip = 0,
): ShellSource | undefined {
  const words = execWords(ins.args.text.slice(rest));
  if (!words) return undefined;
  const k = shellScriptIndex(words.slice(skip).map((w) => w.value));
  const word = k === undefined ? undefined : words[skip + k];
  if (!word) return undefined;
  // Past the last character: the closing quote, one after the last character's escape.
  const end = word.start + 1 + (word.at.length === 0 ? 0 : word.at.at(-1)! - word.start);
  const index = (i: number) => rest + (i < word.at.length ? word.at[i]! : end);
  return {
    script: parseScript(word.value),
    file: ctx.text,
    escapeChar: ctx.doc.escape,
    span: (from, to) => {
      const [start] = sourceSpan(ins.args, index(from), index(from) + 1);
      if (to <= from) return [start, start];
      return [start, sourceSpan(ins.args, index(to - 1), index(to - 1) + 1)[1]];
    },
    direct: false,
  };
}
