import { InputError } from "@alpinize/errors";
import type { VexProduct, VexStatement } from "../evaluation.js";
import { shownKey, shownValue } from "../parse/check.js";
import { checkEncoding } from "../parse/encoding.js";
import { pathOfKeyAt } from "../parse/json-path.js";
import {
  JsonDuplicateKeyError,
  JsonSyntaxError,
  lineColumn,
  scanJson,
} from "../parse/json-scan.js";
import { parseTimestamp } from "./timestamp.js";

const STATUSES = new Set(["not_affected", "affected", "fixed", "under_investigation"]);

const bad = (
  source: string,
  where: string,
  message: string,
  hint = "Pass an OpenVEX document (https://openvex.dev/ns, version 0.2.0).",
) =>
  new InputError("ALPINIZE_GATE_VEX_INVALID", `${source}: ${where}: ${message}`, {
    hint,
    details: { file: source, path: where },
  });

function readJson(input: string | Uint8Array, source: string): unknown {
  const buf = typeof input === "string" ? Buffer.from(input, "utf8") : Buffer.from(input);
  checkEncoding(buf, source, "VEX document", "ALPINIZE_GATE_VEX_INVALID");
  try {
    return scanJson(buf, () => "keep");
  } catch (err) {
    if (err instanceof JsonDuplicateKeyError) {
      const path = pathOfKeyAt(buf, err.offset);
      throw bad(
        source,
        path,
        `duplicate key "${shownKey(err.key)}" (the object already has one)`,
        "A JSON reader keeps one copy and drops the other silently; the gate will not guess which statement was meant: remove one.",
      );
    }
    if (err instanceof JsonSyntaxError) {
      const { line, column } = lineColumn(buf, err.offset);
      throw bad(source, `line ${line}, column ${column}`, `not valid JSON: ${err.message}`);
    }
    throw err;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads an OpenVEX JSON document into flat statements. */
export function parseVex(input: string | Uint8Array, source = "<vex>"): VexStatement[] {
  const doc = readJson(input, source);
  if (!isObj(doc)) throw bad(source, "(top level)", "expected an object");
  const context = doc["@context"];
  if (typeof context !== "string" || !context.startsWith("https://openvex.dev/ns"))
    throw bad(source, "@context", "not an OpenVEX document (expected https://openvex.dev/ns…)");
  const statements = doc.statements;
  if (!Array.isArray(statements)) throw bad(source, "statements", "expected an array");
  const docTime = readTime(doc.timestamp, "timestamp", source);
  return statements.map((s, i) => readStatement(s, i, source, docTime));
}

type Time = { text: string; ms: number; fraction: string };

function readTime(value: unknown, where: string, source: string): Time | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = typeof value === "string" ? parseTimestamp(value) : undefined;
  if (!parsed)
    throw bad(
      source,
      where,
      `${shownValue(value)} is not an RFC 3339 date-time`,
      "Write timestamps as RFC 3339, e.g. 2026-06-01T12:00:00Z or 2026-06-01T09:00:00.5-05:00: the newest statement wins, so an unreadable one cannot be ordered.",
    );
  return { text: value as string, ...parsed };
}

function readStatement(raw: unknown, index: number, source: string, docTime?: Time): VexStatement {
  const where = `statements[${index}]`;
  if (!isObj(raw)) throw bad(source, where, "expected an object");
  const { name, aliases } = readVulnerability(raw.vulnerability, `${where}.vulnerability`, source);
  const status = raw.status;
  if (typeof status !== "string" || !STATUSES.has(status))
    throw bad(source, `${where}.status`, `expected one of ${[...STATUSES].join(", ")}`);
  const list = raw.products ?? [];
  if (!Array.isArray(list)) throw bad(source, `${where}.products`, "expected an array");
  const products: VexProduct[] = list.map((p, j) => {
    const at = `${where}.products[${j}]`;
    const subs = isObj(p) && p.subcomponents !== undefined ? p.subcomponents : [];
    if (!Array.isArray(subs)) throw bad(source, `${at}.subcomponents`, "expected an array");
    return {
      id: productId(p, at, source),
      subcomponents: subs.map((sub, k) => productId(sub, `${at}.subcomponents[${k}]`, source)),
    };
  });
  const out: VexStatement = {
    vulnerability: name,
    aliases,
    products,
    status: status as VexStatement["status"],
    index,
    source,
  };
  if (typeof raw.justification === "string") out.justification = raw.justification;
  if (typeof raw.impact_statement === "string") out.impactStatement = raw.impact_statement;
  const ts = readTime(raw.timestamp, `${where}.timestamp`, source) ?? docTime;
  if (ts) {
    out.timestamp = ts.text;
    out.time = ts.ms;
    out.timeFraction = ts.fraction;
  }
  if (status === "not_affected" && !out.justification && !out.impactStatement)
    throw bad(
      source,
      where,
      "a not_affected statement needs a justification or an impact_statement",
    );
  return out;
}

function readVulnerability(
  v: unknown,
  where: string,
  source: string,
): { name: string; aliases: string[] } {
  // OpenVEX 0.0.x used a plain string here; 0.2.0 uses an object.
  if (typeof v === "string" && v) return { name: v, aliases: [] };
  if (!isObj(v) || typeof v.name !== "string" || !v.name)
    throw bad(source, where, 'expected { name: "CVE-…" }');
  const aliases = Array.isArray(v.aliases)
    ? v.aliases.filter((a): a is string => typeof a === "string")
    : [];
  return { name: v.name, aliases };
}

function productId(p: unknown, where: string, source: string): string {
  if (typeof p === "string" && p) return p;
  if (isObj(p)) {
    if (typeof p["@id"] === "string" && p["@id"]) return p["@id"];
    const ids = p.identifiers;
    if (isObj(ids) && typeof ids.purl === "string") return ids.purl;
  }
  throw bad(source, where, "expected a product with an @id (a package URL)");
}
