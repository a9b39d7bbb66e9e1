/**
 * A bash-only option of a builtin busybox ash has without it, as a musl busybox with Alpine's
 * config runs it: `read -a` fails ("read: illegal option -a", status 2, no variable set);
 * `printf -v VAR` is worse, as ash's printf takes "-v" for its format, prints it and exits 0.
 */
export interface AshMissingOption {
  /** The option word as written (`-a`, `-ra`, `-vX`). */
  option: string;
  /** What busybox ash does with the call instead. */
  does: string;
  /** The POSIX way to write it. */
  fix: string;
  /** ash fails the call (a guard such as `|| true` takes it); false: it succeeds, silently wrong. */
  fails: boolean;
}

/** The bash-only option of a `read` or `printf` call (arguments as their values), if any. */
export function ashMissingOption(
  name: string,
  args: readonly (string | undefined)[],
): AshMissingOption | undefined {
  if (name === "read") {
    const option = arrayOption(args);
    return option === undefined
      ? undefined
      : {
          option,
          does: `its read has no -a: it fails ("read: illegal option -a", status 2) and sets no variable`,
          fix: "read the words into plain variables (read -r a b c), or set -- $line",
          fails: true,
        };
  }
  const first = args[0];
  if (name !== "printf" || first === undefined || !first.startsWith("-v")) return undefined;
  const target = first === "-v" ? (args[1] ?? "VAR") : first.slice(2);
  return {
    option: first,
    does: `its printf has no -v: it prints "${first}" as its format, sets no ${target} and exits 0`,
    fix: `${target}=$(printf …)`,
    fails: false,
  };
}

/** read's options that take the next word (or the rest of their cluster) as their value. */
const READ_VALUES = new Set(["p", "d", "t", "n", "N", "u", "i"]);

/** The word of `read -a NAME`, also clustered (`-ra`), before the first name. */
function arrayOption(args: readonly (string | undefined)[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === undefined || arg === "--" || !/^-./.test(arg)) return undefined;
    for (let j = 1; j < arg.length; j++) {
      if (arg[j] === "a") return arg;
      if (READ_VALUES.has(arg[j]!)) {
        if (j === arg.length - 1) i++;
        break;
      }
    }
  }
  return undefined;
}
