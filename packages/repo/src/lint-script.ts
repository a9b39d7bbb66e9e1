import { gnuOptionTool, hasGnuTool } from "./check/gnu-packages.js";
import { scriptCallFindings } from "./check/script-calls.js";
import type { Transforms, TransformWarning } from "./transforms.js";

const INLINE_BEGIN = /^# >>> alpinize shims\b/;
const INLINE_END = /^# <<< alpinize shims\b/;

/**
 * Lints an entrypoint script, leaving out an inlined copy of the alpinize shims: that library
 * probes for shadow tools, getent and gosu on purpose, so its lines are not the script's findings.
 * The block is blanked line for line, so reported line numbers stay those of the file. Calls the
 * lint does not reach (find and ps options, commands behind sudo) are added in its own rules, and
 * findings about tools every image running the script installs are dropped.
 */
export function lintScript(
  transforms: Pick<Transforms, "lintEntrypoint">,
  text: string,
  fileName: string,
  installed: ScriptTools = {},
): TransformWarning[] {
  const lint = (shell: string) => transforms.lintEntrypoint(shell, { fileName });
  const script = withoutInlinedShims(text);
  const own = lint(script);
  const seen = new Set(own.map(findingKey));
  const added = scriptCallFindings(script, lint).filter((w) => !seen.has(findingKey(w)));
  return [...own, ...added]
    .filter((w) => !worksWith(w, installed))
    .sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

/** A finding's line, rule and the tool it names, so an added one never repeats the lint's. */
function findingKey(w: TransformWarning): string {
  return `${w.line}:${w.rule}:${gnuOptionTool(w.message) ?? w.message.split(" ")[0]}`;
}

/** The image has what the finding says is missing: gosu, shadow, runuser, setpriv or the GNU tool. */
function worksWith(w: TransformWarning, installed: ScriptTools): boolean {
  if (w.rule === "gosu") return installed.gosu === true;
  if (w.rule === "shadow-tool") return installed.shadow === true;
  // busybox has no runuser, and its setpriv lacks --reuid: the packages bring util-linux's.
  if (w.rule === "runuser")
    return (
      installed.packages?.has("runuser") === true ||
      installed.packages?.has("util-linux-login") === true
    );
  if (w.rule === "setpriv") return installed.packages?.has("setpriv") === true;
  // The lint's bash-syntax warnings are the bash forms Alpine's busybox ash runs (its errors are
  // the ones ash rejects too): they break only under another /bin/sh, such as Debian's dash.
  if (w.rule === "bash-syntax") return installed.alpineOnly === true && w.severity === "warning";
  if (w.rule !== "gnu-option" || !installed.packages) return false;
  const tool = gnuOptionTool(w.message);
  const packages = installed.packages;
  return tool !== undefined && hasGnuTool(tool, (p) => packages.has(p));
}

/** What every image that runs a script installs itself, so the script's calls to it work. */
export interface ScriptTools {
  /** gosu (its release download or a package): its gosu calls work. */
  gosu?: boolean;
  /** Alpine's shadow package (`apk add shadow`): useradd, usermod, groupmod and the rest work. */
  shadow?: boolean;
  /** su-exec and no gosu: `set -- gosu USER` … `exec "$@"` is rewritten to su-exec. */
  suExec?: boolean;
  /** That su-exec stops on an unknown user as gosu does (0.3): every gosu call becomes su-exec. */
  suExecRefusesUnknownUser?: boolean;
  /**
   * The packages apk left installed in every image that runs it (`coreutils`, `grep`…): the GNU
   * options of those tools work.
   */
  packages?: ReadonlySet<string>;
  /**
   * Every image known to run it is Alpine (none stays on Debian or an unknown base), so its
   * `#!/bin/sh` is always busybox ash: bash forms ash runs (`[[ ]]`, `${x:0:8}`) work.
   */
  alpineOnly?: boolean;
}

const GOSU_DOWNLOAD = /\bgosu\/releases\b|\/usr\/local\/bin\/gosu\b/;

/**
 * A Dockerfile that downloads gosu's release or installs a gosu package: `apk add`, then a
 * blank and `gosu` before the line ends (the blank may be the line break), as
 * `\bapk\s+add\b[^\n]*\sgosu\b` reads. That expression scans to the line's end from every
 * `apk add` of a long line; here the next ` gosu` and line break are found once for all of them.
 */
export function installsGosu(dockerfile: string): boolean {
  if (GOSU_DOWNLOAD.test(dockerfile)) return true;
  const gosuWord = /\sgosu\b/g;
  let gosu = -1;
  let lineEnd = -1;
  for (const m of dockerfile.matchAll(/\bapk\s+add\b/g)) {
    const from = m.index + m[0].length;
    if (gosu < from) {
      gosuWord.lastIndex = from;
      const found = gosuWord.exec(dockerfile);
      if (!found) return false;
      gosu = found.index;
    }
    if (lineEnd < from) {
      lineEnd = dockerfile.indexOf("\n", from);
      if (lineEnd === -1) return true;
    }
    if (gosu <= lineEnd) return true;
  }
  return false;
}

export function withoutInlinedShims(text: string): string {
  const lines = text.split("\n");
  let inside = false;
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!inside && INLINE_BEGIN.test(line)) inside = true;
    else if (inside && INLINE_END.test(line)) inside = false;
    else if (inside) {
      lines[i] = "";
      changed = true;
    }
  }
  return changed ? lines.join("\n") : text;
}

/** The code of an entrypoint or CMD script the shell cannot parse (`sh -n` would fail). */
export const SCRIPT_SYNTAX = "ALPINIZE_SCRIPT_SYNTAX";

export function scriptSyntaxError(
  path: string,
  w: { line: number; column?: number; message: string },
): { file: string; message: string; code: string } {
  const at = w.column === undefined ? `${w.line}` : `${w.line}:${w.column}`;
  return {
    file: path,
    message: `${path}:${at}: shell syntax error: ${w.message}`,
    code: SCRIPT_SYNTAX,
  };
}
