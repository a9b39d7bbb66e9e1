/** The options and operands of one account-tool call, each option's values in order. */
export interface ToolArgs {
  options: Map<string, string[]>;
  operands: string[];
}

/** Which options of a tool take a value: short letters and long names (`--login`). */
export interface ToolSyntax {
  short: string;
  long: ReadonlySet<string>;
  /** The first operand ends the options (`sudo -u app CMD ARGS`): the rest is another command's. */
  stopAtOperand?: boolean;
}

/**
 * Reads `-x value`, `-xvalue`, bundled flags (`-aG grp`), `--long value`, `--long=value` and `--`.
 * A short option is kept under its letter (`-l`), a long one under its name (`--login`); a flag
 * gets "". Options may follow operands, as GNU tools read them (`su app -c CMD`).
 */
export function toolArgs(args: readonly string[], syntax: ToolSyntax): ToolArgs {
  const options = new Map<string, string[]>();
  const operands: string[] = [];
  const set = (key: string, value: string) => {
    const list = options.get(key);
    if (list) list.push(value);
    else options.set(key, [value]);
  };
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === "--") {
      operands.push(...args.slice(k + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const key = eq === -1 ? a : a.slice(0, eq);
      if (eq !== -1) set(key, a.slice(eq + 1));
      else set(key, syntax.long.has(key) ? (args[++k] ?? "") : "");
    } else if (a.startsWith("-") && a.length > 1) {
      k = shortOptions(args, k, syntax.short, set);
    } else if (syntax.stopAtOperand) {
      operands.push(...args.slice(k));
      break;
    } else operands.push(a);
  }
  return { options, operands };
}

/** A bundle of short options at `args[k]`: the index of the last word it took. */
function shortOptions(
  args: readonly string[],
  k: number,
  valued: string,
  set: (key: string, value: string) => void,
): number {
  const a = args[k]!;
  for (let c = 1; c < a.length; c++) {
    const letter = a[c]!;
    if (!valued.includes(letter)) {
      set(`-${letter}`, "");
      continue;
    }
    const rest = a.slice(c + 1);
    if (rest !== "") set(`-${letter}`, rest);
    else set(`-${letter}`, args[++k] ?? "");
    break;
  }
  return k;
}

/** The value of the last of `keys` (`-l`, `--login`) that was given one, or undefined. */
export function lastValue(parsed: ToolArgs, ...keys: string[]): string | undefined {
  let found: string | undefined;
  for (const key of keys) {
    const values = parsed.options.get(key);
    if (values && values.length > 0) found = values.at(-1);
  }
  return found;
}
