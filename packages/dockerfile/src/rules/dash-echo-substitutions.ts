import type { MigrationContext } from "../migrate/context.js";
import { type Substitution, substitutionsOf } from "../shell/substitutions.js";
import { ECHO_CALL } from "./dash-echo.js";
import { runsUnderDash } from "./dash-sh.js";
import { EditOverlaps } from "./edit-overlaps.js";
import type { ScriptScope } from "./scope.js";
import { trySubstitution } from "./substitution-trial.js";

/** Substitutions nested deeper than this (`$( $( … ) )`) are warned at, not read. */
export const MAX_DEPTH = 8;

/**
 * Echo (rule `shell`) in the command substitutions of a script (`x=$(echo 'a\tb')`, backquotes,
 * a here-document's `$( )`, nested ones): a substitution runs in its script's own shell, dash on
 * Debian and busybox ash on Alpine, so `walk` (the echo rule) reads it as a script of its own and
 * its echo becomes `echo -e` as a top-level one does; the bytes are the same (`$( )` takes the
 * trailing newlines off under both), and a backquoted one's edits are written with the escapes
 * the backquotes take off. `from`: where the script's own edits start in the context's list.
 * Where the text is not read exactly (it does not parse, sits in `${ }` or `$(( ))`, or is nested
 * past MAX_DEPTH) or another change rewrites the word around it, a warning at it instead.
 */
export function substitutionEchoes(
  scope: ScriptScope,
  from: number,
  walk: (inner: ScriptScope) => void,
): void {
  if (!runsUnderDash(scope)) return;
  const { ctx } = scope;
  // The edits of `[from, mark)`: the script's own, then those of the substitutions kept so far.
  let made: EditOverlaps | undefined;
  for (const sub of substitutionsOf(scope.src)) {
    // Every escape echo reads is written with a backslash.
    if (!sub.text.includes("\\")) continue;
    if (!sub.src || depthOf(scope) >= MAX_DEPTH) {
      warnKept(ctx, sub, "unread");
      continue;
    }
    made ??= new EditOverlaps(ctx.edits.slice(from));
    const kept = trySubstitution(scope, sub.src, made, (inner, mark) => {
      walk(inner);
      if (!sub.backquoted) return;
      for (let k = mark; k < ctx.edits.length; k++) {
        const e = ctx.edits[k]!;
        ctx.edits[k] = { ...e, text: e.text.replace(/[\\`$]/g, "\\$&") };
      }
    });
    if (kept) continue;
    // A step another rule deletes takes the substitution with it; one it rewrites may keep it.
    if (!sub.pipeline || !scope.deleted.has(sub.pipeline)) warnKept(ctx, sub, "rewritten");
  }
}

/** How many command substitutions deep a script is. */
function depthOf(scope: ScriptScope): number {
  let depth = 0;
  for (let s = scope.within; s; s = s.within) depth++;
  return depth;
}

const WHY = {
  unread:
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's ${ }, named in a message
    "alpinize does not read this one exactly (it does not parse, sits in ${ } or $(( )), or is nested more than eight deep)",
  rewritten:
    "another change rewrites the command it is written in (the rewrite keeps it as written)",
};

/** A substitution left as written that may call echo with escapes: a warning at it. */
function warnKept(ctx: MigrationContext, sub: Substitution, why: keyof typeof WHY): void {
  if (!ECHO_CALL.test(sub.text)) return;
  ctx.warn(
    "shell",
    sub.at[0],
    `this command substitution runs echo with backslashes under Debian's /bin/sh (dash), whose echo turns escapes (\\n, \\t, \\c, \\\\, \\0NNN) into characters, where busybox ash's echo prints them as written: ${WHY[why]}, so its echo is not rewritten: write echo -e in it (or printf '%b\\n' …) where the characters are meant`,
  );
}
