import { InputError } from "@alpinize/errors";
import type { VexStatement } from "../evaluation.js";

const STATUSES = new Set(["not_affected", "affected", "fixed", "under_investigation"]);

const bad = (source: string, where: string, message: string) =>
  new InputError("ALPINIZE_GATE_VEX_INVALID", `${source}: ${where}: ${message}`, {
    hint: "Pass an OpenVEX document (https://openvex.dev/ns, version 0.2.0).",
    details: { file: source, path: where },
  });

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads an OpenVEX JSON document into flat statements. */
export function parseVex(text: string, source = "<vex>"): VexStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw bad(source, "(file)", `not valid JSON: ${(err as Error).message}`);
  }
  if (!isObj(doc)) throw bad(source, "(top level)", "expected an object");
  const context = doc["@context"];
  if (typeof context !== "string" || !context.startsWith("https://openvex.dev/ns"))
    throw bad(source, "@context", "not an OpenVEX document (expected https://openvex.dev/ns…)");
  const statements = doc.statements;
  if (!Array.isArray(statements)) throw bad(source, "statements", "expected an array");
  const docTime = typeof doc.timestamp === "string" ? doc.timestamp : undefined;
  return statements.map((s, i) => readStatement(s, i, source, docTime));
}

function readStatement(
  raw: unknown,
  index: number,
  source: string,
  docTime?: string,
): VexStatement {
  const where = `statements[${index}]`;
  if (!isObj(raw)) throw bad(source, where, "expected an object");
  const { name, aliases } = readVulnerability(raw.vulnerability, `${where}.vulnerability`, source);
  const status = raw.status;
  if (typeof status !== "string" || !STATUSES.has(status))
    throw bad(source, `${where}.status`, `expected one of ${[...STATUSES].join(", ")}`);
  const products: string[] = [];
  let imageWide = false;
  const list = raw.products ?? [];
  if (!Array.isArray(list)) throw bad(source, `${where}.products`, "expected an array");
  list.forEach((p, j) => {
    const id = productId(p, `${where}.products[${j}]`, source);
    const subs = isObj(p) && Array.isArray(p.subcomponents) ? p.subcomponents : [];
    subs.forEach((sub, k) => {
      products.push(productId(sub, `${where}.products[${j}].subcomponents[${k}]`, source));
    });
    if (subs.length === 0) {
      if (/^pkg:(oci|docker)\//i.test(id)) imageWide = true;
      else products.push(id);
    }
  });
  const out: VexStatement = {
    vulnerability: name,
    aliases,
    products,
    imageWide,
    status: status as VexStatement["status"],
    index,
    source,
  };
  if (typeof raw.justification === "string") out.justification = raw.justification;
  if (typeof raw.impact_statement === "string") out.impactStatement = raw.impact_statement;
  const ts = typeof raw.timestamp === "string" ? raw.timestamp : docTime;
  if (ts) out.timestamp = ts;
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
