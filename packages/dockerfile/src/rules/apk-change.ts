/** An apk call that changes what is installed in the stage's own root. */
export interface ApkChange {
  verb: "add" | "del";
  /** `--virtual NAME`, `-t NAME`: the virtual package an `apk add` puts its names under. */
  virtual?: string;
  /** The words after the verb, as the caller expanded them (versions still on). */
  words: string[];
  /** `-X URL`, `--repository`, `--repositories-file`: it installs from more than the release. */
  repository?: true;
}

const APK_TOOLS = new Set(["apk", "xx-apk"]);
/** Short options whose value is the rest of the cluster or the next word (`-t .tmp`, `-X URL`). */
const SHORT_WITH_VALUE = new Set(["t", "X", "p"]);
const LONG_WITH_VALUE = new Set([
  "--virtual",
  "--repository",
  "--root",
  "--arch",
  "--cache-dir",
  "--keys-dir",
  "--repositories-file",
  "--cache-max-age",
  "--timeout",
  "--wait",
  "--progress-fd",
]);
const ALIASES: Readonly<Record<string, string>> = { "-t": "--virtual", "-p": "--root" };

/**
 * Reads `apk add`/`apk del` the way apk's option parser does: options may come before or after
 * the verb, and a value-taking option takes the next word. `command` is the command's name (a
 * path too: `/sbin/apk`), `args` its words after it. Undefined for other calls, for a simulation
 * (`-s`), and for an install into another root (`--root /rootfs`), which leaves the stage's own
 * packages as they were. migrate (what `--check` fails on) and `alpinize check` read apk alike.
 */
export function apkChange(
  command: string | undefined,
  args: readonly string[],
): ApkChange | undefined {
  if (!APK_TOOLS.has(command?.slice(command.lastIndexOf("/") + 1) ?? "")) return undefined;
  const options = new Map<string, string>();
  const rest: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const word = args[k]!;
    if (word.startsWith("--")) {
      const eq = word.indexOf("=");
      const name = eq < 0 ? word : word.slice(0, eq);
      const value = eq >= 0 ? word.slice(eq + 1) : LONG_WITH_VALUE.has(name) ? args[++k] : "";
      options.set(name, value ?? "");
    } else if (/^-[A-Za-z]/.test(word)) {
      k = readShortCluster(word, args, k, options);
    } else rest.push(word);
  }
  const [verb, ...words] = rest;
  if (verb !== "add" && verb !== "del") return undefined;
  const root = options.get("--root");
  if (options.has("--simulate") || options.has("-s") || (root !== undefined && root !== "/"))
    return undefined;
  const virtual = options.get("--virtual");
  const change: ApkChange = verb === "add" && virtual ? { verb, virtual, words } : { verb, words };
  if (["-X", "--repository", "--repositories-file"].some((o) => options.has(o)))
    change.repository = true;
  return change;
}

/** `-qU`, `-t.tmp`, `-Ut .tmp`: returns the index of the last word used. */
function readShortCluster(
  word: string,
  args: readonly string[],
  at: number,
  options: Map<string, string>,
): number {
  for (let i = 1; i < word.length; i++) {
    const flag = `-${word[i]}`;
    const name = ALIASES[flag] ?? flag;
    if (!SHORT_WITH_VALUE.has(word[i]!)) {
      options.set(name, "");
      continue;
    }
    if (i + 1 < word.length) {
      options.set(name, word.slice(i + 1));
      return at;
    }
    options.set(name, args[at + 1] ?? "");
    return at + 1;
  }
  return at;
}

/**
 * The package a word names: versions (`shadow=4.16.0-r1`, `shadow>4`) and repository tags
 * (`shadow@edge`) dropped. Undefined for what names no package the index could know: a file
 * (`./x.apk`), a word with a variable left in it, or a redirect's descriptor (`2>&1` splits to `2`).
 */
export function packageName(word: string): string | undefined {
  if (/[$`*?[\]/]/.test(word) || word.endsWith(".apk") || /^\d+$/.test(word)) return undefined;
  const name = word.split(/[<>=~@]/)[0] ?? "";
  return /^[A-Za-z0-9][A-Za-z0-9+._:-]*$/.test(name) ? name : undefined;
}
