import { InputError } from "@alpinize/errors";
import { MAX_FLOW_DEPTH, mergeAliases, readFlow, scanFlow } from "./yaml-flow.js";
import { readBlockKey } from "./yaml-keys.js";
import { rootKind, type YamlRoot } from "./yaml-root.js";
import { blockScalarReason, isBlankRest, readLineScalar, readNode } from "./yaml-text.js";
import {
  type AnchorMark,
  MERGE_FORMS,
  opaque,
  unread,
  type YamlEntry,
  type YamlValue,
} from "./yaml-types.js";

interface SourceLine {
  text: string;
  start: number;
}

interface Shape {
  /** Spaces, then `- ` sequence indicators: where a key on this line starts. */
  indent: number;
  spaces: number;
  content: string;
}

const NAMELESS = "an anchor or alias without a name";
/** `---` or `...` at the left margin: a document starts or ends, and anchors with it. */
const DOC_MARKER = /^(?:---|\.\.\.)(?=\s|$)/;
/** Spaces and tabs only, or a comment after them. */
const BLANK = /^[ \t]*$/;
const COMMENT = /^[ \t]*#/;

/**
 * Whether the line is indented with a tab, which YAML forbids: a tab before its first `-` or
 * text, or after a `-` before a key (`- \timage: x`). Where the key sits is then unknown, so the
 * file is refused rather than read with keys under the wrong parent, or none at all.
 */
function tabIndented(text: string, content: string): boolean {
  if (/^ *\t/.test(text)) return true;
  if (!/^-?\t/.test(content)) return false;
  return readBlockKey(content.replace(/^(?:-(?=[ \t])|[ \t])+/, "")) !== undefined;
}

function tabIndent(line: number): InputError {
  return new InputError(
    "ALPINIZE_PIN_YAML_INVALID",
    `line ${line}: indented with a tab, which YAML does not allow (compose and GitHub refuse the file too)`,
    {
      hint: "Indent with spaces only; a tab may follow a value's text, never lead a line.",
      details: { line },
    },
  );
}

/** A `:` that starts a line: the value of a `? key`, or of an empty key. */
const VALUE_ONLY = /^:(\s|$)/;

/**
 * Whether the text holds only anchors and tags (of a document's root node, after its `---`),
 * a comment aside. One pass over the characters: a regex of repeated groups backtracked on a
 * long line of anchors.
 */
function onlyProperties(text: string): boolean {
  let start = true;
  for (const c of text) {
    const space = c === " " || c === "\t";
    if (start && !space) {
      if (c === "#") return true;
      if (c !== "&" && c !== "!") return false;
    }
    start = space;
  }
  return true;
}

function shape(text: string): Shape {
  const lead = /^( *)((?:- +)*)/.exec(text)!;
  const indent = lead[1]!.length + lead[2]!.length;
  return { indent, spaces: lead[1]!.length, content: text.slice(indent) };
}

/**
 * Reads block-style YAML line by line, as compose files and workflows are written: one entry
 * per `key:` with its key path and what it holds. Values written in place (plain or quoted
 * scalars, on the key's line or the next, and one-line flow collections) come with exact spans;
 * every other form (block scalars, aliases, tags, escapes, values over several lines) comes as
 * opaque with the reason, so that a caller can report what it could not read instead of
 * passing over it.
 */
export function readYamlEntries(text: string): YamlEntry[] {
  return readYamlDocument(text).entries;
}

/** What {@link readYamlEntries} reads, and what each document holds at its top. */
export interface YamlRead {
  entries: YamlEntry[];
  /** One per document with content, in order; none for a file of blank lines and comments. */
  roots: YamlRoot[];
}

/** {@link readYamlEntries} with the kind of each document's top node. */
export function readYamlDocument(text: string): YamlRead {
  const reader = new BlockReader(text);
  return { entries: reader.read(), roots: reader.roots };
}

/** A flow collection still open where the file ends: no YAML parser reads such a file. */
function unclosedFlow(line: number, bracket: string): InputError {
  return new InputError(
    "ALPINIZE_PIN_YAML_INVALID",
    `line ${line}: the flow collection opened here with ${bracket} is never closed (the file ends first), so this is not valid YAML (compose and GitHub refuse it too)`,
    {
      hint: `Close it with ${bracket === "[" ? "]" : "}"}, or write the value in block style.`,
      details: { line },
    },
  );
}

class BlockReader {
  private readonly lines: SourceLine[] = [];
  private readonly out: YamlEntry[] = [];
  private readonly stack: { indent: number; key: string }[] = [];
  /** Lines indented past this belong to the value above (a block scalar, a multi-line value). */
  private skipIndent: number | undefined;
  /** The document being read: an alias never reaches an anchor in another one. */
  private doc = 0;
  /** Whether the key being read is the merge key (a plain, untagged `<<`). */
  private merging = false;
  /** The top node of each document, from its first line of content. */
  readonly roots: YamlRoot[] = [];
  /** Whether the document being read has had a line of content yet. */
  private rooted = false;

  constructor(text: string) {
    // YAML breaks lines at CR LF, LF and a lone CR (old Mac files): a reader that split at LF
    // only saw such a file as one line, and passed its images over.
    let start = 0;
    for (const m of text.matchAll(/\r\n|\r|\n/g)) {
      this.lines.push({ text: text.slice(start, m.index), start });
      start = m.index + m[0].length;
    }
    this.lines.push({ text: text.slice(start), start });
  }

  read(): YamlEntry[] {
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      // Checked first: a document marker ends a block scalar or a value too.
      if (DOC_MARKER.test(line.text)) {
        this.startDocument(i);
        continue;
      }
      const { indent, spaces, content } = shape(line.text);
      // Tabs and spaces only: blank to YAML, also inside a block scalar.
      const blank = BLANK.test(content);
      if (this.skipIndent !== undefined) {
        if (blank || spaces > this.skipIndent) continue;
        this.skipIndent = undefined;
      }
      if (blank || COMMENT.test(content)) continue;
      if (tabIndented(line.text, content)) throw tabIndent(i + 1);
      // `%YAML 1.2`: a directive (at the margin, `%` starts nothing else), not the document.
      if (!this.rooted && line.text[0] !== "%") {
        this.rooted = true;
        this.roots.push({
          doc: this.doc,
          line: i + 1,
          kind: rootKind(line.text.slice(spaces), content),
        });
      }
      while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.indent >= indent) {
        this.stack.pop();
      }
      const parent = this.stack.map((s) => s.key);
      this.merging = false;
      if (content[0] === "{" || content[0] === "[") {
        // A sequence item (or a whole document) written as a flow collection.
        i = this.flow(parent, content, line.start + indent, i, indent);
        continue;
      }
      if (VALUE_ONLY.test(content)) {
        // Its key was reported already (`? key`), or is empty: its lines belong to no key read.
        this.skipIndent = indent;
        continue;
      }
      const key = readBlockKey(content);
      if (!key) continue;
      if ("unread" in key) {
        // Any key at all, maybe `image`: reported where it could hold one, never read past.
        this.emit(parent, i, unread(content, key.unread));
        this.skipIndent = indent;
        continue;
      }
      this.merging = key.plain && key.key === "<<";
      this.stack.push({ indent, key: key.key });
      const at = line.start + indent + key.length;
      i = this.value([...parent, key.key], content.slice(key.length), at, i, indent);
    }
    return this.out;
  }

  /**
   * `---` or `...` on line `i`: anchors above are out of reach from here on. A root node written
   * on the marker's line (`--- {services: …}`) is not read: the document is reported whole.
   */
  private startDocument(i: number): void {
    this.doc++;
    this.stack.length = 0;
    this.skipIndent = undefined;
    this.rooted = false;
    if (onlyProperties(this.lines[i]!.text.slice(3))) return;
    this.rooted = true;
    this.roots.push({ doc: this.doc, line: i + 1, kind: "unknown" });
    const why = "a document written on its --- line; start it on the line below";
    this.emit([], i, unread(this.lines[i]!.text, why));
    this.skipIndent = -1;
  }

  /** The value after `key:` on line `i`; returns the last line it took. */
  private value(
    path: string[],
    text: string,
    at: number,
    i: number,
    indent: number,
    anchor?: AnchorMark,
  ): number {
    if (this.merging) return this.mergeValue(path, text, at, i, indent);
    if (text[0] === "&") return this.anchored(path, text, at, i, indent);
    if (isBlankRest(text)) return this.nextLineValue(path, i, indent, anchor);
    const c = text[0];
    if (c === "*") return this.alias(path, text, at, i);
    if (c === "!" || c === "|" || c === ">") {
      const reason =
        c === "!" ? "a tagged value; write it without the tag" : blockScalarReason(text);
      this.emit(path, i, opaque(text, reason), anchor);
      this.skipIndent = indent;
      return i;
    }
    if (c === "{" || c === "[") return this.flow(path, text, at, i, indent, anchor);
    const scalar = readLineScalar(text);
    if (!scalar) {
      this.emit(path, i, { kind: "container" }, anchor);
      return i;
    }
    if (scalar.kind !== "scalar" || this.continues(i, indent)) {
      const value =
        scalar.kind === "scalar" ? opaque(text, "a value that goes on over several lines") : scalar;
      this.emit(path, i, value, anchor);
      this.skipIndent = indent;
      return i;
    }
    this.emit(path, i, { ...scalar, start: at + scalar.start, end: at + scalar.end }, anchor);
    return i;
  }

  /** `key:` with nothing after it: a nested collection, nothing, or the value on the next line. */
  private nextLineValue(path: string[], i: number, indent: number, anchor?: AnchorMark): number {
    const j = this.nextSignificant(i);
    const next = j === undefined ? undefined : shape(this.lines[j]!.text);
    const item = next !== undefined && /^-(\s|$)/.test(this.lines[j!]!.text.slice(next.spaces));
    const nested = next !== undefined && (next.spaces > indent || (item && next.spaces === indent));
    if (!nested) {
      this.emit(path, i, { kind: "container" }, anchor);
      return i;
    }
    if (item || readBlockKey(next.content)) {
      this.emit(path, i, { kind: "container", collection: item ? "sequence" : "mapping" }, anchor);
      return i;
    }
    return this.value(path, next.content, this.lines[j!]!.start + next.indent, j!, indent, anchor);
  }

  /**
   * `&name` before a value: every anchor read in a loop (`&a &a &a …` must not grow the stack),
   * then the value under the last one.
   */
  private anchored(path: string[], text: string, at: number, i: number, indent: number): number {
    let rest = text;
    let offset = at;
    let mark: AnchorMark | undefined;
    while (rest[0] === "&") {
      const node = readNode(rest);
      if (!node) {
        this.emit(path, i, opaque(text, NAMELESS), mark);
        this.skipIndent = indent;
        return i;
      }
      mark = { name: node.name, at: offset };
      rest = rest.slice(node.length);
      offset += node.length;
    }
    return this.value(path, rest, offset, i, indent, mark);
  }

  private alias(path: string[], text: string, at: number, i: number): number {
    const node = readNode(text);
    if (!node) {
      this.emit(path, i, opaque(text, NAMELESS));
      return i;
    }
    const value: YamlValue = !isBlankRest(text.slice(node.length))
      ? opaque(text, "text follows a YAML alias")
      : { kind: "alias", name: node.name, at };
    this.emit(path, i, value);
    return i;
  }

  /**
   * The value of a merge key: `*a` or `[*a, *b]` on its line. Any other (an inline mapping, a
   * block list, text after the alias) brings in keys pin does not read, so the mapping gets an
   * unread entry instead: a merge read as an ordinary key would pass over a merged image.
   */
  private mergeValue(path: string[], text: string, at: number, i: number, indent: number): number {
    const node = text[0] === "*" ? readNode(text) : undefined;
    const list = text[0] === "[" ? mergeAliases(text) : undefined;
    const end = node?.length ?? list?.end;
    if (end !== undefined && isBlankRest(text.slice(end))) {
      const aliases = node ? [node.name] : list!.aliases;
      this.emit(path, i, { kind: "merge", aliases, at });
      return i;
    }
    this.emit(path.slice(0, -1), i, unread(`<<: ${text}`, MERGE_FORMS));
    this.skipIndent = indent;
    return i;
  }

  /** A flow collection at `text`; one over several lines is skipped whole, as unreadable. */
  private flow(
    path: string[],
    text: string,
    at: number,
    i: number,
    indent: number,
    anchor?: AnchorMark,
  ): number {
    const where = { line: i + 1, lineStart: this.lines[i]!.start, doc: this.doc };
    const read = readFlow(text, at, where, path, anchor);
    if ("entries" in read && isBlankRest(text.slice(read.end))) {
      // One at a time: spreading a long line's entries into push() overflows the stack.
      for (const entry of read.entries) this.out.push(entry);
      return i;
    }
    const first = i;
    let scan = scanFlow(text);
    let quoted = scan.openQuote;
    const several = scan.depth > 0;
    while (scan.depth > 0 && i + 1 < this.lines.length) {
      scan = scanFlow(this.lines[++i]!.text, scan.depth);
      quoted ||= scan.openQuote;
    }
    // Brackets are counted exactly outside quotes (a plain scalar in a flow collection cannot
    // hold one); a quoted value over several lines leaves the count unsure, so no verdict then.
    if (scan.depth > 0 && !quoted) throw unclosedFlow(first + 1, text[0]!);
    const reason = several
      ? "a flow collection over several lines; write it in block style"
      : "failed" in read && read.failed === "deep"
        ? `a flow collection nested more than ${MAX_FLOW_DEPTH} deep`
        : "a flow collection pin cannot read";
    this.emit(path, first, opaque(text, reason), anchor);
    this.skipIndent = several ? undefined : indent;
    return i;
  }

  /** Whether a plain value on line `i` goes on to more indented lines. */
  private continues(i: number, indent: number): boolean {
    const j = this.nextSignificant(i);
    return j !== undefined && shape(this.lines[j]!.text).spaces > indent;
  }

  private nextSignificant(i: number): number | undefined {
    for (let j = i + 1; j < this.lines.length; j++) {
      const { content } = shape(this.lines[j]!.text);
      if (content !== "" && !content.startsWith("#")) return j;
    }
    return undefined;
  }

  private emit(path: string[], i: number, value: YamlValue, anchor?: AnchorMark): void {
    const lineStart = this.lines[i]!.start;
    const marked = anchor ? { anchor: anchor.name, anchorAt: anchor.at } : {};
    this.out.push({ path, line: i + 1, lineStart, doc: this.doc, value, ...marked });
  }
}
