import { busyboxRejections } from "@alpinize/busybox";
import { baseName, type ShellCommand, scanCommands } from "../dockerfile/commands.js";
import type { TransformWarning } from "../transforms.js";
import { runTimeOrText } from "./busybox-option.js";
import { lineIndex } from "./line-index.js";
import type { LintText } from "./lint-text.js";
import { withNested } from "./nested.js";

export type { LintText } from "./lint-text.js";

/** sudo and doas options that take the next word as their value. */
const SUDO_VALUE = new Set(["-u", "-g", "-h", "-p", "-C", "-D", "-R", "-T", "-U", "-r", "-t"]);
/** What the lint reports about a call that the wrapper hides from it. */
const THROUGH_SUDO = new Set(["gnu-option", "shadow-tool"]);

/**
 * What the entrypoint lint leaves out of a script, as lint findings of its own rules: the GNU
 * options of calls it does not see as commands (inside `sh -c '…'`, `eval`, `su -c`, after
 * `xargs` or `find -exec`), and the call behind `sudo`/`doas`, which the lint reports only as a
 * sudo warning while `env A=1 usermod` gets its shadow-tool error. The call behind sudo is linted
 * on its own, so its findings are the lint's.
 */
export function scriptCallFindings(text: string, lint: LintText): TransformWarning[] {
  const out: TransformWarning[] = [];
  const outer = new Set<number>();
  const position = lineIndex(text);
  for (const cmd of withNested(scanCommands(text))) {
    const at = position(cmd.offset);
    // The scan puts a command it found inside another at the outer one's offset.
    if (outer.has(cmd.offset)) {
      for (const r of busyboxRejections(baseName(cmd.name), cmd.args.map(runTimeOrText)))
        out.push({
          rule: "gnu-option",
          severity: "error",
          message: `${r.message}; ${r.advice}`,
          ...at,
        });
    }
    outer.add(cmd.offset);
    const inner = behindSudo(cmd);
    if (!inner) continue;
    for (const w of lint(commandLine(inner))) {
      if (THROUGH_SUDO.has(w.rule)) out.push({ ...w, ...at });
    }
  }
  // `sudo ps -C x` is found both behind sudo and as the scan's own command: report it once.
  const seen = new Set<string>();
  return out.filter((w) => {
    const key = `${w.line}:${w.rule}:${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The command `sudo [OPTIONS] CMD ARGS…` runs. */
function behindSudo(cmd: ShellCommand): string[] | undefined {
  const name = baseName(cmd.name);
  if (name !== "sudo" && name !== "doas") return undefined;
  let k = 0;
  while (k < cmd.args.length) {
    const a = cmd.args[k]!;
    if (a === "--") {
      k++;
      break;
    }
    if (SUDO_VALUE.has(a)) k += 2;
    else if (a.startsWith("-") || /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) k++;
    else break;
  }
  const words = cmd.args.slice(k);
  return words.length > 0 ? words : undefined;
}

/**
 * Words put back together as one shell command for the lint: literal words single-quoted, words
 * with an expansion double-quoted so the lint still sees them as built at run time.
 */
export function commandLine(words: readonly string[]): string {
  return words
    .map((w) =>
      w.includes("$") || w.includes("`")
        ? `"${w.replace(/["\\]/g, "\\$&")}"`
        : `'${w.replace(/'/g, `'\\''`)}'`,
    )
    .join(" ");
}
