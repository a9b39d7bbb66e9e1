import { maskSecrets } from "@alpinize/image-ref";
import type { EvaluatedFinding, Evaluation } from "../evaluation.js";

/**
 * The evaluation as every format prints it: each string (artifact name, targets, package paths,
 * URLs, problem and warning texts) with its credentials masked. The verdict, the counts and
 * which findings there are come from the evaluation as it was: masking only changes how a
 * string reads. Only what holds a masked string is copied (a report without credentials is
 * printed from the evaluation itself, with no second copy of 100,000 findings in memory), and a
 * copied object shared by two lists (`blocking` and `findings`) stays one object.
 */
export function forDisplay(e: Evaluation): Evaluation {
  const copies = new Map<object, unknown>();
  const copy = (value: unknown): unknown => {
    if (typeof value === "string") return maskSecrets(value);
    if (typeof value !== "object" || value === null) return value;
    const done = copies.get(value);
    if (done !== undefined) return done;
    const out = Array.isArray(value) ? copyArray(value, copy) : copyObject(value, copy);
    if (out !== value) copies.set(value, out);
    return out;
  };
  const shown = copy(e) as Evaluation;
  keepKeysDistinct(e.findings, shown.findings);
  return shown;
}

type Copy = (value: unknown) => unknown;

/**
 * Fields whose value the gate has checked against a fixed list or a date shape (severities,
 * statuses, dispositions, dates): they cannot hold a credential, so they are printed as
 * they are. Every other string, report data or message, goes through the masker.
 */
const NO_CREDENTIALS: ReadonlySet<string> = new Set([
  "severity",
  "severities",
  "listedSeverities",
  "threshold",
  "status",
  "ignoreStatuses",
  "disposition",
  "expires",
  "now",
]);

/** The array itself when no item changed, else a new one. */
function copyArray(list: unknown[], copy: Copy): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const next = copy(list[i]);
    if (next !== list[i] && !out) out = list.slice(0, i);
    out?.push(next);
  }
  return out ?? list;
}

/** The object itself when no value changed, else a new one. */
function copyObject(object: object, copy: Copy): object {
  const source = object as Record<string, unknown>;
  const keys = Object.keys(source);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const next = NO_CREDENTIALS.has(key) ? source[key] : copy(source[key]);
    if (next !== source[key] && !out) {
      out = {};
      for (let j = 0; j < i; j++) define(out, keys[j]!, source[keys[j]!]);
    }
    if (out) define(out, key, next);
  }
  return out ?? object;
}

/** Defined, not assigned: a report key such as `__proto__` stays an own property. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Two findings whose keys differ only in a masked password would print the same key, and SARIF
 * (whose fingerprint hashes the key) would merge them into one alert: a masked key already taken
 * gets `#2`, `#3`… in finding order. Keys that masking left alone are never changed.
 */
function keepKeysDistinct(original: EvaluatedFinding[], shown: EvaluatedFinding[]): void {
  const taken = new Set(original.map((f) => f.key));
  shown.forEach((f, i) => {
    if (f.key === original[i]!.key) return;
    let key = f.key;
    for (let n = 2; taken.has(key); n++) key = `${f.key}#${n}`;
    taken.add(key);
    f.key = key;
  });
}
