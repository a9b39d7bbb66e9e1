import { InputError } from "@alpinize/errors";
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument } from "yaml";
import type { Exception } from "../evaluation.js";
import { quoted } from "../message-text.js";
import { shownKey, shownValue } from "../parse/check.js";
import { checkEncoding } from "../parse/encoding.js";
import { checkNodes, isStackOverflow, type NodeProblem, tooDeep } from "./yaml-depth.js";

const KEYS = new Set(["id", "package", "purl", "reason", "expires"]);

const bad = (source: string, where: string, message: string) =>
  new InputError("ALPINIZE_GATE_EXCEPTIONS_INVALID", `${source}: ${where}: ${message}`, {
    hint: "Each exception needs `id`, `reason` and `expires: YYYY-MM-DD`; `package` and `purl` are optional.",
    details: { file: source, path: where },
  });

/**
 * Reads an exceptions file: a YAML list, or a mapping with an `exceptions` list. Unknown keys
 * are errors, so a typo such as `expiry:` cannot turn into an exception that never expires.
 */
export function parseExceptions(input: string | Uint8Array, source = "<exceptions>"): Exception[] {
  let text: string;
  if (typeof input === "string") text = input;
  else {
    checkEncoding(input, source, "exceptions file", "ALPINIZE_GATE_EXCEPTIONS_INVALID");
    text = Buffer.from(input).toString("utf8");
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: "core", uniqueKeys: true, lineCounter: lines });
  const overflow = doc.errors.find(isStackOverflow);
  if (overflow) throw nodeProblem(tooDeep(overflow.linePos?.[0]?.line), source);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    if (e.code === "DUPLICATE_KEY") throw duplicateKey(doc, e.pos[0], source);
    if (e.code === "MULTIPLE_DOCS") throw severalDocuments(text, e.linePos?.[0]?.line, source);
    const at = e.linePos?.[0];
    throw bad(
      source,
      at ? `line ${at.line}, column ${at.col}` : "(file)",
      // The library's words can quote the file (a tag's name): quoted like any input.
      quoted(e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""), 300),
    );
  }
  const problem = checkNodes(doc, lines);
  if (problem) throw nodeProblem(problem, source);
  const data = toJS(doc, source);
  if (data === null || data === undefined) return [];
  let list: unknown = data;
  if (!Array.isArray(data)) {
    if (typeof data !== "object") throw bad(source, "(top level)", "expected a list of exceptions");
    const obj = data as Record<string, unknown>;
    const extra = Object.keys(obj).filter((k) => k !== "exceptions");
    if (extra.length)
      throw bad(source, shownKey(extra[0]!), "unknown key (expected `exceptions:`)");
    list = obj.exceptions ?? [];
  }
  if (!Array.isArray(list)) throw bad(source, "exceptions", "expected a list");
  return list.map((item, i) => readException(item, `exceptions[${i}]`, i, source));
}

function nodeProblem(problem: NodeProblem, source: string): InputError {
  return bad(
    source,
    problem.line === undefined ? "(file)" : `line ${problem.line}`,
    problem.message,
  );
}

/** A `---` that starts a second document: a reader would take one and drop the others. */
function severalDocuments(text: string, line: number | undefined, source: string): InputError {
  const found = parseAllDocuments(text);
  const count = Array.isArray(found) ? found.length : 0;
  const where = line === undefined ? "(file)" : `line ${line}`;
  return new InputError(
    "ALPINIZE_GATE_EXCEPTIONS_INVALID",
    `${source}: ${where}: one YAML document expected, found ${count > 1 ? count : "more than one"} (a --- line starts another)`,
    {
      hint: "Keep every exception in one list: remove the --- line and join the lists below it.",
      details: { file: source, path: where, documents: count },
    },
  );
}

/** A key given twice (YAML or JSON syntax): named by its path, e.g. `exceptions[0].expires`. */
function duplicateKey(doc: ReturnType<typeof parseDocument>, pos: number, source: string) {
  const found = keyPath(doc.contents, pos, isSeq(doc.contents) ? "exceptions" : "");
  // Key names are quoted as they are added; deep nesting still makes a long path.
  const path = found ? quoted(found.path, 600) : "(file)";
  return new InputError(
    "ALPINIZE_GATE_EXCEPTIONS_INVALID",
    `${source}: ${path}: duplicate key "${found?.key ?? "?"}" (the mapping already has one)`,
    {
      hint: "A reader keeps one copy and drops the other silently (an `expires:` could vanish); remove one.",
      details: { file: source, path },
    },
  );
}

function keyPath(
  node: unknown,
  pos: number,
  prefix: string,
): { path: string; key: string } | undefined {
  if (isMap(node))
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? shownKey(String(pair.key.value)) : "?";
      const path = prefix ? `${prefix}.${key}` : key;
      if (isScalar(pair.key) && pair.key.range?.[0] === pos) return { path, key };
      const inner = keyPath(pair.value, pos, path);
      if (inner) return inner;
    }
  if (isSeq(node))
    for (const [i, item] of node.items.entries()) {
      const inner = keyPath(item, pos, `${prefix}[${i}]`);
      if (inner) return inner;
    }
  return undefined;
}

function toJS(doc: ReturnType<typeof parseDocument>, source: string): unknown {
  try {
    return doc.toJS();
  } catch (err) {
    // The yaml library refuses alias expansion past its limit ("billion laughs").
    if (err instanceof ReferenceError)
      throw bad(source, "(file)", `too many YAML aliases (${quoted(err.message)})`);
    throw err;
  }
}

function readException(item: unknown, where: string, index: number, source: string): Exception {
  if (typeof item !== "object" || item === null || Array.isArray(item))
    throw bad(source, where, "expected a mapping with id, reason and expires");
  const obj = item as Record<string, unknown>;
  for (const key of Object.keys(obj))
    if (!KEYS.has(key))
      throw bad(
        source,
        `${where}.${shownKey(key)}`,
        "unknown key (allowed: id, package, purl, reason, expires)",
      );
  const str = (key: string, required: boolean): string | undefined => {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (required) throw bad(source, `${where}.${key}`, "is required");
      return undefined;
    }
    if (typeof v !== "string" || v.trim() === "")
      throw bad(source, `${where}.${key}`, "expected a non-empty string");
    return v.trim();
  };
  const expires = readDate(obj.expires, `${where}.expires`, source);
  const out: Exception = {
    id: str("id", true)!,
    reason: str("reason", true)!,
    expires,
    index,
    source,
  };
  const pkg = str("package", false);
  if (pkg) out.package = pkg;
  const purl = str("purl", false);
  if (purl) {
    if (!purl.startsWith("pkg:"))
      throw bad(source, `${where}.purl`, `${shownValue(purl)} is not a package URL (pkg:type/…)`);
    out.purl = purl;
  }
  return out;
}

function readDate(value: unknown, where: string, source: string): string {
  if (value === undefined || value === null)
    throw bad(source, where, "is required (YYYY-MM-DD): exceptions must expire");
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text)
    throw bad(source, where, `${shownValue(text)} is not a date (expected YYYY-MM-DD)`);
  return text;
}

/** Days from `now` to the end of the expiry day (UTC); negative once expired. */
export function daysLeft(expires: string, now: Date): number {
  const end = Date.parse(`${expires}T00:00:00Z`) + 86_400_000;
  return Math.ceil((end - now.getTime()) / 86_400_000) - 1;
}
