import { opaque, type YamlValue } from "./yaml-types.js";

/** A quoted block mapping key (with its escapes) and the `: ` after it. */
const QUOTED_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?=\s|$)\s*/;
/** Characters a plain block key cannot start with. */
const NOT_KEY_START = /[\s#'"{[\]}]/;

export interface BlockKey {
  key: string;
  /** Up to the value: the key, its `:` and the spaces after it. */
  length: number;
  /** Written plain: only a plain `<<` is a merge key (a quoted one is a key named `<<`). */
  plain: boolean;
}

/** `key:` at the start of `content`: the key as YAML reads it and the length up to its value. */
export function readKey(content: string): BlockKey | undefined {
  if (content[0] === '"' || content[0] === "'") {
    const m = QUOTED_KEY.exec(content);
    const key = m ? unquoteKey(m[1]!) : undefined;
    return key === undefined ? undefined : { key, length: m![0].length, plain: false };
  }
  return readPlainKey(content);
}

/**
 * A plain key runs to the first `:` (which must be followed by a space or end the line), and
 * stops at a `#`. Found with indexOf rather than a lazy regex that tried the spaces before `:`
 * anew at each character: that was quadratic on a key followed by a long run of spaces.
 */
function readPlainKey(content: string): BlockKey | undefined {
  if (content === "" || NOT_KEY_START.test(content[0]!)) return undefined;
  // The first character may itself be a `:` (key ":"); only later ones end the key.
  const colon = content.indexOf(":", 1);
  const hash = content.indexOf("#", 1);
  if (colon === -1 || (hash !== -1 && hash < colon)) return undefined;
  const after = content[colon + 1];
  if (after !== undefined && !/\s/.test(after)) return undefined;
  let length = colon + 1;
  while (length < content.length && /\s/.test(content[length]!)) length++;
  return { key: content.slice(0, colon).trim(), length, plain: true };
}

/** Undefined for an escape YAML does not define: the key is then not known. */
function unquoteKey(raw: string): string | undefined {
  if (raw.startsWith("'")) return raw.slice(1, -1).replaceAll("''", "'");
  return decodeDoubleQuoted(raw.slice(1, -1));
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\x85",
  _: "\xa0",
  L: "\u2028",
  P: "\u2029",
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The text of a one-line double-quoted scalar (without its quotes); undefined when malformed. */
export function decodeDoubleQuoted(inner: string): string | undefined {
  let out = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = inner[++i];
    if (e === undefined) return undefined;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const width = HEX_ESCAPES[e];
    const hex = width ? inner.slice(i + 1, i + 1 + width) : "";
    if (!width || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return undefined;
    out += String.fromCodePoint(Number.parseInt(hex, 16));
    i += width;
  }
  return out;
}

/**
 * A scalar that starts `text` and ends the line (a comment may follow): plain, or quoted and
 * closed on this line. Offsets are relative to `text`. Forms that cannot be rewritten in place
 * (escapes, a doubled `''`, an unclosed quote) are opaque; a plain null is undefined.
 */
export function readLineScalar(text: string): YamlValue | undefined {
  const quote = text[0];
  if (quote === '"' || quote === "'") return readQuoted(text, quote);
  const comment = text.search(/\s#/);
  const value = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
  // A plain null is no value at all (an `image: ~` is not the image "library/~" or "null").
  if (value === "" || /^(null|Null|NULL|~)$/.test(value)) return undefined;
  return { kind: "scalar", value, start: 0, end: value.length, plain: true };
}

function readQuoted(text: string, quote: '"' | "'"): YamlValue {
  const close = closingQuote(text, quote);
  if (close === -1) return opaque(text, "a quoted value that goes on over several lines");
  const inner = text.slice(1, close);
  const rest = text.slice(close + 1).trim();
  if (rest !== "" && !rest.startsWith("#")) return opaque(text, "text follows the closing quote");
  if (quote === '"' && inner.includes("\\")) {
    return opaque(text, "a double-quoted value with escapes; write it without them");
  }
  if (quote === "'" && inner.includes("''")) return opaque(text, "a single-quoted value with ''");
  return { kind: "scalar", value: inner, start: 1, end: close };
}

/** The index of the quote that closes the one at 0, or -1 when it is not on this line. */
export function closingQuote(text: string, quote: '"' | "'"): number {
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === "\\") i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** `&name` or `*name` at 0: the name and the length of the token with the spaces after it. */
export function readNode(text: string): { name: string; length: number } | undefined {
  const m = /^[&*]([^\s,[\]{}]+)\s*/.exec(text);
  return m ? { name: m[1]!, length: m[0].length } : undefined;
}

/** True when only whitespace or a comment is left. */
export function isBlankRest(text: string): boolean {
  return /^\s*(#.*)?$/.test(text);
}

/** How a block scalar indicator (`|`, `>-`) reads in a report. */
export function blockScalarReason(text: string): string {
  return `a block scalar (${text.trim().split(/\s/)[0]}); write the value on the key's line`;
}
