import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { ARCH_NAMES } from "./arch-names.js";
import type { ScriptScope } from "./scope.js";

export const PRINTERS = new Set(["echo", "printf"]);
const GREPS = new Set(["grep", "egrep", "fgrep"]);
/** A piece of an architecture name in a grep pattern (`arm`, `amd`, `i386`'s `86`). */
const ARCH_PIECE = /amd|arm|86|ppc|s390|riscv|loong|mips/;
/** Debian names as whole tokens of a grep pattern (`amd64|arm64`, `^armhf$`). */
const DEBIAN_ARCH_TOKEN = new RegExp(
  `(?<![A-Za-z0-9_])(?:${Object.keys(ARCH_NAMES).join("|")})(?![A-Za-z0-9_])`,
  "g",
);

/**
 * `echo "$arch" | grep -q amd64`: the grep patterns that test an architecture variable get the
 * Alpine names, as `case` labels do. Returns the pipelines translated so (no warning for them).
 */
export function translateGreps(scope: ScriptScope, archVars: Set<string>): Set<Pipeline> {
  const done = new Set<Pipeline>();
  const isArch = (w: Word) =>
    /^"?\$\((?:dpkg --print-architecture|apk --print-arch)\)"?$/.test(w.raw) ||
    [...archVars].some((v) => new RegExp(`^["']?\\$\\{?${v}\\}?["']?$`).test(w.raw));
  for (const item of scope.src.script.items) {
    if (item.kind !== "pipeline" || item.commands.length !== 2) continue;
    const [print, grep] = item.commands as [SimpleCommand, SimpleCommand];
    if (!PRINTERS.has(print.name ?? "") || !GREPS.has(grep.name ?? "")) continue;
    const printed = print.args.slice(1).filter((w) => !/^-[neE]+$/.test(w.value ?? ""));
    const data = print.name === "printf" ? printed.slice(1) : printed;
    if (data.length !== 1 || !isArch(data[0]!)) continue;
    const patterns = grepPatterns(grep);
    // A pattern built at run time cannot be read here: leave the pipeline to the warning.
    if (!patterns || patterns.some((w) => w.value === undefined)) continue;
    // A whole-line match (-x) or word match (-w) keeps x86 from matching x86_64.
    const whole = grep.args.slice(1).some((a) => /^-[A-Za-z]*[xw]/.test(a.value ?? ""));
    const edits: { start: number; end: number; text: string }[] = [];
    let unsure = false;
    for (const w of patterns) {
      const tokens = [...w.raw.matchAll(DEBIAN_ARCH_TOKEN)];
      // `grep -q arm`: a piece of a name, which no longer means what it did.
      if (tokens.length === 0 && ARCH_PIECE.test(w.raw)) unsure = true;
      for (const m of tokens) {
        const alpine = ARCH_NAMES[m[0]]!;
        if (alpine === m[0]) continue;
        const anchored = whole || w.raw[m.index + m[0].length] === "$";
        if (alpine === "x86" && !anchored) unsure = true;
        edits.push({
          start: w.start + m.index,
          end: w.start + m.index + m[0].length,
          text: alpine,
        });
      }
    }
    if (unsure) continue;
    for (const e of edits) scope.rawEdits.push({ ...e, rule: "arch" });
    done.add(item);
  }
  return done;
}

/** grep's pattern words: every `-e PAT`, else the first operand; undefined when unreadable. */
function grepPatterns(grep: SimpleCommand): Word[] | undefined {
  const args = grep.args.slice(1);
  const explicit: Word[] = [];
  let operand: Word | undefined;
  for (let k = 0; k < args.length; k++) {
    const v = args[k]!.value;
    if (v === undefined) return undefined;
    // `-e PAT`, and `-qe PAT`: a short-option cluster ending in e takes the next word.
    if (v === "-e" || v === "--regexp" || /^-[A-Za-z]*e$/.test(v)) {
      const next = args[++k];
      if (!next) return undefined;
      explicit.push(next);
    } else if (v.startsWith("--regexp=") || (v.startsWith("-e") && v.length > 2)) {
      return undefined;
    } else if (v === "-f" || v.startsWith("--file")) {
      return undefined;
    } else if (!v.startsWith("-") || v === "-") {
      operand ??= args[k];
    }
  }
  if (explicit.length > 0) return explicit;
  return operand ? [operand] : undefined;
}
