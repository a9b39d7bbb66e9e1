import { posix } from "node:path";

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
