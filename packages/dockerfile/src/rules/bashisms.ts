import { braceLists } from "@alpinize/busybox";
import { parseScript, simpleCommands } from "../shell/script.js";

/** Shell syntax busybox ash lacks (ash does have `set -o pipefail` and `local`). */
// Substrings (`${x:1}`, `${x: -1}`, `${x:(-1)}`), not POSIX defaults (`${x:-0}`).
const BASH_SYNTAX =
  /<<<|\$\{[#!]?\w+(?:\/\/?|\^\^?|,,?|:\d|:\s+-\d|:\(-)|\b\w+\+?=\(|&>|\{\d+\.\.\d+\}|\$\{?RANDOM\b|\$\{?BASH_|\$\{?PIPESTATUS/;
/** Builtins only bash has, as command names. */
const BASH_BUILTINS = new Set([
  "[[",
  "source",
  "declare",
  "typeset",
  "shopt",
  "mapfile",
  "readarray",
  "pushd",
  "popd",
  "select",
  "coproc",
  "function",
]);

/**
 * A `{a,b}` list in an unquoted word, which bash expands and ash keeps as written
 * (`mkdir -p /app/{logs,data}`); `${…}`, `{}` and `{ list; }` groups are none.
 */
const hasBraceList = (text: string) => !braceLists(text).next().done;

/** Whether a script needs bash rather than a POSIX sh (busybox ash). */
export function hasBashism(script: string): boolean {
  if (/\$'/.test(script)) return true;
  const unquoted = script.replace(/'[^']*'/g, "''");
  if (BASH_SYNTAX.test(unquoted)) return true;
  if (hasBraceList(bareWords(unquoted))) return true;
  try {
    return simpleCommands(parseScript(script)).some((c) => BASH_BUILTINS.has(c.args[0]?.raw ?? ""));
  } catch {
    return false;
  }
}

/** The text without escaped characters, double-quoted strings and `${…}` (nested ones too). */
function bareWords(text: string): string {
  const out = text.replace(/\\./gs, " ").replace(/"(?:[^"\\]|\\.)*"/g, '""');
  let kept = "";
  for (let i = 0; i < out.length; i++) {
    if (out[i] !== "$" || out[i + 1] !== "{") {
      kept += out[i];
      continue;
    }
    let depth = 0;
    for (i++; i < out.length; i++) {
      if (out[i] === "{") depth++;
      else if (out[i] === "}" && --depth === 0) break;
    }
    kept += " ";
  }
  return kept;
}
