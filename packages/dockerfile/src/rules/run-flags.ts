import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import { sourceSpan } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";

/**
 * `RUN --mount=type=cache,target=/var/cache/apt`: apt's cache directories mean nothing to apk
 * (and `apk add --no-cache` keeps none), so the mount goes with the apt commands.
 */
export function dropAptCacheMounts(ctx: MigrationContext, ins: Instruction): void {
  const text = ins.args.text;
  const flagsEnd = splitFlags(text).rest;
  const ranges: [number, number][] = [];
  for (const m of mountFlags(text.slice(0, flagsEnd))) {
    const spec = m[2]!;
    const dir = /(?:^|,)(?:target|dst|destination)=(\/var\/(?:cache|lib)\/apt)\b/.exec(spec);
    if (!dir || !/(?:^|,)type=cache(?:,|$)/.test(spec)) continue;
    ctx.warn(
      "apt",
      sourceSpan(ins.args, m.index + m[1]!.length, m.index + m[1]!.length)[0],
      `cache mount for apt's ${dir[1]} removed: apk add --no-cache keeps no cache to mount`,
    );
    // Each range takes the blanks before its flag; touching ranges merge.
    const last = ranges.at(-1);
    if (last && last[1] === m.index) last[1] = m.index + m[0].length;
    else ranges.push([m.index, m.index + m[0].length]);
  }
  for (const [from, end] of ranges) {
    let to = end;
    // Flags removed from the very start take the blanks after them instead.
    if (from === 0) while (to < flagsEnd && /\s/.test(text[to]!)) to++;
    const [s, e] = sourceSpan(ins.args, from, to);
    ctx.edit("apt", s, e, "");
  }
}

/**
 * `(\s*)--mount=(\S+)` under matchAll, found from each `--mount=` back to the blanks before it:
 * the expression scanned a long run of blanks from each of them when no `--mount=` followed.
 */
export function* mountFlags(flags: string): Generator<RegExpExecArray> {
  let done = 0;
  for (let at = flags.indexOf("--mount="); at !== -1; at = flags.indexOf("--mount=", at + 1)) {
    if (at < done) continue;
    let end = at + "--mount=".length;
    while (end < flags.length && !/\s/.test(flags[end] as string)) end++;
    if (end === at + "--mount=".length) continue;
    let start = at;
    while (start > done && /\s/.test(flags[start - 1] as string)) start--;
    const whole = flags.slice(start, end);
    yield Object.assign([whole, flags.slice(start, at), flags.slice(at + 8, end)], {
      index: start,
      input: flags,
      groups: undefined,
    }) as RegExpExecArray;
    done = end;
  }
}
