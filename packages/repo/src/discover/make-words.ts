import { posix } from "node:path";

/** The files make reads when none is named, in the order it looks for them. */
const DEFAULT_MAKEFILES = ["GNUmakefile", "makefile", "Makefile"];

/** make's short options that take the next word (or the rest of their word) as their value. */
const SHORT_VALUES = "fCIoWE";
const LONG_VALUES = new Set([
  "--file",
  "--makefile",
  "--directory",
  "--include-dir",
  "--old-file",
  "--assume-old",
  "--what-if",
  "--new-file",
  "--assume-new",
  "--eval",
]);

/**
 * The Makefiles a make call reads: each `-f FILE`, or else GNUmakefile, makefile and Makefile in
 * the directory `-C DIR` names (the working directory without one). A relative path starts with
 * `./`, so it is read against the image's WORKDIR.
 */
export function makefileWords(args: readonly string[]): string[] {
  let dir = ".";
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const [option, value, used] = optionOf(args[k]!, args[k + 1]);
    if (value === undefined) continue;
    k += used - 1;
    if (option === "C") dir = under(dir, value);
    if (option === "f") files.push(value);
  }
  const named = files.length > 0 ? files : DEFAULT_MAKEFILES;
  return named.map((file) => {
    const path = under(dir, file);
    return path.startsWith("/") ? path : `./${path}`;
  });
}

/** \`path\` read from \`dir\`: an absolute path stays as it is. */
function under(dir: string, path: string): string {
  return path.startsWith("/") ? posix.normalize(path) : posix.join(dir, path);
}

/** \`[letter, value, words used]` of a `-f`/`-C` option (long forms too); no value otherwise. */
function optionOf(word: string, next: string | undefined): [string, string | undefined, number] {
  if (word.startsWith("--")) {
    const eq = word.indexOf("=");
    const name = eq < 0 ? word : word.slice(0, eq);
    if (!LONG_VALUES.has(name)) return ["", undefined, 1];
    const letter = name === "--directory" ? "C" : /^--(?:make)?file$/.test(name) ? "f" : "";
    return eq < 0 ? [letter, next, 2] : [letter, word.slice(eq + 1), 1];
  }
  if (!/^-[A-Za-z]/.test(word)) return ["", undefined, 1];
  for (let i = 1; i < word.length; i++) {
    const letter = word[i]!;
    if (!SHORT_VALUES.includes(letter)) continue;
    const attached = word.slice(i + 1);
    return attached !== "" ? [letter, attached, 1] : [letter, next, 2];
  }
  return ["", undefined, 1];
}
