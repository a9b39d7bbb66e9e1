import { spansAround } from "./conditional-spans.js";
import {
  elseOf,
  loneProbeBefore,
  type ProbeCommand,
  probeBeforeTrue,
  testProbe,
} from "./probe-commands.js";
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

/** The probe of a stretch, or for an `if` the one of the branch a script offset is in. */
type Decider = StretchProbe | ((at: number) => StretchProbe | undefined);

// Per script, once: a RUN asks for each of its commands.
const probesOf = new WeakMap<Script, ReadonlyMap<number, Decider>>();

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
  const decider = probes.get(inner[0]);
  return typeof decider === "function" ? decider(at) : decider;
}

/** Where each stretch a probe decides starts (after its `||`/`&&`, at its `if`/loop keyword), and the probe. */
function probeStarts(items: readonly Item[]): ReadonlyMap<number, Decider> {
  const out = new Map<number, Decider>();
  for (const [k, it] of items.entries()) {
    if (it.kind === "op" && (it.op === "||" || it.op === "&&")) {
      const afterAnd = it.op === "&&";
      const lone = loneProbeBefore(items, k);
      // `X && true || …` runs the stretch when X fails, as `X || …` does.
      const probe = lone ?? (afterAnd ? undefined : probeBeforeTrue(items, k));
      if (!probe) continue;
      // `X || …` runs when X fails, `X && …` when it succeeds; a `!` turns both round.
      out.set(it.end, stretchProbe(probe, afterAnd, afterAnd));
    } else if (it.kind === "keyword" && (it.word === "while" || it.word === "until")) {
      const probe = testProbe(items, k);
      if (probe) out.set(it.start, stretchProbe(probe, it.word === "while", false));
    } else if (it.kind === "keyword" && it.word === "if") {
      const decider = branchProbes(items, k);
      if (decider) out.set(it.start, decider);
    }
  }
  return out;
}

/** The probe of a stretch that runs when the probe succeeds (`runsOnSuccess`) or fails. */
function stretchProbe(
  probe: ProbeCommand,
  runsOnSuccess: boolean,
  afterAnd: boolean,
): StretchProbe {
  const runsIf = runsOnSuccess !== probe.negated ? "found" : "missing";
  return { program: probe.program, runsIf, afterAnd };
}

/**
 * `if command -v X; then A; else B; fi`: A runs when X is found, B when it is missing (a `!`
 * turns both round); the test itself and an `if` with `elif` have no probe.
 */
function branchProbes(items: readonly Item[], k: number): Decider | undefined {
  const probe = testProbe(items, k);
  if (!probe) return undefined;
  const elseAt = elseOf(items, probe.opens);
  if (elseAt === undefined) return undefined;
  const then = stretchProbe(probe, true, false);
  const otherwise = stretchProbe(probe, false, false);
  const thenEnd = items[probe.opens]!.end;
  const elseStart = elseAt < 0 ? Number.POSITIVE_INFINITY : items[elseAt]!.end;
  return (at) => (at < thenEnd ? undefined : at < elseStart ? then : otherwise);
}
