import type { Instruction } from "../parse/types.js";
import { parseScript, simpleCommands } from "../shell/script.js";

/** Command names an ENTRYPOINT/CMD starts: the program, and the commands of a `sh -c` string. */
export function startedCommands(ins: Instruction): string[] {
  let script: string;
  if (ins.form === "exec") {
    let words: unknown;
    try {
      words = JSON.parse(ins.args.text);
    } catch {
      return [];
    }
    if (!Array.isArray(words)) return [];
    const strings = unwrapStarter(words.filter((w): w is string => typeof w === "string"));
    const [first, flag, inner] = strings;
    if (first === undefined) return [];
    const program = first.replace(/^.*\//, "");
    if (/^(?:ba|da|a)?sh$/.test(program) && flag === "-c" && inner !== undefined) script = inner;
    else return [program];
  } else {
    script = ins.args.text;
  }
  try {
    return simpleCommands(parseScript(script))
      .map((c) => unwrapStarter(c.args.map((a) => a.value ?? a.raw))[0])
      .map((n) => n?.replace(/^.*\//, ""))
      .filter((n): n is string => n !== undefined && /^[\w.+-]+$/.test(n));
  } catch {
    return [];
  }
}

/** Init and privilege wrappers an ENTRYPOINT starts the real program through. */
const STARTERS: Readonly<Record<string, number>> = {
  // name → how many operands (a user) come before the program
  tini: 0,
  "tini-static": 0,
  "dumb-init": 0,
  nice: 0,
  nohup: 0,
  exec: 0,
  env: 0,
  "su-exec": 1,
  gosu: 1,
};

/** `["tini", "--", "xvfb-run", …]` → `["xvfb-run", …]`: the words from the program a wrapper starts. */
function unwrapStarter(words: readonly string[]): readonly string[] {
  let rest = words;
  for (let depth = 0; depth < 4; depth++) {
    const name = rest[0]?.replace(/^.*\//, "");
    const skip = name === undefined ? undefined : STARTERS[name];
    if (skip === undefined) return rest;
    let k = 1;
    while (
      k < rest.length &&
      (rest[k]!.startsWith("-") || (name === "env" && /^\w+=/.test(rest[k]!)))
    ) {
      k++;
      if (rest[k - 1] === "--") break;
    }
    rest = rest.slice(k + skip);
  }
  return rest;
}
