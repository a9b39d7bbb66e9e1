import { InputError } from "@alpinize/errors";
import { isShShebang } from "../lint/bashisms.js";
import { reuseOnAlpine } from "../lint/gid-holder.js";
import { commandName } from "../shell/command-name.js";
import { lineColumn, type SimpleCommand, scanShell, type Word } from "../shell/scan.js";
import { refuseBom } from "./bom.js";
import { type CommandOutcome, rewriteCommand, SHIM_FREE_RULES } from "./commands.js";
import { captureVariable, GroupRefs } from "./group-refs.js";
import { completedInline, INLINE_BEGIN, inlineBlock, inlineRange } from "./inline-shims.js";
import { captureRedirects, stdoutDiscarded } from "./redirects.js";
import {
  DEFAULT_SHIMS_PATH,
  type RewriteEdit,
  type RewriteOptions,
  type RewriteResult,
  type RewriteWarning,
  type ShimSource,
} from "./types.js";
import {
  behindWrapper,
  groupNameWarnings,
  type Replacement,
  wordsReplacement,
} from "./word-edits.js";

export { inlineRange };

/**
 * Rewrites the user and group handling of an entrypoint script to the alpinize shims, and
 * makes the script load them. Pure and synchronous; running it on its own output changes nothing.
 */
export function rewriteEntrypoint(text: string, options: RewriteOptions = {}): RewriteResult {
  const source = options.shimSource ?? { path: DEFAULT_SHIMS_PATH };
  if (source !== "inline") checkSourcePath(source.path);
  refuseBom(text);
  refuseCrlf(text);
  const scanned = scanShell(text, { posix: isShShebang(text) });
  if (scanned.syntax) {
    const { offset, message: what, hint } = scanned.syntax;
    const where = lineColumn(text, offset);
    const message = `${what}; nothing was rewritten (${hint})`;
    return {
      output: text,
      changed: false,
      edits: [],
      warnings: [{ rule: "syntax", ...where, message }],
    };
  }
  const inlined = inlineRange(text);
  const commands = scanned.commands.filter(
    (c) => !inlined || c.start < inlined[0] || c.start > inlined[1],
  );
  const edits: RewriteEdit[] = [];
  const warnings: RewriteWarning[] = [];
  const replacements: Replacement[] = [];
  const inner: Replacement[] = [];
  const groups = new GroupRefs(text, scanned.inert, commands);
  const mentions = {
    text,
    inert: scanned.inert,
    madeBefore: (name: string, offset: number) => groups.madeBefore(name, offset),
  };
  let usesShims = false;
  for (const original of innerFirst(commands)) {
    const cmd = withRewrittenWords(text, original, inner);
    const target = commandName(cmd);
    if (!target) continue;
    const found = rewriteCommand({
      ...target,
      cmd,
      groups,
      ...(options.execTool ? { execTool: options.execTool } : {}),
      ...(options.execToolRefusesUnknownUser ? { execToolRefusesUnknownUser: true } : {}),
    });
    const outcome = usable(
      original,
      target.wrapper ? behindWrapper(found, target.name, target.wrapper) : found,
    );
    const left = !outcome || outcome.kind === "warn";
    if (!groups.empty) warnings.push(...groupNameWarnings(mentions, cmd, target.at, !left));
    if (!outcome) continue;
    const where = lineColumn(text, cmd.words[target.at]!.start);
    if (outcome.kind === "warn") {
      warnings.push({ rule: outcome.rule, ...where, message: outcome.message });
      continue;
    }
    if (outcome.kind === "words") {
      const r = wordsReplacement(text, cmd, outcome.edits);
      replacements.push(r);
      if (r.depth > 0) insertByStart(inner, r);
      if (!SHIM_FREE_RULES.has(outcome.rule)) usesShims = true;
      const before = text.slice(r.start, r.end);
      edits.push({
        rule: outcome.rule,
        ...lineColumn(text, r.start),
        before,
        after: r.after,
        message: outcome.message,
      });
      continue;
    }
    const first = target.first;
    // `( )` and `{ }` are compound commands: no assignment may precede them, and redirections
    // that came before the name must follow them.
    const grouped = /^[({]/.test(outcome.call);
    if (grouped && first > 0) {
      const message = `assignments before ${cmd.words[target.at]!.text} would not reach the command through the shim; left as is`;
      warnings.push({ rule: outcome.rule, ...where, message });
      continue;
    }
    // `2>x (cmd)` is not sh: a subshell takes the redirections that came before the name.
    const leading = original.redirects.some((r) => r.start < cmd.words[first]!.start);
    const start = grouped && leading ? original.start : cmd.words[first]!.start;
    // `$((` would open arithmetic: a subshell first inside `$( )` needs a space before it.
    const spaced = grouped && original.depth > 0 && /[$`(]$/.test(text.slice(0, start).trimEnd());
    const { call, quieted } = replacementText(text, original, start, outcome);
    const after = (spaced ? " " : "") + call;
    const replacement = { start, end: original.end, after, depth: original.depth };
    replacements.push(replacement);
    usesShims = true;
    if (replacement.depth > 0) insertByStart(inner, replacement);
    const before = text.slice(start, original.end);
    const message = quieted ? `${outcome.message}; ${QUIET}` : outcome.message;
    const edit = { rule: outcome.rule, ...where, before, after, message };
    edits.push(edit);
    const origin = outcome.defines ? groups.origin(outcome.defines) : undefined;
    if (origin && origin.cmd === cmd) {
      let warned = false;
      origin.capture = () => {
        if (first > 0) return false; // `A=1 v=$(…)` would turn A into a shell variable
        const captured = captureText(text, original, outcome);
        if (captured === undefined) {
          if (!warned) {
            const message = uncaptured(origin.name, origin.gid);
            warnings.push({ rule: "group-name", ...where, message });
          }
          warned = true;
          return false;
        }
        // Redirections before the name go inside too: shells differ on whether those of an
        // assignment-only command reach its `$( )`.
        replacement.start = original.start;
        edit.before = text.slice(original.start, original.end);
        edit.after = replacement.after = captured;
        // The capture takes the printed name: no >/dev/null is added, so none is explained.
        edit.message = outcome.message;
        return true;
      };
    }
  }
  edits.sort((a, b) => a.line - b.line || a.column - b.column);
  let output = apply(text, replacements);
  if (usesShims && !loadsShims(output, source)) {
    const inserted = insertSource(output, source);
    output = inserted.output;
    edits.unshift({
      rule: "source-shims",
      line: inserted.line,
      column: 1,
      before: "",
      after: inserted.added,
      message: inserted.message,
    });
  } else {
    output = completeInline(text, output, edits);
  }
  warnings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { output, changed: output !== text, edits, warnings };
}

const QUIET =
  "the >/dev/null after the command's own redirections drops what the shim prints on success (the group's name, changed) and the tool did not";

/**
 * Names the group and GID at hand, and what holds that GID on Alpine: an example GID (ping's 999)
 * read as a claim about a group made with GID 1500.
 */
function uncaptured(group: string, gid: string): string {
  return `later commands name group '${group}', but the name the shim prints cannot be captured with these redirections kept as they are (2>&1 before any >, a here-document, descriptor 9, or a descriptor in a variable); they keep the name, and ${reuseOnAlpine(group, gid)}: write g=$(alpinize_ensure_group ${group} ${gid}) and use "$g"`;
}

/**
 * CRLF scripts are refused rather than rewritten: `#!/bin/sh\r` does not run, and every word at a
 * line end would carry the `\r` into the shim calls.
 */
function refuseCrlf(text: string): void {
  const at = crlfOffset(text);
  if (at === undefined) return;
  const { line } = lineColumn(text, at);
  throw new InputError(
    "ALPINIZE_ENTRYPOINT_CRLF",
    `the script has CRLF (Windows) line endings, first on line ${line}: sh reads the \\r as part of each last word, and a "#!/bin/sh\\r" line cannot run; nothing was rewritten`,
    {
      hint: "Convert it to LF line endings (dos2unix FILE, or sed -i 's/\\r$//' FILE), keep it LF with `*.sh text eol=lf` in .gitattributes, then run alpinize entrypoint again.",
    },
  );
}

/** Offset of the first `\r` that ends a line, if any. */
export function crlfOffset(text: string): number | undefined {
  const m = /\r(?:\n|$)/.exec(text);
  return m ? m.index : undefined;
}

function checkSourcePath(path: string): void {
  if (!/^\/[A-Za-z0-9._/-]+$/.test(path)) {
    throw new InputError(
      "ALPINIZE_ENTRYPOINT_BAD_SOURCE",
      `shim source path ${JSON.stringify(path)} is not an absolute path of plain characters`,
      {
        hint: "Pass an absolute path such as /usr/local/lib/alpinize-shims.sh, or inline the shims.",
      },
    );
  }
}

/**
 * What the rewrite may do with the command. One in a here-document body's `$( )` stays where it
 * is (it cannot move out of the body, and the lint reports a call it leaves): only its words
 * may change, as a group named by its GID.
 */
function usable(cmd: SimpleCommand, outcome: CommandOutcome | undefined) {
  return cmd.heredoc && outcome?.kind !== "words" ? undefined : outcome;
}

/**
 * The commands in the order they finish: each after the commands inside its `$( )` and
 * backquotes, so an outer rewrite can carry its rewritten inner commands, and after every
 * command that ends before it starts, so a group made earlier (`groupadd -g 999 docker`) is
 * known when a later `$(chgrp docker …)` or `` `getent group docker` `` names it.
 */
function innerFirst(commands: SimpleCommand[]): SimpleCommand[] {
  return [...commands].sort((a, b) => a.end - b.end || b.depth - a.depth);
}

/**
 * Adds `r` to `inner`, kept in ascending start order. Commands come in the order they end, so
 * only a rewrite nested inside an earlier one's `$( )` lands before the last.
 */
function insertByStart(inner: Replacement[], r: Replacement): void {
  let at = inner.length;
  while (at > 0 && inner[at - 1]!.start > r.start) at--;
  inner.splice(at, 0, r);
}

/**
 * The command with each word's text carrying rewrites already made inside it. `inner` holds the
 * rewrites inside command substitutions in ascending start order, so a binary search finds the
 * ones inside this command.
 */
function withRewrittenWords(text: string, cmd: SimpleCommand, inner: Replacement[]): SimpleCommand {
  let lo = 0;
  let hi = inner.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inner[mid]!.start < cmd.start) lo = mid + 1;
    else hi = mid;
  }
  const within: Replacement[] = [];
  for (let i = lo; i < inner.length && inner[i]!.start < cmd.end; i++) {
    if (inner[i]!.depth > cmd.depth) within.push(inner[i]!);
  }
  if (within.length === 0) return cmd;
  const wordText = (w: Word) => {
    let out = "";
    let pos = w.start;
    for (const r of within) {
      if (r.start < pos || r.end > w.end) continue;
      out += text.slice(pos, r.start) + r.after;
      pos = r.end;
    }
    return out + text.slice(pos, w.end);
  };
  return { ...cmd, words: cmd.words.map((w) => ({ ...w, text: wordText(w) })) };
}

/**
 * The shim call with the command's own redirections after it, as written and in their order.
 * A call that prints what the tool did not (the group name, `changed`) gets one `>/dev/null`
 * more, last, so the user's redirections still open their files and copy the real stdout
 * (`2>&1`) as before; it is left out when they already end stdout at /dev/null.
 */
function replacementText(
  text: string,
  cmd: SimpleCommand,
  start: number,
  outcome: Extract<CommandOutcome, { kind: "replace" }>,
): { call: string; quieted: boolean } {
  const kept = cmd.redirects.filter((r) => r.start >= start);
  const quieted = outcome.quietStdout && !stdoutDiscarded(cmd.redirects);
  const own = kept.map((r) => ` ${text.slice(r.start, r.end)}`).join("");
  return { call: outcome.call + own + (quieted ? " >/dev/null" : ""), quieted };
}

/**
 * `v=$(call)`: the name the call printed, for later commands that cannot use the GID; undefined
 * when the command's redirections cannot be kept inside the `$( )` (see captureRedirects).
 */
function captureText(
  text: string,
  cmd: SimpleCommand,
  outcome: Extract<CommandOutcome, { kind: "replace" }>,
): string | undefined {
  const redirects = captureRedirects(cmd.redirects, text);
  if (redirects === undefined) return undefined;
  return `${captureVariable(outcome.defines!)}=$(${outcome.call}${redirects})`;
}

/** Applies the outermost replacements (an inner one is already part of its outer one's text). */
function apply(text: string, replacements: Replacement[]): string {
  const sorted = [...replacements].sort(
    (a, b) => a.start - b.start || b.end - a.end || a.depth - b.depth,
  );
  const parts: string[] = [];
  let pos = 0;
  let last: Replacement | undefined;
  for (const r of sorted) {
    if (last && r.start < last.end && r.end <= last.end && last.depth < r.depth) continue;
    parts.push(text.slice(pos, r.start), r.after);
    pos = r.end;
    last = r;
  }
  parts.push(text.slice(pos));
  return parts.join("");
}

function loadsShims(text: string, source: ShimSource): boolean {
  if (text.includes(INLINE_BEGIN) || /^alpinize_ensure_group\(\)/m.test(text)) return true;
  const path = source === "inline" ? "alpinize-shims.sh" : source.path;
  return text
    .split("\n")
    .some((l) => /^\s*(\.|source)\s/.test(l) && (l.includes(path) || l.includes("alpinize-shims")));
}

function insertSource(text: string, source: ShimSource) {
  const { block, message } = source === "inline" ? inlineBlock(text) : sourceLine(source.path);
  const firstNl = text.indexOf("\n");
  const hasShebang = text.startsWith("#!") && firstNl >= 0;
  const at = hasShebang ? firstNl + 1 : 0;
  return {
    output: text.slice(0, at) + block + text.slice(at),
    line: hasShebang ? 2 : 1,
    added: block,
    message,
  };
}

function sourceLine(path: string) {
  return {
    block: `# User and group shims that behave the same on Debian and Alpine (alpinize shims print).\n. ${path}\n`,
    message: `sources the alpinize shims from ${path}`,
  };
}

/**
 * An inlined block that lacks a shim function the script names (one inlined for fewer calls
 * before) is rebuilt with it, whichever source was asked for: the script already carries the
 * shims itself, and a call to a function it does not define would stop it.
 */
function completeInline(text: string, output: string, edits: RewriteEdit[]): string {
  const done = completedInline(output);
  if (!done) return output;
  // The block itself is never rewritten, so it starts where it did in the input.
  const { line, column } = lineColumn(text, inlineRange(text)?.[0] ?? 0);
  edits.unshift({
    rule: "source-shims",
    line,
    column,
    before: done.before,
    after: done.after.block,
    message: `${done.after.message}, in place of the inlined copy that lacked some of them`,
  });
  return done.output;
}
