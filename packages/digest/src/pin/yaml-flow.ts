import { closingQuote, decodeDoubleQuoted, readNode } from "./yaml-text.js";
import {
  type AnchorMark,
  MERGE_FORMS,
  opaque,
  unread,
  type YamlEntry,
  type YamlValue,
} from "./yaml-types.js";

/** Deepest `{`/`[` nesting read; past it a value is skipped, so the reader's stack stays small. */
export const MAX_FLOW_DEPTH = 64;

/**
 * Reads a flow collection (`{image: x, build: .}`, `[{uses: docker://x}]`) that opens at
 * `text[0]` and closes on the same line: an entry per key with exact spans (offset by `base`),
 * and the index just past it. Otherwise why this reader does not follow it (the caller then
 * reports the whole value as unreadable): `deep` when it nests past MAX_FLOW_DEPTH.
 */
export function readFlow(
  text: string,
  base: number,
  line: FlowLine,
  path: string[],
  anchor: AnchorMark | undefined,
): { entries: YamlEntry[]; end: number } | { failed: "deep" | "unreadable" } {
  const reader = new FlowReader(text, base, line);
  if (!reader.value(path, anchor)) return { failed: reader.tooDeep ? "deep" : "unreadable" };
  return { entries: reader.entries, end: reader.pos };
}

/** Where a flow collection is written: its line, the line's offset and the document. */
type FlowLine = Pick<YamlEntry, "line" | "lineStart" | "doc">;

/**
 * `[*a, *b]` at `text[0]`, the value of a merge key: the aliases in order, and the index just
 * past the `]`. Undefined when an item is anything but an alias.
 */
export function mergeAliases(
  text: string,
  from = 0,
): { aliases: string[]; end: number } | undefined {
  const close = text.indexOf("]", from);
  if (close === -1) return undefined;
  const aliases: string[] = [];
  for (const item of text.slice(from + 1, close).split(",")) {
    const name = /^\s*\*([^\s,[\]{}]+)\s*$/.exec(item)?.[1];
    if (name === undefined) return undefined;
    aliases.push(name);
  }
  return { aliases, end: close + 1 };
}

/** How deep in `{`/`[` the text ends, quotes and comments aside (0: every one closed). */
export function flowDepth(text: string, depth = 0): number {
  return scanFlow(text, depth).depth;
}

/**
 * {@link flowDepth}, with whether the line ends inside a quoted scalar (its rest, and the lines
 * after it, are then not counted exactly), and the index just past the bracket that brought the
 * depth back to 0 (the end of a collection that opened on this line).
 */
export function scanFlow(
  text: string,
  depth = 0,
): { depth: number; openQuote: boolean; closedAt?: number } {
  let closedAt: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const close = closingQuote(text.slice(i), c);
      if (close === -1) return { depth, openQuote: true, ...(closedAt ? { closedAt } : {}) };
      i += close;
    } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) break;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0 && closedAt === undefined) closedAt = i + 1;
    }
  }
  return { depth, openQuote: false, ...(closedAt ? { closedAt } : {}) };
}

class FlowReader {
  pos = 0;
  readonly entries: YamlEntry[] = [];
  /** Set when a collection nested past MAX_FLOW_DEPTH stopped the reading. */
  tooDeep = false;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly line: FlowLine,
  ) {}

  /** `merge`: the value of a merge key (a plain `<<`, not a quoted one). */
  value(path: string[], anchor?: AnchorMark, merge = false): boolean {
    if (merge) return this.mergeValue(path);
    let name = anchor;
    while (this.text[this.pos] === "&") {
      // A loop, not a call per anchor: `&a &a &a …` must not grow the stack.
      const node = readNode(this.text.slice(this.pos));
      if (!node) return false;
      name = { name: node.name, at: this.base + this.pos };
      this.pos += node.length;
    }
    const c = this.text[this.pos];
    if (c === "*") return this.alias(path);
    if (c === "!") return this.emitToken(path, "a tagged value");
    if (c === "{" || c === "[") {
      this.emit(path, { kind: "container", collection: c === "{" ? "mapping" : "sequence" }, name);
      return this.nested(path, c);
    }
    if (c === '"' || c === "'") return this.quoted(path, c, name);
    if (c === "|" || c === ">" || c === undefined) return false;
    return this.plain(path, name);
  }

  /** A collection inside this one; the depth bound keeps the recursion off deep input. */
  private nested(path: string[], open: "{" | "["): boolean {
    if (this.depth >= MAX_FLOW_DEPTH) {
      this.tooDeep = true;
      return false;
    }
    this.depth++;
    const read = open === "{" ? this.mapping(path) : this.sequence(path);
    this.depth--;
    return read;
  }

  private mapping(path: string[]): boolean {
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === "}") {
        this.pos++;
        return true;
      }
      const key = this.key();
      if (key === undefined) return false;
      this.skipSpace();
      if (this.text[this.pos] === ":") {
        this.pos++;
        this.skipSpace();
        if (!this.value([...path, key.key], undefined, key.plain && key.key === "<<")) return false;
      } else {
        this.emit([...path, key.key], { kind: "container" });
      }
      if (!this.separator("}")) return false;
    }
  }

  private sequence(path: string[]): boolean {
    this.pos++;
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === "]") {
        this.pos++;
        return true;
      }
      // Items add no key; a mapping item's keys sit under the sequence's own path.
      if ((c === "{" || c === "[") && !this.nested(path, c)) return false;
      if (c === "*" || c === "&" || c === "!") {
        if (!this.emitToken(path, "an alias, anchor or tag inside a flow sequence")) return false;
      } else if (c === '"' || c === "'") {
        const close = closingQuote(this.text.slice(this.pos), c);
        if (close === -1) return false;
        this.pos += close + 1;
      } else if (c !== "{" && c !== "[" && !this.skipScalar()) return false;
      if (!this.separator("]")) return false;
    }
  }

  /**
   * `*a` or `[*a, *b]`. Any other value brings in keys pin does not read: the mapping gets an
   * unread entry, and the value is read on as an ordinary one (its keys then sit under `<<`).
   */
  private mergeValue(path: string[]): boolean {
    const at = this.base + this.pos;
    if (this.text[this.pos] === "*") return this.alias(path, true);
    const list = this.text[this.pos] === "[" ? mergeAliases(this.text, this.pos) : undefined;
    if (list) {
      this.emit(path, { kind: "merge", aliases: list.aliases, at });
      this.pos = list.end;
      return true;
    }
    this.emit(path.slice(0, -1), unread(this.text.slice(this.pos), MERGE_FORMS));
    return this.value(path);
  }

  private alias(path: string[], merge = false): boolean {
    const node = readNode(this.text.slice(this.pos));
    if (!node) return false;
    const at = this.base + this.pos;
    this.pos += node.name.length + 1;
    const value: YamlValue = merge
      ? { kind: "merge", aliases: [node.name], at }
      : { kind: "alias", name: node.name, at };
    this.emit(path, value);
    return true;
  }

  private quoted(path: string[], quote: '"' | "'", anchor?: AnchorMark): boolean {
    const close = closingQuote(this.text.slice(this.pos), quote);
    if (close === -1) return false;
    const inner = this.text.slice(this.pos + 1, this.pos + close);
    const start = this.base + this.pos + 1;
    let value: YamlValue = { kind: "scalar", value: inner, start, end: start + inner.length };
    if (quote === '"' && inner.includes("\\")) {
      value = opaque(`"${inner}"`, "a double-quoted value with escapes; write it without them");
    } else if (quote === "'" && inner.includes("''")) {
      value = opaque(`'${inner}'`, "a single-quoted value with ''");
    }
    this.emit(path, value, anchor);
    this.pos += close + 1;
    return true;
  }

  private plain(path: string[], anchor?: AnchorMark): boolean {
    const start = this.pos;
    if (!this.skipScalar()) return false;
    const value = this.text.slice(start, this.pos).trimEnd();
    if (value !== "" && !/^(null|Null|NULL|~)$/.test(value)) {
      const at = this.base + start;
      const scalar: YamlValue = { kind: "scalar", value, start: at, end: at + value.length };
      this.emit(path, { ...scalar, plain: true }, anchor);
    }
    return true;
  }

  /**
   * A flow key: quoted, or plain up to the `:` that ends it (`plain`: only a plain `<<` is a
   * merge key). Undefined for a key pin cannot read (an alias, anchor or tag, `? key`), which
   * makes the whole collection unreadable.
   */
  private key(): { key: string; plain: boolean } | undefined {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") {
      const close = closingQuote(this.text.slice(this.pos), c);
      if (close === -1) return undefined;
      const inner = this.text.slice(this.pos + 1, this.pos + close);
      this.pos += close + 1;
      const key = c === '"' ? decodeDoubleQuoted(inner) : inner.replaceAll("''", "'");
      return key === undefined ? undefined : { key, plain: false };
    }
    const end = plainKeyEnd(this.text, this.pos);
    if (end === undefined) return undefined;
    const key = this.text.slice(this.pos, end).trim();
    this.pos = end;
    return { key, plain: true };
  }

  /** Past a plain scalar: up to a flow indicator or a comment. */
  private skipScalar(): boolean {
    const rest = this.text.slice(this.pos);
    const end = rest.search(/[,[\]{}]|\s#/);
    if (end === -1) return false;
    this.pos += end;
    return true;
  }

  private emitToken(path: string[], reason: string): boolean {
    const start = this.pos;
    if (!this.skipScalar()) return false;
    this.emit(path, opaque(this.text.slice(start, this.pos), reason));
    return true;
  }

  private separator(close: "}" | "]"): boolean {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === ",") {
      this.pos++;
      return true;
    }
    return c === close;
  }

  private skipSpace(): void {
    while (this.text[this.pos] === " " || this.text[this.pos] === "\t") this.pos++;
  }

  private emit(path: string[], value: YamlValue, anchor?: AnchorMark): void {
    const marked = anchor ? { anchor: anchor.name, anchorAt: anchor.at } : {};
    this.entries.push({ path, ...this.line, value, ...marked });
  }
}

/** Characters a plain flow key cannot start with. */
const NOT_KEY_START = /[\s,[\]{}#&*!|>'"%@`]/;
const SPACE = /\s/;
const AFTER_COLON = /[\s,[\]{}]/;

/**
 * Where a plain flow key that starts at `from` ends: at the first point where only spaces stand
 * before a `:` (followed by a space, a flow indicator or the end), a `,` or a `}`; the key cannot
 * take `,[]{}` itself. Undefined when there is no such point. Scanned by hand in one pass: a
 * lazy regex that looked ahead past the spaces went over every run of spaces once per
 * character, quadratic on `{a` and a long run of spaces.
 */
export function plainKeyEnd(text: string, from: number): number | undefined {
  if (from >= text.length || NOT_KEY_START.test(text[from]!)) return undefined;
  // `? key` is an explicit key, not a plain one starting `?`.
  if (text[from] === "?" && (from + 1 === text.length || SPACE.test(text[from + 1]!))) {
    return undefined;
  }
  let end = from + 1;
  for (;;) {
    let next = end;
    while (next < text.length && SPACE.test(text[next]!)) next++;
    const c = text[next];
    if (c === "," || c === "}") return end;
    if (c === ":" && (next + 1 === text.length || AFTER_COLON.test(text[next + 1]!))) return end;
    // No end anywhere in the spaces either: they lead to the same character.
    if (c === undefined || c === "[" || c === "]" || c === "{") return undefined;
    end = next + 1;
  }
}
