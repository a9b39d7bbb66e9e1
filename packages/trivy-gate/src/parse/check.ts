import { InputError } from "@alpinize/errors";

/** Where a value sits in the report, e.g. `Results[2].Vulnerabilities[5].Severity`. */
export type Path = string;

export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing (the field is missing)";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

export function invalid(source: string, path: Path, message: string): InputError {
  return new InputError("ALPINIZE_GATE_REPORT_INVALID", `${source}: ${path}: ${message}`, {
    hint: "Pass the JSON written by `trivy image --format json` (or `trivy fs`), unmodified.",
    details: { file: source, path },
  });
}

export interface Checker {
  source: string;
  object(value: unknown, path: Path): Record<string, unknown>;
  optObject(value: unknown, path: Path): Record<string, unknown> | undefined;
  optArray(value: unknown, path: Path): unknown[];
  string(value: unknown, path: Path): string;
  optString(value: unknown, path: Path): string | undefined;
  optNumber(value: unknown, path: Path): number | undefined;
  optBoolean(value: unknown, path: Path): boolean | undefined;
  optStrings(value: unknown, path: Path): string[] | undefined;
}

/** Type checks that throw an InputError naming the file and the JSON path. */
export function checker(source: string): Checker {
  const wrong = (path: Path, expected: string, value: unknown) =>
    invalid(source, path, `expected ${expected}, found ${typeName(value)}`);
  const c: Checker = {
    source,
    object(value, path) {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        throw wrong(path, "an object", value);
      return value as Record<string, unknown>;
    },
    optObject(value, path) {
      return value === undefined || value === null ? undefined : c.object(value, path);
    },
    // Trivy omits empty arrays; old versions wrote null instead.
    optArray(value, path) {
      if (value === undefined || value === null) return [];
      if (!Array.isArray(value)) throw wrong(path, "an array", value);
      return value;
    },
    string(value, path) {
      if (typeof value !== "string") throw wrong(path, "a string", value);
      return value;
    },
    optString(value, path) {
      return value === undefined || value === null ? undefined : c.string(value, path);
    },
    optNumber(value, path) {
      if (value === undefined || value === null) return undefined;
      if (typeof value !== "number") throw wrong(path, "a number", value);
      return value;
    },
    optBoolean(value, path) {
      if (value === undefined || value === null) return undefined;
      if (typeof value !== "boolean") throw wrong(path, "a boolean", value);
      return value;
    },
    optStrings(value, path) {
      if (value === undefined || value === null) return undefined;
      if (!Array.isArray(value)) throw wrong(path, "an array of strings", value);
      return value.map((v, i) => c.string(v, `${path}[${i}]`));
    },
  };
  return c;
}
