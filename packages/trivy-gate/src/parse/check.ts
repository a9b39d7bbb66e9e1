import { InputError } from "@alpinize/errors";
import { quoted, withoutControls } from "../message-text.js";

/**
 * Where a value sits in the report, e.g. `Results[2].Vulnerabilities[5].Severity`. A function
 * when building the text for every value would cost more than the check (it is needed only
 * for an error).
 */
export type Path = string | (() => string);

export function where(path: Path, field?: string): string {
  const base = typeof path === "string" ? path : path();
  return field === undefined ? base : `${base}.${field}`;
}

export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing (the field is missing)";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/**
 * A value from the report as an error message shows it: a string in double quotes, anything
 * else as JSON, on one line, without control characters and cut at `max` characters (a 5 MB
 * `Severity` holding `\n::error::…` must not reach stderr as a line of its own, nor in full).
 */
export function shownValue(value: unknown, max = 100): string {
  if (typeof value === "string") return `"${quoted(value, max)}"`;
  return quoted(JSON.stringify(value) ?? String(value), max);
}

/** A property name from the input as a JSON path or message names it (one line, capped). */
export const shownKey = (key: string): string => quoted(key, 100);

export function invalid(source: string, path: Path, message: string, field?: string): InputError {
  const at = where(path, field);
  return new InputError("ALPINIZE_GATE_REPORT_INVALID", `${source}: ${at}: ${message}`, {
    hint: "Pass the JSON written by `trivy image --format json` (or `trivy fs`), unmodified.",
    details: { file: source, path: at },
  });
}

const NULL_WHY =
  " (Trivy leaves an empty field out rather than writing null, so the report was edited or not written by Trivy)";

export interface Checker {
  source: string;
  /**
   * Whether an optional field may be null. Schema 2 reports never hold one (Trivy's Go types
   * are `omitempty`: an empty field is left out), so there null is refused as the wrong type,
   * as `{}` for an array is. Legacy reports (Trivy < 0.20) wrote `"Vulnerabilities": null` for
   * a target without findings, so they keep null as "none".
   */
  nullable: boolean;
  /** Whether `value` is absent: missing, or null where `nullable` allows it. */
  absent(value: unknown): boolean;
  object(value: unknown, path: Path, field?: string): Record<string, unknown>;
  optObject(value: unknown, path: Path, field?: string): Record<string, unknown> | undefined;
  optArray(value: unknown, path: Path, field?: string): unknown[];
  string(value: unknown, path: Path, field?: string): string;
  optString(value: unknown, path: Path, field?: string): string | undefined;
  optNumber(value: unknown, path: Path, field?: string): number | undefined;
  optBoolean(value: unknown, path: Path, field?: string): boolean | undefined;
  optStrings(value: unknown, path: Path, field?: string): string[] | undefined;
}

/** Type checks that throw an InputError naming the file and the JSON path. */
export function checker(source: string): Checker {
  const wrong = (path: Path, field: string | undefined, expected: string, value: unknown) =>
    invalid(
      source,
      path,
      `expected ${expected}, found ${typeName(value)}${value === null ? NULL_WHY : ""}`,
      field,
    );
  const c: Checker = {
    source,
    nullable: false,
    absent(value) {
      return value === undefined || (value === null && c.nullable);
    },
    object(value, path, field) {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        throw wrong(path, field, "an object", value);
      return value as Record<string, unknown>;
    },
    optObject(value, path, field) {
      return c.absent(value) ? undefined : c.object(value, path, field);
    },
    // Trivy omits empty arrays; versions before 0.20 (legacy reports) wrote null instead.
    optArray(value, path, field) {
      if (c.absent(value)) return [];
      if (!Array.isArray(value)) throw wrong(path, field, "an array", value);
      return value;
    },
    string(value, path, field) {
      if (typeof value !== "string") throw wrong(path, field, "a string", value);
      // Control characters other than tab and newline (ESC and CR above all) would let a report,
      // whose names and paths come from the scanned image, drive the terminal the text report is
      // read on, and bidirectional ones reorder what it shows: all become U+FFFD.
      return withoutControls(value);
    },
    optString(value, path, field) {
      return c.absent(value) ? undefined : c.string(value, path, field);
    },
    optNumber(value, path, field) {
      if (c.absent(value)) return undefined;
      if (typeof value !== "number") throw wrong(path, field, "a number", value);
      return value;
    },
    optBoolean(value, path, field) {
      if (c.absent(value)) return undefined;
      if (typeof value !== "boolean") throw wrong(path, field, "a boolean", value);
      return value;
    },
    optStrings(value, path, field) {
      if (c.absent(value)) return undefined;
      if (!Array.isArray(value)) throw wrong(path, field, "an array of strings", value);
      return value.map((v, i) => c.string(v, () => `${where(path, field)}[${i}]`));
    },
  };
  return c;
}
