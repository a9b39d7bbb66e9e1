import { posix } from "node:path";
import type { Instruction } from "@alpinize/dockerfile";
import { instructionWords } from "../dockerfile/words.js";

/** The PATH Docker gives a container whose image sets none (and Alpine's, Debian's images keep it). */
export const DEFAULT_PATH: readonly string[] = [
  "/usr/local/sbin",
  "/usr/local/bin",
  "/usr/sbin",
  "/usr/bin",
  "/sbin",
  "/bin",
];

/**
 * The search path after an `ENV` instruction: `ENV PATH=/app/bin:$PATH` (or `ENV PATH /app/bin:…`)
 * puts its folders before the current ones. A folder named through another variable is unknown
 * and left out; other ENV instructions leave the path as it is.
 */
export function pathAfterEnv(ins: Instruction, current: readonly string[]): readonly string[] {
  const words = instructionWords(ins.args.text);
  const value =
    words[0] === "PATH" && words.length >= 2
      ? words.slice(1).join(" ")
      : words.findLast((w) => w.startsWith("PATH="))?.slice("PATH=".length);
  if (value === undefined) return current;
  const dirs = value
    .split(":")
    .flatMap((part) => (/^\$(?:PATH|\{PATH\})$/.test(part) ? [...current] : [part]))
    .filter((dir) => dir.startsWith("/") && !dir.includes("$"))
    .map((dir) => posix.normalize(dir).replace(/(.)\/+$/, "$1"));
  return [...new Set(dirs)];
}

/**
 * Where a word of ENTRYPOINT or CMD may be in the image. A bare name as the program (the first
 * word) is looked up in PATH, as Docker does; a later bare name is either a program a wrapper runs
 * (`tini -- entry.sh`, looked up in PATH) or a file an interpreter opens (`sh start.sh`, in
 * WORKDIR). A relative path with a folder (`bin/start.sh`) is in WORKDIR.
 */
export function runLocations(
  word: string,
  first: boolean,
  search: readonly string[],
  workdir: string,
): string[] {
  if (word === "" || word.startsWith("/") || word.includes("$") || word.startsWith("-")) return [];
  if (word.includes("/")) return [posix.resolve(workdir, word)];
  const dirs = first ? search : [...search, workdir];
  return [...new Set(dirs.map((dir) => posix.join(dir, word)))];
}
