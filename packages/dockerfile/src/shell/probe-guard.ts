import { spansAround } from "./conditional-spans.js";
import type { Item, Script, SimpleCommand } from "./script.js";

/** Probes that succeed when a program is there: `command -v X`, `which X`, `type X`, `hash X`. */
const NAME_PROBES = new Set(["which", "type", "hash"]);

// Per script, once: a RUN asks for each of its commands.
const probesOf = new WeakMap<Script, ReadonlyMap<number, string>>();

/**
 * The program a lone probe before a `||` looks for, when the command at script offset `at` sits
 * right in the stretch that `||` opens: `command -v useradd >/dev/null || apk add shadow`,
 * `which X || …`, `type X || …`, `[ -x /usr/sbin/useradd ] || …` give `useradd`. What that
 * stretch installs for the program is there after it either way (it was there, or it is now).
 */
export function probedProgram(script: Script, at: number): string | undefined {
  const inner = spansAround(script, at).at(-1);
  if (!inner) return undefined;
  let probes = probesOf.get(script);
  if (!probes) {
    probes = probeStarts(script.items);
    probesOf.set(script, probes);
  }
  return probes.get(inner[0]);
}

/** For each `||` after a lone probe that starts its and-or list: where its stretch starts, and the program. */
function probeStarts(items: readonly Item[]): ReadonlyMap<number, string> {
  const out = new Map<number, string>();
  for (const [k, it] of items.entries()) {
    if (it.kind !== "op" || it.op !== "||") continue;
    const before = items[k - 1];
    const earlier = items[k - 2];
    if (before?.kind !== "pipeline" || before.commands.length !== 1) continue;
    if (earlier?.kind === "op" && (earlier.op === "&&" || earlier.op === "||")) continue;
    const program = probed(before.commands[0]!);
    if (program !== undefined) out.set(it.end, program);
  }
  return out;
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
