import { spansAround } from "./conditional-spans.js";
import { loneProbeBefore, loopProbe } from "./probe-commands.js";
import type { Item, Script } from "./script.js";

/** The probe that decides whether a conditional stretch runs. */
export interface StretchProbe {
  /** The program it looks for (`command -v X`, `which X`, `type X`, `hash X`, `[ -x PATH ]`). */
  program: string;
  /**
   * `missing`: the stretch runs when the program is not there (`… || apk add P`, `while !
   * command -v X; do`, `until command -v X; do`); `found`: when it is (`command -v X && …`).
   */
  runsIf: "found" | "missing";
  /** The stretch follows `&&`: a build step assumes it runs, unless the probe says otherwise. */
  afterAnd: boolean;
}

// Per script, once: a RUN asks for each of its commands.
const probesOf = new WeakMap<Script, ReadonlyMap<number, StretchProbe>>();

/**
 * The probe of the innermost conditional stretch around script offset `at`, where one decides it:
 * a lone probe before the `||` or `&&` that opens it (`command -v useradd >/dev/null || apk add
 * shadow`), or the whole test of a `while`/`until` loop. On Alpine, what a `missing` stretch
 * installs for the program is there after it either way (it was there, or it is now); a `found`
 * stretch never installs it (it runs only when the program is already there).
 */
export function probedProgram(script: Script, at: number): StretchProbe | undefined {
  const inner = spansAround(script, at).at(-1);
  if (!inner) return undefined;
  let probes = probesOf.get(script);
  if (!probes) {
    probes = probeStarts(script.items);
    probesOf.set(script, probes);
  }
  return probes.get(inner[0]);
}

/** Where each stretch a probe decides starts (after its `||`/`&&`, at its loop keyword), and the probe. */
function probeStarts(items: readonly Item[]): ReadonlyMap<number, StretchProbe> {
  const out = new Map<number, StretchProbe>();
  for (const [k, it] of items.entries()) {
    if (it.kind === "op" && (it.op === "||" || it.op === "&&")) {
      const probe = loneProbeBefore(items, k);
      if (!probe) continue;
      // `X || …` runs when X fails, `X && …` when it succeeds; a `!` turns both round.
      const afterAnd = it.op === "&&";
      const runsIf = afterAnd !== probe.negated ? "found" : "missing";
      out.set(it.end, { program: probe.program, runsIf, afterAnd });
    } else if (it.kind === "keyword" && (it.word === "while" || it.word === "until")) {
      const probe = loopProbe(items, k);
      if (!probe) continue;
      const runsIf = (it.word === "while") !== probe.negated ? "found" : "missing";
      out.set(it.start, { program: probe.program, runsIf, afterAnd: false });
    }
  }
  return out;
}
