import { spansAround } from "./conditional-spans.js";
import {
  ifClauses,
  loneProbeBefore,
  type ProbeCommand,
  probeBeforeAnd,
  testProbe,
} from "./probe-commands.js";
import type { Item, Script } from "./script.js";

/** One probe's answer a stretch needs: the program found, or missing. */
export interface ProbeCondition {
  program: string;
  /** The path a `[ -x PATH ]` test looks at (ProbeCommand). */
  path?: string;
  runsIf: "found" | "missing";
  /** The probe command: the stretches one test decides share it, so it is judged once for all. */
  test: object;
}

/** The probe that decides whether a conditional stretch runs. */
export interface StretchProbe {
  /** The program it looks for (`command -v X`, `which X`, `type X`, `hash X`, `[ -x PATH ]`). */
  program: string;
  /** The path a `[ -x PATH ]` test looks at (ProbeCommand). */
  path?: string;
  /**
   * `missing`: the stretch runs when the program is not there (`… || apk add P`, `while !
   * command -v X; do`, `until command -v X; do`); `found`: when it is (`command -v X && …`).
   */
  runsIf: "found" | "missing";
  /** The stretch follows `&&`: a build step assumes it runs, unless the probe says otherwise. */
  afterAnd: boolean;
  /** The probe command, where other stretches share it (an `if`'s branches). */
  test?: object;
  /** Earlier probes that must give their answer too: an `elif` or `else` runs after failed tests. */
  also?: readonly ProbeCondition[];
  /** It may run whatever the probe finds: `command -v X && apk add P || …` also when the add fails. */
  orElse?: true;
  /** A branch of an `if` with an `else`: one of them runs, so what each installs is there after it. */
  branch?: { of: object; index: number; count: number };
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

/** Where each stretch a probe decides starts (after its `||`/`&&`, at its `if`/loop keyword), and the probe. */
function probeStarts(items: readonly Item[]): ReadonlyMap<number, StretchProbe> {
  const out = new Map<number, StretchProbe>();
  for (const [k, it] of items.entries()) {
    if (it.kind === "op" && (it.op === "||" || it.op === "&&")) {
      const afterAnd = it.op === "&&";
      const lone = loneProbeBefore(items, k);
      // `X || …` runs when X fails, `X && …` when it succeeds; a `!` turns both round.
      if (lone) out.set(it.end, stretchProbe(lone, afterAnd, afterAnd));
      else if (!afterAnd) {
        // `X && … || …` runs when X fails, as `X || …` does (and maybe when `…` fails).
        const and = probeBeforeAnd(items, k);
        if (and)
          out.set(it.end, {
            ...stretchProbe(and.probe, false, false),
            ...(and.orElse ? { orElse: true as const } : {}),
          });
      }
    } else if (it.kind === "keyword" && (it.word === "while" || it.word === "until")) {
      const probe = testProbe(items, k);
      if (probe) out.set(it.start, stretchProbe(probe, it.word === "while", false));
    } else if (it.kind === "keyword" && it.word === "if") {
      for (const [start, probe] of branchProbes(items, k)) out.set(start, probe);
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
  const path = probe.path === undefined ? {} : { path: probe.path };
  return { program: probe.program, runsIf, afterAnd, ...path };
}

/**
 * `if command -v X; then A; elif command -v Y; then B; else C; fi`: A runs when X is found, B when
 * X is missing and Y found, C when both are missing (a `!` turns a test round); a branch after a
 * test that is no lone probe, and the tests themselves, have no probe.
 */
function branchProbes(items: readonly Item[], k: number): [number, StretchProbe][] {
  const clauses = ifClauses(items, k);
  if (!clauses?.tests[0]) return [];
  const { tests, bodies, hasElse } = clauses;
  const keys = tests.map(() => ({}));
  const of = {};
  const probes: (StretchProbe | undefined)[] = bodies.map((_, i) => {
    const needed = tests.slice(0, i + 1);
    if (needed.some((t) => t === undefined)) return undefined;
    const conditions = needed.map((t, j): ProbeCondition => {
      const { afterAnd: _, ...probe } = stretchProbe(t!, j === i && i < tests.length, false);
      return { ...probe, test: keys[j]! };
    });
    const { test, ...last } = conditions.at(-1)!;
    const also = conditions.slice(0, -1);
    return {
      ...last,
      afterAnd: false,
      test,
      ...(also.length > 0 ? { also } : {}),
      ...(hasElse ? { branch: { of, index: i, count: bodies.length } } : {}),
    };
  });
  // Each body is a stretch of its own (conditionalSpans), found by where it starts.
  return bodies.flatMap(([start], i) =>
    probes[i] ? [[start, probes[i]] as [number, StretchProbe]] : [],
  );
}
