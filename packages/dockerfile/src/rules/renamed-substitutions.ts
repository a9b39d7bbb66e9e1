import { substitutionsOf } from "../shell/substitutions.js";
import { MAX_DEPTH } from "./dash-echo-substitutions.js";
import { EditOverlaps } from "./edit-overlaps.js";
import type { ScriptScope } from "./scope.js";
import { trySubstitution } from "./substitution-trial.js";

/** `gpg1`/`gpgv1` as a command word in text alpinize does not read exactly. */
const RENAMED_CALL = /(?:^|[;&|(`])\s*(?:[\w.+-]*\/)*(gpgv?1)(?=[\s;&|)`]|$)/;

/**
 * The Debian names renamed in a script's command substitutions (`V=$(gpg1 --version)`,
 * backquotes, nested ones): each runs as a script of its own, so `rename` (the renamed-calls
 * rule over one script's commands) reads it as one. `from`: where the script's own edits start.
 * Where the text is not read exactly (it does not parse, sits in `${ }` or `$(( ))`, nested past
 * MAX_DEPTH) or another rule rewrites the word around it, a warning at the call instead of
 * leaving it silently for check to find.
 */
export function substitutionRenames(
  scope: ScriptScope,
  from: number,
  rename: (inner: ScriptScope) => void,
  depth = 0,
): void {
  const { ctx } = scope;
  let made: EditOverlaps | undefined;
  for (const sub of substitutionsOf(scope.src)) {
    const hit = RENAMED_CALL.exec(sub.text);
    if (!hit) continue;
    if (!sub.src || depth >= MAX_DEPTH) {
      warnKept(scope, sub.at[0], hit[1]!);
      continue;
    }
    made ??= new EditOverlaps(ctx.edits.slice(from));
    const kept = trySubstitution(scope, sub.src, made, (inner, mark) => {
      rename(inner);
      inner.flush();
      substitutionRenames(inner, mark, rename, depth + 1);
    });
    if (kept) continue;
    warnKept(scope, sub.at[0], hit[1]!);
  }
}

function warnKept(scope: ScriptScope, at: number, name: string): void {
  const alpine = name === "gpg1" ? "gpg" : "gpgv";
  scope.ctx.warn(
    "apt",
    at,
    `this command substitution calls ${name}, Debian's name for GnuPG 1, which Alpine does not have: alpinize does not rewrite it here (another change rewrites the word around it, or the text is not read exactly), so call ${alpine} in it by hand`,
  );
}
