import type { AppletSpec } from "./applets.js";
import type { Words } from "./words.js";

/** An option the applet rejects, as written (`--key`, `-P`), and the index of its word. */
export interface RejectedOption {
  option: string;
  index: number;
}

/** An option's value, as the applet reads it; undefined when built at run time or missing. */
export interface OptionValue {
  option: string;
  value: string | undefined;
  index: number;
}

const ASSIGNMENT = /^[A-Za-z_]\w*=/;

/** A call's options as the applet reads them, and the indexes of the words left as operands. */
export interface WalkedOptions {
  rejected: RejectedOption[];
  values: OptionValue[];
  /** Words that are neither options nor their values: those after `--`, for one. */
  operands: number[];
}

/**
 * Reads a call's options the way the applet's getopt does: clusters of short options, options
 * with an argument (which is not an option itself), long options with `=`, `--` ending them.
 * A cluster stops at its first rejected letter, as busybox does.
 */
export function walkOptions(words: Words, spec: AppletSpec): WalkedOptions {
  const rejected: RejectedOption[] = [];
  const values: OptionValue[] = [];
  const operands: number[] = [];
  const rest = (from: number) => {
    for (let j = from; j < words.length; j++) operands.push(j);
  };
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w === undefined) continue;
    if (w === "--") {
      rest(k + 1);
      break;
    }
    if (w.startsWith("--")) {
      const eq = w.indexOf("=");
      const option = eq < 0 ? w : w.slice(0, eq);
      if (Object.hasOwn(spec.rejects, option)) rejected.push({ option, index: k });
      else if (eq >= 0) values.push({ option, value: w.slice(eq + 1), index: k });
      else if (spec.longArg?.includes(option))
        values.push({ option, value: words[++k], index: k - 1 });
      continue;
    }
    const bare = spec.bareFirst === true && k === 0 && /^[a-zA-Z]+$/.test(w);
    if (!bare && !(w.startsWith("-") && w.length > 1)) {
      if (spec.stopAtOperand && !ASSIGNMENT.test(w)) {
        rest(k);
        break;
      }
      operands.push(k);
      continue;
    }
    const cluster = bare ? w : w.slice(1);
    if (/^\d/.test(cluster)) continue;
    k = readCluster(words, k, cluster, spec, rejected, values);
  }
  return { rejected, values, operands };
}

/** One `-abc` word; returns the index of the last word it used (its argument's, when separate). */
function readCluster(
  words: Words,
  k: number,
  cluster: string,
  spec: AppletSpec,
  rejected: RejectedOption[],
  values: OptionValue[],
): number {
  for (let i = 0; i < cluster.length; i++) {
    const option = `-${cluster[i]}`;
    if (Object.hasOwn(spec.rejects, option)) {
      rejected.push({ option, index: k });
      return k;
    }
    const rest = cluster.slice(i + 1);
    if (spec.shortAttached?.includes(cluster[i]!)) {
      values.push({ option, value: rest, index: k });
      return k;
    }
    if (spec.shortArg?.includes(cluster[i]!)) {
      if (rest !== "") {
        values.push({ option, value: rest, index: k });
        return k;
      }
      values.push({ option, value: words[k + 1], index: k });
      return k + 1;
    }
  }
  return k;
}
