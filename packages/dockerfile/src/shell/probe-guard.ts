import { conditionalSpans, type Span, spansAround } from "./conditional-spans.js";
import {
  ifClauses,
  loneProbeBefore,
  type ProbeCommand,
  probeBeforeAnd,
  testProbe,
} from "./probe-commands.js";
import type { Item, Script } from "./script.js";
import { substitutionsInScript } from "./substitutions.js";

/** One probe's answer a stretch needs: the program found, or missing. */
export interface ProbeCondition {
  program: string;
  /** The path a `[ -x PATH ]` test looks at (ProbeCommand). */
  path?: string;
  runsIf: "found" | "missing";
  /** The probe command: the stretches one test decides share it, so it is judged once for all. */
  test: object;
}

/** One of the branches of an `if` with an `else` or a `case` with a `*)` arm: one of them runs. */
export interface Branch {
  of: object;
  index: number;
  count: number;
}

interface Around {
  /**
   * Per stretch around the innermost one, outermost first, the branch it is where it is one: what
   * every branch adds, a nested `if` or `case` whose branches all add it too, is there after them.
   */
  branches?: readonly (Branch | undefined)[];
}

/** What decides whether a conditional stretch runs: a probe (ProgramProbe), or only its place. */
export type StretchProbe = ProgramProbe | PlaceOnly;

/**
 * A stretch no probe decides: a branch (`if [ "$A" = 1 ]; then …; else …; fi`, a `case` arm with
 * a `*)` arm after), or the first test of an `if`, which always runs (`always`), so what it
 * installs is there after the `if` as after `apk add P || true`.
 */
export interface PlaceOnly extends Around {
  program?: undefined;
  branch?: Branch;
  always?: true;
}

/** The probe that decides whether a conditional stretch runs. */
export interface ProgramProbe extends Around {
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
  branch?: Branch;
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
  const spans = spansAround(script, at);
  const inner = spans.at(-1);
  if (!inner) return undefined;
  const probes = probeStartsOf(script);
  const probe = probes.get(inner[0]);
  const branches = spans.slice(0, -1).map(([start]) => probes.get(start)?.branch);
  return branches.some((b) => b !== undefined) ? { ...probe, branches } : probe;
}

function probeStartsOf(script: Script): ReadonlyMap<number, StretchProbe> {
  let probes = probesOf.get(script);
  if (!probes) {
    probes = probeStarts(script);
    probesOf.set(script, probes);
  }
  return probes;
}

/** Where each stretch a probe decides starts (after its `||`/`&&`, at its `if`/loop keyword), and the probe. */
function probeStarts(script: Script): ReadonlyMap<number, StretchProbe> {
  const { items, text } = script;
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
      // Its stretch is the body, after the `do` (the test runs once whatever it finds).
      const probe = testProbe(items, k);
      const body = probe && items[probe.opens]!.end;
      if (body !== undefined) out.set(body, stretchProbe(probe!, it.word === "while", false));
    } else if (it.kind === "keyword" && it.word === "if") {
      // Its first test's stretch starts at the `if`.
      out.set(it.start, { always: true });
      for (const [start, probe] of branchProbes(items, k)) out.set(start, probe);
    } else if (it.kind === "header" && text.startsWith("case", it.start)) {
      for (const [start, probe] of caseArms(items, k, text)) out.set(start, probe);
    }
  }
  for (const [and, or] of testOrElse(script)) {
    if (out.has(and[0]) || out.has(or[0])) continue;
    out.set(...and);
    out.set(...or);
  }
  // A `$( )`'s stretches are the script's too (conditionalSpans), keyed where they start in it.
  if (text.includes("$(") || text.includes("`"))
    for (const { src } of substitutionsInScript(script))
      if (src)
        for (const [start, probe] of probeStartsOf(src.script))
          out.set(src.span(start, start)[0], probe);
  return out;
}

/**
 * `[ -n "$A" ] && apk add X || apk add X`: the stretch after the test's `&&` and the one after
 * the `||` are two branches, one of which runs (the second also when the first fails), so what
 * both add is there after them, as after an `if` with an `else`. A probe before `&&` decides its
 * stretches itself.
 */
function testOrElse(script: Script): [[number, PlaceOnly], [number, PlaceOnly]][] {
  const pairs: Span[] = [];
  conditionalSpans(script, pairs);
  return pairs.map(([and, or]) => {
    const of = {};
    return [
      [and, { branch: { of, index: 0, count: 2 } }],
      [or, { branch: { of, index: 1, count: 2 } }],
    ];
  });
}

/** The probe of a stretch that runs when the probe succeeds (`runsOnSuccess`) or fails. */
function stretchProbe(
  probe: ProbeCommand,
  runsOnSuccess: boolean,
  afterAnd: boolean,
): ProgramProbe {
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
  if (!clauses) return [];
  const { tests, bodies, hasElse } = clauses;
  const keys = tests.map(() => ({}));
  const of = {};
  const probes: (StretchProbe | undefined)[] = bodies.map((_, i) => {
    const needed = tests.slice(0, i + 1);
    const branch = { of, index: i, count: bodies.length };
    if (needed.some((t) => t === undefined)) return hasElse ? { branch } : undefined;
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
      ...(hasElse ? { branch } : {}),
    };
  });
  // Each body is a stretch of its own (conditionalSpans), found by where it starts.
  return bodies.flatMap(([start], i) =>
    probes[i] ? [[start, probes[i]] as [number, StretchProbe]] : [],
  );
}

/**
 * The arms of the `case` whose header is `items[k]`, each a branch, where one is `*)` (so one of
 * them runs); none when its `esac` is missing or it has no `*)`. An arm's stretch starts after
 * its `)`.
 */
function caseArms(items: readonly Item[], k: number, text: string): [number, PlaceOnly][] {
  const starts: number[] = [];
  let catchAll = false;
  let depth = 0;
  for (let j = k + 1; j < items.length; j++) {
    const it = items[j]!;
    if (it.kind === "header" && text.startsWith("case", it.start)) depth++;
    else if (it.kind === "keyword" && it.word === "esac" && depth-- === 0) {
      if (!catchAll) return [];
      const of = {};
      return starts.map((start, index) => [start, { branch: { of, index, count: starts.length } }]);
    } else if (it.kind === "pattern" && depth === 0) {
      starts.push(it.end);
      catchAll ||= it.labels.some((w) => w.raw === "*");
    }
  }
  return [];
}
