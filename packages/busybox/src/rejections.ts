import { APPLETS, type Prose } from "./applets.js";
import { findProblems } from "./find.js";
import { type WalkedOptions, walkOptions } from "./options.js";
import { gnuPackageOf } from "./packages.js";
import { psProblems } from "./ps.js";
import { busyboxSpelling } from "./spellings.js";
import {
  dateProblem,
  mktempProblem,
  optionlessProblem,
  sedStepProblem,
  sedZeroProblem,
  sizeSuffixProblem,
  type ValueProblem,
} from "./values.js";
import type { Words } from "./words.js";

/** What one call asks of busybox that it cannot do. */
export interface Rejection {
  /** The applet, as called (`grep`). */
  tool: string;
  /**
   * `option`: an option or find primary the applet rejects outright. `value`: something it cannot
   * read or reads otherwise than GNU (a date, a template, a column, an option to an applet that
   * takes none).
   */
  kind: "option" | "value";
  /** What is at fault, as written: `--recursive`, `-P`, `-printf`, `-type f,d`, `-o %cpu`. */
  option: string;
  /** Index of the word at fault among the argument words. */
  index: number;
  /** The Alpine package with the GNU tool, or undefined where Alpine has none (adduser). */
  package: string | undefined;
  /** For a long option: busybox's option of the same meaning (`-r`), or `""` to drop it. */
  busybox?: string;
  /** "busybox TOOL has no …", or what busybox does instead. */
  message: string;
  /** What to write instead under busybox. */
  advice: string;
}

/** The advice where the tables have none: the option has no busybox equivalent. */
export const NO_EQUIVALENT = "drop it, or do without it under busybox";

/**
 * What busybox rejects in one call of `tool` (a bare name, `grep` not `/bin/grep`) with these
 * argument words, in the order of the words. Empty when busybox runs the call as GNU would.
 */
export function busyboxRejections(tool: string, words: Words): Rejection[] {
  const pkg = gnuPackageOf(tool);
  const base = { tool, package: pkg };
  const out: Rejection[] = [];
  if (tool === "find") {
    for (const p of findProblems(words))
      out.push(
        withAdvice(base, p, `busybox find has no ${p.what}`, `${p.advice}, or apk add ${pkg}`),
      );
    return out;
  }
  if (tool === "ps") {
    for (const p of psProblems(words))
      out.push(
        withAdvice(base, p, `busybox ps has no ${p.what}`, `${p.advice}, or apk add ${pkg}`),
      );
    return out;
  }
  const optionless = optionlessProblem(tool, words);
  if (optionless) out.push({ ...base, kind: "value", ...optionless });
  const spec = Object.hasOwn(APPLETS, tool) ? APPLETS[tool] : undefined;
  if (!spec) return out;
  const walked = walkOptions(words, spec);
  for (const special of valueProblems(tool, words, walked))
    out.push({ ...base, kind: "value", ...special });
  for (const r of walked.rejected)
    out.push(optionRejection(tool, pkg, r.option, r.index, spec.rejects[r.option]!));
  return out.sort((a, b) => a.index - b.index);
}

/** What the applet cannot read in the values of a call it otherwise runs. */
function valueProblems(tool: string, words: Words, walked: WalkedOptions): ValueProblem[] {
  const { values, operands } = walked;
  const found =
    tool === "date" || tool === "touch"
      ? [dateProblem(values, tool)]
      : tool === "mktemp"
        ? [mktempProblem(words, operands)]
        : tool === "sed"
          ? [sedZeroProblem(words), sedStepProblem(words, values, operands)]
          : tool === "head" || tool === "tail"
            ? [sizeSuffixProblem(tool, values)]
            : [];
  return found.filter((p) => p !== undefined);
}

function withAdvice(
  base: { tool: string; package: string | undefined },
  p: { index: number; option: string; value?: true },
  message: string,
  advice: string,
): Rejection {
  return {
    ...base,
    kind: p.value ? "value" : "option",
    option: p.option,
    index: p.index,
    message,
    advice,
  };
}

function optionRejection(
  tool: string,
  pkg: string | undefined,
  option: string,
  index: number,
  prose: Prose,
): Rejection {
  const busybox = option.startsWith("--") ? busyboxSpelling(tool, option) : undefined;
  const spelled = busybox === undefined ? undefined : busybox === "" ? "drop it" : `use ${busybox}`;
  return {
    tool,
    kind: "option",
    option,
    index,
    package: pkg,
    ...(busybox === undefined ? {} : { busybox }),
    message: prose.message ?? `busybox ${tool} has no ${option}`,
    advice: prose.advice ?? spelled ?? NO_EQUIVALENT,
  };
}
