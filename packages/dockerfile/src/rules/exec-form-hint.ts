import { quoted } from "@alpinize/errors";
import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import { DEBIAN_TOOLS } from "./debian-tools.js";
import { execWords } from "./exec-words.js";

/**
 * A Debian tool as a command word of an exec-form RUN's words or of its `sh -c` script
 * (`apt-get`, `/usr/bin/dpkg`, `apt-cache`, `dpkg-reconfigure`, `useradd`), not a path that names
 * one (`/var/lib/apt/lists`).
 */
const TOOL_WORD =
  /(?:^|[\s;&|(`'"])(?:\/usr)?(?:\/s?bin\/)?((?:apt|dpkg)(?:-[a-z]+)*|aptitude|xx-apt(?:-get)?|groupadd|useradd|usermod)(?=[\s;&|)`'"]|$)/g;

/** Tools a warning names before it says how many more there are. */
const MAX_TOOLS = 3;

/**
 * The warning at an exec-form RUN that names a Debian tool on a stage moved to (or already on)
 * Alpine: migrate rewrites shell-form RUN lines only, so it says which tools the RUN runs and the
 * shell-form line to write instead, which the next run converts. One line, the RUN's text quoted
 * on one line and cut at 200 characters.
 */
export function warnExecFormRun(ctx: MigrationContext, ins: Instruction): void {
  if (!DEBIAN_TOOLS.test(ins.args.text)) return;
  const words = execWords(ins.args.text)?.map((w) => w.value);
  const text = words?.join(" ") ?? ins.args.text;
  const tools = [...new Set(Array.from(text.matchAll(TOOL_WORD), (m) => m[1]!))];
  const what = tools.length > 0 ? `runs ${listed(tools)}` : `names ${quoted(namingWord(text))}`;
  ctx.warn(
    "exec-form",
    ins.start,
    `exec-form RUN that ${what} is not converted (migrate rewrites shell-form RUN lines only): write it in shell form, ${rewriteHint(words)}, so that the next alpinize run can convert it`,
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

/** `RUN apt-get install -y curl`: the shell-form line that runs what the exec form runs. */
function rewriteHint(words: string[] | undefined): string {
  const line = words && words.length > 0 ? shellForm(words) : undefined;
  if (line === undefined) return "RUN and its words";
  // A script of several lines does not fit one RUN line as it is: a heredoc holds it.
  if (/[\n\r]/.test(line)) return "a RUN <<EOF heredoc holding its script";
  return `RUN ${quoted(line)}`;
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
