import { parseScript, type SimpleCommand, simpleCommands } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";

/**
 * Commands that run another command given in their arguments, and how to step over their own
 * options: `true` for a flag, a number for options followed by that many values.
 */
const WRAPPERS: Readonly<Record<string, (w: string) => number | false>> = {
  env: (w) => (/^-[iv0]+$|^[A-Za-z_]\w*=/.test(w) ? 1 : false),
  sudo: (w) => (/^-[ugCDhprtU]$/.test(w) ? 2 : /^-[A-Za-z]+$/.test(w) ? 1 : false),
  nice: (w) => (w === "-n" ? 2 : /^-\d+$/.test(w) ? 1 : false),
  time: (w) => (w === "-p" ? 1 : false),
  command: () => false,
  nohup: () => false,
  exec: () => false,
  timeout: (w) => (/^-[sk]$/.test(w) ? 2 : /^-/.test(w) || /^\d+[smhd]?$/.test(w) ? 1 : false),
  xargs: (w) => (/^-[IEensPa]$/.test(w) ? 2 : /^-/.test(w) ? 1 : false),
  eatmydata: () => false,
  ionice: (w) => (/^-[cnp]$/.test(w) ? 2 : /^-/.test(w) ? 1 : false),
  stdbuf: (w) => (/^-[ioe]$/.test(w) ? 2 : /^-/.test(w) ? 1 : false),
  // `flock [-x|-s|-n|-w SECS] FILE CMD…`: the lock file is a path; `flock FILE -c STR` is a string.
  flock: (w) =>
    /^-[wE]$/.test(w) ? 2 : /^-[sxunoF]+$/.test(w) || /^[./~]|\.lock$/.test(w) ? 1 : false,
};

const base = (w: string | undefined) => w?.replace(/^.*\//, "");

/** A command as seen after its wrapper (`sudo sort …`), sharing the parsed words. */
export function unwrapped(cmd: SimpleCommand): SimpleCommand | undefined {
  let k = 0;
  let wrapped = false;
  for (let step = 0; step < 4; step++) {
    const skip = WRAPPERS[base(cmd.args[k]?.value) ?? ""];
    if (!skip) break;
    wrapped = true;
    k++;
    for (;;) {
      const v = cmd.args[k]?.value;
      const n = v === undefined ? false : skip(v);
      if (n === false) break;
      k += n;
    }
  }
  if (!wrapped || k >= cmd.args.length) return undefined;
  return { ...cmd, args: cmd.args.slice(k), name: base(cmd.args[k]!.value) };
}

/** `find … -exec CMD … ;`: each command find runs, as a view over its words. */
export function findExecs(cmd: SimpleCommand): SimpleCommand[] {
  if (base(cmd.name) !== "find") return [];
  const out: SimpleCommand[] = [];
  const a = cmd.args;
  for (let k = 1; k < a.length; k++) {
    if (!/^-(?:exec|execdir|ok|okdir)$/.test(a[k]!.value ?? "")) continue;
    let end = k + 1;
    while (end < a.length && a[end]!.value !== ";" && a[end]!.value !== "+") end++;
    if (end > k + 1) out.push({ ...cmd, args: a.slice(k + 1, end), name: base(a[k + 1]!.value) });
    k = end;
  }
  return out;
}

/** The calls one command makes: itself, behind its wrappers, and what find -exec runs. */
export function callsOf(cmd: SimpleCommand): SimpleCommand[] {
  const out = [cmd];
  const inner = unwrapped(cmd);
  if (inner) out.push(inner, ...callsOf(inner).slice(1));
  out.push(...findExecs(cmd));
  return out;
}

/** Scripts inside `$( … )` and backquotes of the words, up to a small depth. */
export function substitutions(words: readonly Word[], depth = 0): SimpleCommand[][] {
  if (depth > 3) return [];
  const out: SimpleCommand[][] = [];
  for (const w of words) {
    for (const text of substitutionTexts(w.raw)) {
      try {
        const cmds = simpleCommands(parseScript(text));
        out.push(cmds);
        for (const c of cmds) out.push(...substitutions([...c.assignments, ...c.args], depth + 1));
      } catch {
        // not readable as sh: nothing to check in it
      }
    }
  }
  return out;
}

function substitutionTexts(raw: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === "`") {
      const end = raw.indexOf("`", i + 1);
      if (end < 0) break;
      out.push(raw.slice(i + 1, end));
      i = end;
    } else if (raw[i] === "$" && raw[i + 1] === "(" && raw[i + 2] !== "(") {
      let depth = 0;
      let j = i + 1;
      for (; j < raw.length; j++) {
        if (raw[j] === "(") depth++;
        else if (raw[j] === ")" && --depth === 0) break;
      }
      if (j >= raw.length) break;
      out.push(raw.slice(i + 2, j));
      i = j;
    }
  }
  return out;
}
