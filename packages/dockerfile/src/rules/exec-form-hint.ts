import { quoted } from "@alpinize/errors";
import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import { DEBIAN_TOOLS } from "./debian-tools.js";
import { execWords } from "./exec-words.js";
import { toolsInRun } from "./tools-in-run.js";

/** Tools a warning names before it says how many more there are. */
const MAX_TOOLS = 3;

/**
 * The warning at an exec-form RUN that runs (or names) a Debian tool on a stage moved to (or
 * already on) Alpine: migrate rewrites shell-form RUN lines only, so it says which tools the RUN
 * runs (its JSON words decoded, as Docker runs them) and the shell-form line to write instead,
 * which the next run converts. One line, the RUN's text quoted on one line and cut at 200
 * characters.
 */
export function warnExecFormRun(ctx: MigrationContext, ins: Instruction): void {
  const tools = [...new Set(toolsInRun(ctx, ins).map((t) => t.tool))];
  const text = decodedText(ins);
  if (tools.length === 0 && !DEBIAN_TOOLS.test(text)) return;
  const what = tools.length > 0 ? `runs ${listed(tools)}` : `names ${quoted(namingWord(text))}`;
  ctx.warn(
    "exec-form",
    ins.start,
    `exec-form RUN that ${what} is not converted (migrate rewrites shell-form RUN lines only): write it in shell form, ${shellFormHint(ins)}, then run alpinize again`,
  );
}

/** The exec form's words as Docker decodes them, joined by spaces (its text when not JSON). */
function decodedText(ins: Instruction): string {
  const { rest } = splitFlags(ins.args.text);
  return (
    execWords(ins.args.text.slice(rest))
      ?.map((w) => w.value)
      .join(" ") ?? ins.args.text
  );
}

function listed(tools: string[]): string {
  const shown = tools.slice(0, MAX_TOOLS).map((t) => quoted(t, 40));
  const more = tools.length - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}` : shown[0]!;
}

/** The whitespace-separated word the Debian tool pattern matched in (`/var/lib/apt/lists`). */
function namingWord(text: string): string {
  const m = DEBIAN_TOOLS.exec(text);
  if (!m) return text;
  const start = text.slice(0, m.index).search(/\S*$/);
  const end = text.slice(m.index).search(/\s|$/);
  return text.slice(start, m.index + end);
}

/**
 * `RUN apt-get install -y curl`: the shell-form line that runs what an exec-form RUN runs, its
 * flags (`--mount=…`) kept, quoted on one line and cut at 200 characters.
 */
export function shellFormHint(ins: Instruction): string {
  const { rest } = splitFlags(ins.args.text);
  const words = execWords(ins.args.text.slice(rest))?.map((w) => w.value);
  const line = words && words.length > 0 ? shellForm(words) : undefined;
  if (line === undefined) return "RUN and its words";
  // A script of several lines does not fit one RUN line as it is: a heredoc holds it.
  if (/[\n\r]/.test(line)) return "a RUN <<EOF heredoc holding its script";
  const flags = ins.args.text.slice(0, rest).trim();
  return `RUN ${quoted(flags === "" ? line : `${flags} ${line}`)}`;
}

/**
 * The shell words that run `words`: `["sh", "-c", S]` is the script `S` itself (a shell-form RUN
 * is `/bin/sh -c`); anything else is its words, each quoted for sh where it needs it.
 */
function shellForm(words: string[]): string {
  const [first, flag, script, ...rest] = words;
  const sh = /^(?:\/usr)?(?:\/bin\/)?sh$/.test(first ?? "");
  if (sh && flag === "-c" && script !== undefined && rest.length === 0) return script;
  return words.map(shellWord).join(" ");
}

function shellWord(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
