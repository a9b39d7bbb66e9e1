import { OPTIONLESS } from "./applets.js";
import type { OptionValue } from "./options.js";
import type { Words } from "./words.js";

/** A call busybox accepts but reads otherwise than GNU, or a value it cannot read. */
export interface ValueProblem {
  index: number;
  /** The word's text at fault: the date, the template, the option realpath reads as a file. */
  option: string;
  message: string;
  advice: string;
}

/**
 * The date forms busybox date -d reads (measured with Alpine's options): @seconds, and numeric
 * dates and times (`2024-01-02`, `2024-01-02 10:00:00`, `10:00`, `01021000`). GNU also reads
 * `+1 day`, `yesterday`, `now`, ISO `T` times, month names: those need coreutils.
 */
const BUSYBOX_DATE =
  /^(?:@-?\d+|(?:\d{4}[-.])?\d{1,2}[-.]\d{1,2}(?:[ -]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?|\d{8}(?:\d{2}|\d{4})?(?:\.\d{2})?)$/;

/**
 * `date -d X` (or `touch -d X`, which busybox parses the same way) with a literal X busybox cannot
 * parse; date's `-D FORMAT` tells it how, so any X may do.
 */
export function dateProblem(
  values: readonly OptionValue[],
  tool = "date",
): ValueProblem | undefined {
  if (values.some((v) => v.option === "-D")) return undefined;
  const d = values.find((v) => v.option === "-d" || v.option === "--date");
  const when = d?.value;
  if (!d || when === undefined || when.includes("$") || when.includes("`")) return undefined;
  if (BUSYBOX_DATE.test(when)) return undefined;
  return {
    index: d.index,
    option: when,
    message: `busybox ${tool} -d cannot parse "${when}" (GNU date's free-form dates)`,
    advice:
      "busybox reads @SECONDS and YYYY-MM-DD hh:mm:ss only; compute seconds with $(( $(date +%s) - N )) and use -d @SECONDS",
  };
}

/**
 * musl's mkstemp wants exactly six X's; GNU mktemp takes three or more. Only the template is
 * judged, an operand: the DIR of `-p DIR` may end in X's of its own.
 */
export function mktempProblem(words: Words, operands: readonly number[]): ValueProblem | undefined {
  const index = operands.find((i) => {
    const w = words[i];
    return w !== undefined && /(?:^|[^X])X{3,5}$/.test(w);
  });
  if (index === undefined) return undefined;
  const template = words[index]!;
  return {
    index,
    option: template,
    message: `busybox mktemp needs six X's in ${template}`,
    advice: "end the template with six X's (XXXXXX)",
  };
}

/** GNU sed's `0,/re/` address: busybox sed accepts it and then matches nothing. */
export function sedZeroProblem(words: Words): ValueProblem | undefined {
  const index = words.findIndex((w) => w !== undefined && zeroAddress(w));
  if (index < 0) return undefined;
  return {
    index,
    option: "0,/regexp/",
    message: "busybox sed accepts GNU's 0,/regexp/ address but then edits nothing",
    advice: "start the range at line 1 (1,/regexp/) where the first line cannot match",
  };
}

/**
 * GNU sed's stepped addresses: `first~step` (`1~2d`) and `addr,~N`. Busybox sed reads neither
 * (measured: "unsupported command ~", "no address after comma") and stops before any line.
 */
const SED_STEP = /\d+~\d+|(?:\d+|\$|\/(?:[^/\\\n]|\\.)*\/)\s*,\s*~\d+/y;

const COMMAND_END = /[;{}\n]/;
const BLANK = /\s/;

/**
 * Where the blanks before `at` start, or -1 when they hold a line break (which ends a command).
 * Expressions with `[;{}\n]\s*` before what they look for scanned a long run of line breaks
 * again from each one.
 */
function blanksStart(text: string, at: number): number {
  let k = at;
  while (k > 0 && BLANK.test(text[k - 1] as string)) {
    k--;
    if (text[k] === "\n") return -1;
  }
  return k;
}

/** The blanks ending at `k` follow `;`, `{`, `}` or a line break (or hold one: k = -1). */
function afterCommandEnd(text: string, k: number): boolean {
  return k === -1 || (k > 0 && COMMAND_END.test(text[k - 1] as string));
}

/** `0,/re/` (or `0,\cREc`) where a command starts: `(?:^|[;{}\n]\s*)0,[/\\]`. */
export function zeroAddress(text: string): boolean {
  for (const m of text.matchAll(/0,[/\\]/g)) {
    if (m.index === 0 || afterCommandEnd(text, blanksStart(text, m.index))) return true;
  }
  return false;
}

/**
 * The first stepped address where a sed command starts (`(?:^|[;{}\n])\s*` before SED_STEP), as
 * that expression's match read without its separator and blanks.
 */
export function stepAddress(text: string): string | undefined {
  for (let at = 0; at < text.length; at++) {
    if (!/[\d$/]/.test(text[at] as string)) continue;
    const k = blanksStart(text, at);
    if (k !== 0 && !afterCommandEnd(text, k)) continue;
    SED_STEP.lastIndex = at;
    const m = SED_STEP.exec(text);
    if (m) return m[0];
  }
  return undefined;
}

/** Where sed's script is: each `-e` value, else the first operand (a `-f` script is a file). */
function sedScripts(
  words: Words,
  values: readonly OptionValue[],
  operands: readonly number[],
): { index: number; text: string | undefined }[] {
  const given = values.filter((v) => v.option === "-e" || v.option === "--expression");
  if (given.length > 0)
    return given.map((v) => ({
      // A separate value is the next word: `-e SCRIPT`, not `-eSCRIPT` or `--expression=SCRIPT`.
      index: words[v.index] === v.option ? v.index + 1 : v.index,
      text: v.value,
    }));
  if (values.some((v) => v.option === "-f" || v.option === "--file")) return [];
  return operands.slice(0, 1).map((index) => ({ index, text: words[index] }));
}

/** A `first~step` or `addr,~N` address in sed's script. */
export function sedStepProblem(
  words: Words,
  values: readonly OptionValue[],
  operands: readonly number[],
): ValueProblem | undefined {
  for (const { index, text } of sedScripts(words, values, operands)) {
    const step = text === undefined ? undefined : stepAddress(text);
    if (step === undefined) continue;
    return {
      index,
      option: step,
      message:
        "busybox sed has no GNU step address (first~step, addr,~N): it stops before any line",
      advice: "pick the lines with awk (NR % step == first % step), or apk add sed",
    };
  }
  return undefined;
}

/**
 * The size suffixes busybox head and tail read after a -n or -c count: b, k and m (512, 1024,
 * 1024²), lowercase only, measured. GNU's K, M, G…, kB, KiB… are "invalid number".
 */
const GNU_SIZE = /^[+-]?\d+(?:[KMGTPEZYRQ]|[kKmMGTPEZYRQ]i?B)$/;

/** `head -c 1K`, `tail -n 2M`: a count with a suffix only GNU reads. */
export function sizeSuffixProblem(
  tool: string,
  values: readonly OptionValue[],
): ValueProblem | undefined {
  const v = values.find(
    (x) => (x.option === "-n" || x.option === "-c") && x.value && GNU_SIZE.test(x.value),
  );
  if (!v?.value) return undefined;
  return {
    index: v.index,
    option: `${v.option} ${v.value}`,
    message: `busybox ${tool} cannot read ${v.value} (GNU's size suffixes): "invalid number"`,
    advice: "write the count in bytes or with busybox's k or m (1024, 1024²): 1K is 1k",
  };
}

/** An option given to an applet that takes none, which reads it as a file name. */
export function optionlessProblem(tool: string, words: Words): ValueProblem | undefined {
  if (!OPTIONLESS.has(tool)) return undefined;
  for (let index = 0; index < words.length; index++) {
    const w = words[index];
    if (w === "--") return undefined;
    if (w === undefined || w.length < 2 || !w.startsWith("-")) continue;
    const option = w.split("=")[0]!;
    return {
      index,
      option,
      message: `busybox ${tool} takes no options (it reads ${option} as a file name)`,
      advice: "drop it, or do without it under busybox",
    };
  }
  return undefined;
}
