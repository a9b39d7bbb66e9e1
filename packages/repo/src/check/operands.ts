/**
 * The words of a command that are not options or option values. `takesValue` says whether an
 * option word consumes the next word (`-g 1000`, `--home /h`); everything after `--` is an
 * operand, and so is a lone `-` (standard input for the tools that read files).
 */
export function operandWords(
  args: readonly string[],
  takesValue: (option: string) => boolean,
): string[] {
  const out: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === "--") {
      out.push(...args.slice(k + 1));
      break;
    }
    if (a === "-" || !a.startsWith("-")) out.push(a);
    else if (takesValue(a)) k++;
  }
  return out;
}
