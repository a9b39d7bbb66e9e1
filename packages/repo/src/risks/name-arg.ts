/**
 * The account name a `groupadd`/`addgroup`/`useradd`/`adduser` call on one line creates: the
 * word after its options, before the end of the line or `&&`, `;`, `\` or `|`.
 *
 * The options are read the way a backtracking regular expression would try them, first match
 * wins: for each option, a value in double quotes, in single quotes, as a bare word, or none
 * (`-m app` is the flag `-m`, then the name). A regular expression spelling that lets each option
 * take the next one as its value tries 2^n splits of n options before it fails; here a position
 * where the rest of the line was already found not to parse is not tried again, so a line is
 * read in time linear in its length.
 */
export function accountNameArgument(line: string): string | undefined {
  const failed = new Set<number>();
  for (const command of line.matchAll(ACCOUNT_COMMAND)) {
    const name = afterOptions(line, command.index + command[0].length, failed);
    if (name !== undefined) return name;
  }
  return undefined;
}

const ACCOUNT_COMMAND = /\b(?:groupadd|addgroup|useradd|adduser)\b/g;
const SPACE = /\s/;
const FLAG_CHAR = /[A-Za-z-]/;
const NAME_START = /[a-z_]/;
const NAME_CHAR = /[a-z0-9_-]/;

/**
 * Options then the name from `at`, depth first in the order a lazy repetition tries them: the
 * name first, then one more option. Kept on an explicit stack: a long line has as many options.
 */
function afterOptions(line: string, at: number, failed: Set<number>): string | undefined {
  const stack: { at: number; ends: number[]; next: number }[] = [];
  const enter = (from: number): string | undefined => {
    const name = nameAt(line, from);
    if (name === undefined) stack.push({ at: from, ends: optionEnds(line, from), next: 0 });
    return name;
  };
  if (failed.has(at)) return undefined;
  const first = enter(at);
  if (first !== undefined) return first;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as (typeof stack)[number];
    const end = top.ends[top.next++];
    if (end === undefined) {
      // Ends only grow along the stack, so a position failed here fails for any command.
      failed.add(top.at);
      stack.pop();
    } else if (!failed.has(end)) {
      const name = enter(end);
      if (name !== undefined) return name;
    }
  }
  return undefined;
}

/** Where one option starting with blanks at `at` can end, in the order they are tried. */
function optionEnds(line: string, at: number): number[] {
  const dash = skip(line, at, SPACE);
  if (dash === at || line[dash] !== "-") return [];
  // `-{1,2}[A-Za-z-]+`: at least two characters of the run, the first a dash.
  const flagEnd = skip(line, dash, FLAG_CHAR);
  if (flagEnd - dash < 2) return [];
  const ends: number[] = [];
  const separator = line[flagEnd];
  if (separator === " " || separator === "=") {
    const value = flagEnd + 1;
    for (const quote of ['"', "'"]) {
      const close = line[value] === quote ? line.indexOf(quote, value + 1) : -1;
      if (close !== -1) ends.push(close + 1);
    }
    // A bare word is read to its end: a shorter one leaves no blank for what follows.
    const word = skipNot(line, value, SPACE);
    if (word > value) ends.push(word);
  }
  ends.push(flagEnd);
  return ends;
}

/** The name if blanks, an optional quote, the name, an optional quote and an end follow `at`. */
function nameAt(line: string, at: number): string | undefined {
  let i = skip(line, at, SPACE);
  if (i === at) return undefined;
  // An opening quote is taken when there is one: without it the name would start at a quote.
  if (line[i] === '"' || line[i] === "'") i++;
  if (!NAME_START.test(line[i] ?? "")) return undefined;
  const nameEnd = skip(line, i + 1, NAME_CHAR);
  let j = nameEnd;
  if (line[j] === '"' || line[j] === "'") j++;
  if (endsCall(line, skip(line, j, SPACE))) return line.slice(i, nameEnd);
  // Without the closing quote, `\s*` and the end would have to start at that quote: no end does.
  return undefined;
}

function endsCall(line: string, i: number): boolean {
  return (
    i === line.length ||
    line.startsWith("&&", i) ||
    line[i] === ";" ||
    line[i] === "\\" ||
    line[i] === "|"
  );
}

function skip(line: string, i: number, set: RegExp): number {
  while (i < line.length && set.test(line[i] as string)) i++;
  return i;
}

function skipNot(line: string, i: number, set: RegExp): number {
  while (i < line.length && !set.test(line[i] as string)) i++;
  return i;
}
