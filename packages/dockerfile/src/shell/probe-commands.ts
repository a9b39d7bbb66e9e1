import type { Item, SimpleCommand } from "./script.js";

/** Probes that succeed when a program is there: `command -v X`, `which X`, `type X`, `hash X`. */
const NAME_PROBES = new Set(["which", "type", "hash"]);

/** A probe for a program, and whether a `!` before it turns its answer round. */
export interface ProbeCommand {
  program: string;
  negated: boolean;
}

/**
 * The lone probe right before the `&&`/`||` at `items[k]`, when it starts its and-or list
 * (`command -v useradd >/dev/null || …`, `! which X && …`); one after another `&&`/`||` decides
 * nothing alone (`true && command -v X || …`).
 */
export function loneProbeBefore(items: readonly Item[], k: number): ProbeCommand | undefined {
  let j = k - 1;
  const before = items[j--];
  if (before?.kind !== "pipeline" || before.commands.length !== 1) return undefined;
  const earlier = items[j];
  const negated = earlier?.kind === "keyword" && earlier.word === "!";
  const first = items[negated ? j - 1 : j];
  if (first?.kind === "op" && (first.op === "&&" || first.op === "||")) return undefined;
  const program = probed(before.commands[0]!);
  return program === undefined ? undefined : { program, negated };
}

/**
 * The lone probe that is the whole test of the `while`/`until` at `items[k]`
 * (`while ! command -v X >/dev/null; do`), nothing else before its `do`.
 */
export function loopProbe(items: readonly Item[], k: number): ProbeCommand | undefined {
  let j = k + 1;
  const bang = items[j];
  const negated = bang?.kind === "keyword" && bang.word === "!";
  if (negated) j++;
  const test = items[j];
  const end = items[j + 1];
  const open = items[j + 2];
  if (test?.kind !== "pipeline" || test.commands.length !== 1) return undefined;
  if (end?.kind !== "op" || (end.op !== ";" && end.op !== "\n")) return undefined;
  if (open?.kind !== "keyword" || open.word !== "do") return undefined;
  const program = probed(test.commands[0]!);
  return program === undefined ? undefined : { program, negated };
}

/** The program a command probes for, by name or by its path (`[ -x /usr/sbin/useradd ]`). */
function probed(cmd: SimpleCommand): string | undefined {
  const words = cmd.args.map((w) => w.value);
  if (words.some((w) => w === undefined)) return undefined;
  const [name, ...rest] = words as string[];
  if (name === "command" && rest.length === 2 && /^-[vV]$/.test(rest[0]!)) return plain(rest[1]!);
  if (name !== undefined && NAME_PROBES.has(name) && rest.length === 1) return plain(rest[0]!);
  const test =
    name === "[" && rest.at(-1) === "]" ? rest.slice(0, -1) : name === "test" ? rest : undefined;
  if (test?.length === 2 && test[0] === "-x") return test[1]!.slice(test[1]!.lastIndexOf("/") + 1);
  return undefined;
}

function plain(word: string): string | undefined {
  return /^[A-Za-z0-9][\w.+-]*$/.test(word) ? word : undefined;
}
