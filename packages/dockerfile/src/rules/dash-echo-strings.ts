import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import { type Pipeline, type SimpleCommand, scriptOrUndefined } from "../shell/script.js";
import { mappedSource, type ShellSource } from "../shell/source.js";
import type { Word } from "../shell/tokens.js";
import { ECHO_CALL, rewriteDashEcho, warnEvalEcho } from "./dash-echo.js";
import { substitutionEchoes } from "./dash-echo-substitutions.js";
import {
  editsFit,
  type NestedScript,
  nestedScripts,
  nestedSource,
  shellStrings,
} from "./nested.js";
import { ScriptScope, type StageState } from "./scope.js";
import { startedScript } from "./started-script.js";
import type { StringShell } from "./string-shell.js";

const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * Echo (rule `shell`) in what a container starts: a shell-form CMD, ENTRYPOINT or `HEALTHCHECK
 * CMD`, run by the stage's SHELL (Debian's `/bin/sh -c`), and an exec form's `sh -c` / `dash -c`
 * string (`["sh", "-c", "echo 'a\\tb'"]`), with the `sh -c` strings inside them; `shell` is what
 * runs the instruction's shell form (`RunShell.shell` at it), the stage's /bin/sh being what it is
 * when the stage ends (the container runs then). Exec-form RUN strings go the same way.
 */
export function rewriteStartedEchoes(
  ctx: MigrationContext,
  state: StageState,
  ins: Instruction,
  shell: StageState["shell"]["shell"],
): void {
  if (state.info.already) return;
  const stage: StageState = { ...state, shell: { ...state.shell, shell } };
  const started = startedScript(ctx, ins);
  if (!started) return;
  const mark = ctx.edits.length;
  const scope = new ScriptScope(ctx, stage, started.src, ins, [], started.program);
  echoesIn(scope, 1);
  // An exec form's edits are written JSON-escaped (`\` → `\\`): the string then hands the shell
  // exactly the rewritten script.
  if (started.program) escapeEditsSince(ctx, mark, jsonEscaped);
}

/** An exec-form RUN's `sh -c` string (the RUN rules leave exec forms otherwise). */
export function rewriteExecRunEchoes(ctx: MigrationContext, state: StageState, ins: Instruction) {
  if (ins.form === "exec") rewriteStartedEchoes(ctx, state, ins, state.shell.shell);
}

/**
 * The echo rule over one script, the `sh -c` strings in it (three deep) and its command
 * substitutions, nothing else; writes the script's edits.
 */
function echoesIn(scope: ScriptScope, depth: number): void {
  const from = scope.ctx.edits.length;
  if (depth < 3) for (const nested of nestedScripts(scope.src)) nestedEchoes(scope, nested, depth);
  for (const item of scope.src.script.items) {
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) {
      rewriteDashEcho(scope, item, cmd);
      echoesInStrings(scope, item, cmd, depth);
    }
  }
  scope.flush();
  substitutionEchoes(scope, from, (inner) => echoesIn(inner, depth));
}

/** The echo rule over a RUN script's command substitutions, once the other rules wrote its edits. */
export function runSubstitutionEchoes(scope: ScriptScope, from: number): void {
  substitutionEchoes(scope, from, (inner) => echoesIn(inner, scope.quotes.length + 1));
}

function nestedEchoes(outer: ScriptScope, nested: NestedScript, depth: number): void {
  const { ctx } = outer;
  const restore = ctx.checkpoint();
  const mark = ctx.edits.length;
  const scope = new ScriptScope(
    ctx,
    outer.stage,
    nested.src,
    outer.instruction,
    [...outer.quotes, nested.quote],
    nested.shell,
  );
  echoesIn(scope, depth + 1);
  if (editsFit(ctx, mark, nested)) return;
  restore();
  outer.warn("shell", nested.word.start, unreadMessage(nested.shell, "unfit"));
}

/**
 * The `sh -c` strings of a command the other rules cannot read as written: double-quoted with `\`
 * inside (`sh -c "echo 'a\tb'"`). With no `$`, `` ` `` or unescaped `"` in it, the outer shell only
 * takes the backslash off `\\`, `\"`, `\$`, `` \` `` and a newline: the echo rule reads the script
 * the inner shell gets and writes its edits escaped again. Otherwise, when dash runs an echo given
 * backslashes there, a warning at the string: never a silent pass.
 */
export function echoesInStrings(
  scope: ScriptScope,
  pipeline: Pipeline,
  cmd: SimpleCommand,
  depth = scope.quotes.length + 1,
): void {
  if (scope.stage.info.already) return;
  warnEvalEcho(scope, pipeline, cmd);
  for (const { word, shell } of shellStrings(cmd)) {
    if (!runsDash(scope, shell)) continue;
    const found = echoString(scope.src, word, depth);
    if (!found) continue;
    const { src } = found;
    if (!src) {
      scope.warn("shell", word.start, unreadMessage(shell));
      continue;
    }
    const { ctx } = scope;
    const mark = ctx.edits.length;
    const inner = new ScriptScope(
      ctx,
      scope.stage,
      src,
      scope.instruction,
      [...scope.quotes, '"'],
      shell,
    );
    echoesIn(inner, depth + 1);
    escapeEditsSince(ctx, mark, (text) => text.replace(/[\\"$`]/g, "\\$&"));
    // A pipeline another rule removes whole takes these edits with it (run.ts).
    scope.nestedEdits.push({ pipeline, from: mark, to: ctx.edits.length, emptied: false });
  }
}

/**
 * A `sh -c` string that may run echo with backslashes, which nestedScripts does not read as
 * written (double-quoted with `\` inside): `src`, the script the inner shell gets, when the outer
 * shell expands nothing in it and it sits at most three strings deep; `{}` when it cannot be read.
 * Undefined for a string with no backslash or no echo call, or one nestedScripts reads.
 */
export function echoString(
  parent: ShellSource,
  word: Word,
  depth: number,
): { src?: ShellSource } | undefined {
  if (!word.raw.includes("\\") || !ECHO_CALL.test(word.raw)) return undefined;
  if (nestedSource(parent, word)) return undefined;
  const src = depth < 4 ? doubleQuotedSource(parent, word) : undefined;
  return src ? { src } : {};
}

/**
 * The script a double-quoted word hands a shell, when the outer shell expands nothing in it: its
 * offsets lead back through the backslashes the outer shell takes off.
 */
function doubleQuotedSource(parent: ShellSource, word: Word): ShellSource | undefined {
  const raw = word.raw;
  if (raw.length < 2 || raw[0] !== '"' || raw.at(-1) !== '"') return undefined;
  let text = "";
  /** Per character of `text`: where it starts in the parent's text, and where it ends. */
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 1; i < raw.length - 1; i++) {
    const c = raw[i]!;
    if (c === "$" || c === "`" || c === '"') return undefined;
    const next = raw[i + 1]!;
    if (c === "\\" && next === "\n") {
      i++;
      continue;
    }
    const escaped = c === "\\" && (next === "\\" || next === "$" || next === "`" || next === '"');
    text += escaped ? next : c;
    from.push(word.start + i);
    to.push(word.start + (escaped ? i + 2 : i + 1));
    if (escaped) i++;
  }
  const script = scriptOrUndefined(text);
  if (!script) return undefined;
  const src = mappedSource(parent, script, from, to, word.start + raw.length - 1);
  return { ...src, direct: parent.direct };
}

/**
 * The string runs under Debian's dash there and busybox ash on Alpine: `sh -c` while /bin/sh is
 * dash. A `dash -c` string still runs under dash (addDash installs it), whose echo reads escapes.
 */
function runsDash(scope: ScriptScope, shell: StringShell): boolean {
  return shell === "sh" && scope.stage.shell.binSh === "dash";
}

const WHY = {
  unread:
    "alpinize cannot read this string's script exactly (the outer shell expands its $ or ` first, or it is nested more than three deep)",
  unfit:
    "this string is left as written, as another change to it needs a character its quotes cannot hold",
};

function unreadMessage(shell: StringShell, why: keyof typeof WHY = "unread"): string {
  return `this ${shell} -c string runs echo with backslashes under Debian's ${shell === "sh" ? "/bin/sh (dash)" : "dash"}, whose echo turns escapes (\\n, \\t, \\c, \\\\, \\0NNN) into characters and busybox ash's echo prints them as written: ${WHY[why]}, so its echo is not rewritten: write echo -e in it (or printf '%b\\n' …) where the characters are meant`;
}

/** A `sh -c` string put back whole (`migrateNested`): its echo escapes are warned at, not lost. */
export function warnEchoesKept(scope: ScriptScope, nested: NestedScript): void {
  if (scope.stage.info.already || !runsDash(scope, nested.shell)) return;
  const raw = nested.word.raw;
  if (raw.includes("\\") && ECHO_CALL.test(raw))
    scope.warn("shell", nested.word.start, unreadMessage(nested.shell, "unfit"));
}

/** Writes the edits made since `mark` (inside one string) as that string's quoting needs them. */
function escapeEditsSince(
  ctx: MigrationContext,
  mark: number,
  quote: (text: string) => string,
): void {
  for (let k = mark; k < ctx.edits.length; k++) {
    const e = ctx.edits[k]!;
    ctx.edits[k] = { ...e, text: quote(e.text) };
  }
}
