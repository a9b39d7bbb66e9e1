import { scanFlow } from "./yaml-flow.js";
import { readBlockKey } from "./yaml-keys.js";

/** What a YAML document holds at its top, read from its first line of content. */
export type RootKind = "mapping" | "sequence" | "scalar" | "unknown";

export interface YamlRoot {
  /** Which document of the file (as {@link YamlEntry.doc}). */
  doc: number;
  /** 1-based line of its first content. */
  line: number;
  kind: RootKind;
}

/**
 * The kind of the node a document's first line of content starts: `raw` is that line without
 * its leading spaces, `content` the same after any `- ` indicators. Only what the line shows for
 * certain is named: a key (`services:`, `"a": b`, `? k`), a `- ` item, a flow collection that
 * is not itself a key (`[a]: b` is a mapping), or text that can be nothing but a scalar (a
 * plain or quoted value with no `: `, a block scalar). A node after an anchor, a tag or an
 * alias on its own is `unknown`.
 */
export function rootKind(raw: string, content: string): RootKind {
  if (/^-(\s|$)/.test(raw)) return "sequence";
  const c = content[0];
  if (c === "[" || c === "{") return flowRoot(content);
  if (c === "?" && /^\?(\s|$)/.test(content)) return "mapping";
  if (c === ":" && /^:(\s|$)/.test(content)) return "mapping";
  if (readBlockKey(content) !== undefined) return "mapping";
  if (c === "&" || c === "!" || c === "*") return "unknown";
  return "scalar";
}

/**
 * A flow collection at the start of a document: what its bracket says, unless it closes on this
 * line and a `:` follows (then it is the key of a mapping). An implicit key never spans lines, so
 * one that goes on to the next line is the collection itself.
 */
function flowRoot(content: string): RootKind {
  const scan = scanFlow(content);
  const bracket = content[0] === "[" ? "sequence" : "mapping";
  if (scan.closedAt === undefined) return scan.depth > 0 ? bracket : "unknown";
  const rest = content.slice(scan.closedAt).trimStart();
  if (rest === "" || rest.startsWith("#")) return bracket;
  return /^:(\s|$)/.test(rest) ? "mapping" : "unknown";
}
