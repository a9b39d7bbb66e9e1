import { type ShellOptions, shellOptions } from "../shell/command-status.js";
import type { Stage } from "../stages.js";

/**
 * The options the RUNs of `stage` may run under (`pipefail`, `set -u`, `readonly`: shellOptions),
 * read from its own text and that of the stages it builds on (a `SHELL` is kept through `FROM
 * stage`, and a parent's ONBUILD runs in it), not from the file's other stages. A FROM whose
 * image holds a variable no default resolves may name any stage at build time: the whole file is
 * read then (fail closed).
 */
export function stageShellOptions(
  text: string,
  stages: readonly Stage[],
  stage: Stage,
): ShellOptions {
  const parts: string[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    if (!s.parent && s.image.includes("$")) return shellOptions(text);
    parts.push(text.slice(s.from.start, stages[s.index + 1]?.from.start ?? text.length));
  }
  return shellOptions(parts.join("\n"));
}
