import type { Rejection } from "@alpinize/busybox";
import type { SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";

/** A word of a command and the busybox spelling that replaces it. */
export interface BusyboxRewrite {
  word: Word;
  text: string;
}

/** A value that needs no quoting once it stands on its own after a short option. */
const PLAIN = /^[\w.,:/@%+=-]+$/;

/**
 * The busybox spelling of a call whose rejected options are all long ones with a short twin;
 * undefined when any of them has none (the GNU package is the answer then).
 */
export function busyboxRespelling(
  cmd: SimpleCommand,
  rejected: readonly Rejection[],
): BusyboxRewrite[] | undefined {
  const out: BusyboxRewrite[] = [];
  for (const r of rejected) {
    const short = r.busybox;
    const word = cmd.args[r.index + 1];
    if (short === undefined || !word) return undefined;
    const eq = (word.value ?? "").indexOf("=");
    if (eq < 0) {
      out.push({ word, text: short });
      continue;
    }
    const value = word.value!.slice(eq + 1);
    const prefix = `${r.option}=`;
    // `--key=1,1` or `--field-separator=':'`: the value's own text follows the short option.
    const raw = word.raw.startsWith(prefix) ? word.raw.slice(prefix.length) : undefined;
    const text = raw !== undefined && raw !== "" ? raw : PLAIN.test(value) ? value : undefined;
    if (short === "" || text === undefined) return undefined;
    out.push({ word, text: `${short} ${text}` });
  }
  return out;
}
