/** Byte-level JSON tokens: whitespace, strings, property names, literals, and skipping. */

import { quoted } from "../message-text.js";
import { KeyNames } from "./key-names.js";

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly truncated: boolean,
  ) {
    super(message);
  }
}

/** The same property name twice in one object: JSON.parse keeps the last, the gate refuses. */
export class JsonDuplicateKeyError extends Error {
  constructor(
    readonly key: string,
    /** Offset of the second occurrence's opening quote. */
    readonly offset: number,
  ) {
    super(`duplicate key "${quoted(key, 100)}"`);
  }
}

/**
 * A property name the gate reads, spelt with other letter case (`results` for `Results`). Go's
 * encoding/json, and so Trivy, would read it as that field; the gate refuses it rather than
 * skip it as an unknown key, which would drop findings.
 */
export class JsonMisspeltKeyError extends Error {
  constructor(
    readonly key: string,
    /** The spelling Trivy writes. */
    readonly expected: string,
    /** Offset of the key's opening quote. */
    readonly offset: number,
  ) {
    super(`key "${quoted(key, 100)}" is "${expected}" in another letter case`);
  }
}

export const QUOTE = 0x22;
/** Names cached per slot (length, first and last byte) and in all; Trivy writes a few dozen. */
export const KEY_SLOT_LIMIT = 16;
export const KEY_CACHE_LIMIT = 4096;
const BACKSLASH = 0x5c;

/** A position in a JSON buffer, with the token readers the scanner builds on. */
export class Cursor {
  pos = 0;
  private readonly keys = new Map<number, { bytes: Uint8Array; text: string }[]>();
  private cachedKeys = 0;
  constructor(protected readonly buf: Buffer) {}

  skipBom(): void {
    const b = this.buf;
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.pos = 3;
  }

  fail(message: string): JsonSyntaxError {
    const truncated = this.pos >= this.buf.length;
    return new JsonSyntaxError(
      truncated ? "unexpected end of input (the file looks truncated)" : message,
      Math.min(this.pos, this.buf.length),
      truncated,
    );
  }

  ws(): void {
    const b = this.buf;
    let p = this.pos;
    for (;;) {
      const c = b[p];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
      else break;
    }
    this.pos = p;
  }

  protected expect(c: number, what: string): void {
    this.ws();
    if (this.buf[this.pos] !== c) throw this.fail(`expected ${what}, found ${this.describe()}`);
    this.pos++;
  }

  describe(): string {
    const c = this.buf[this.pos];
    if (c === undefined) return "end of input";
    return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16)}`;
  }

  /** Skips one value, checking brackets, strings and literals without building anything. */
  protected skip(): void {
    this.ws();
    const c = this.buf[this.pos];
    if (c === QUOTE) {
      this.pos = this.stringEnd(this.pos + 1) + 1;
      return;
    }
    if (c !== 0x7b && c !== 0x5b) {
      this.literal();
      return;
    }
    this.skipContainer();
  }

  /** Property names seen per open object of a skipped container, by nesting level. */
  private readonly skippedNames: KeyNames[] = [];

  /** The name set for a new object at `level` of `pool`, reused per level. */
  protected namesAt(pool: KeyNames[], level: number): KeyNames {
    let names = pool[level];
    if (names) names.reset();
    else {
      names = new KeyNames();
      pool[level] = names;
    }
    return names;
  }

  /** Records a property name of an object; a repeat (exact spelling) is an error. */
  protected noteKey(names: KeyNames, key: string, offset: number): void {
    if (!names.add(key)) throw new JsonDuplicateKeyError(key, offset);
  }

  private skipContainer(): void {
    const b = this.buf;
    const stack: number[] = [];
    for (;;) {
      this.ws();
      const c = b[this.pos];
      if (c === 0x7b || c === 0x5b) {
        stack.push(c === 0x7b ? 0x7d : 0x5d);
        if (c === 0x7b) this.namesAt(this.skippedNames, stack.length);
        this.pos++;
        this.ws();
        if (b[this.pos] === stack[stack.length - 1]) {
          this.pos++;
          stack.pop();
          if (stack.length === 0) return;
          if (!this.afterItem(stack)) return;
        }
        continue;
      }
      const inObject = stack[stack.length - 1] === 0x7d;
      if (inObject) {
        if (c !== QUOTE) throw this.fail(`expected a property name, found ${this.describe()}`);
        const at = this.pos;
        // Names are checked in skipped parts too: a repeat anywhere means the file was tampered with.
        this.noteKey(this.skippedNames[stack.length]!, this.key(), at);
        this.expect(0x3a, "':'");
        this.ws();
        const v = b[this.pos];
        if (v === 0x7b || v === 0x5b) continue;
      }
      this.skipScalar();
      if (!this.afterItem(stack)) return;
    }
  }

  /** After a value inside a container: consumes ',' or closers; false when the outer one closed. */
  private afterItem(stack: number[]): boolean {
    for (;;) {
      this.ws();
      const c = this.buf[this.pos];
      if (c === 0x2c) {
        this.pos++;
        return true;
      }
      if (c === undefined || c !== stack[stack.length - 1])
        throw this.fail(`expected ',' or a closing bracket, found ${this.describe()}`);
      this.pos++;
      stack.pop();
      if (stack.length === 0) return false;
    }
  }

  private skipScalar(): void {
    this.ws();
    if (this.buf[this.pos] === QUOTE) this.pos = this.stringEnd(this.pos + 1) + 1;
    else this.literal();
  }

  /**
   * Index of the closing quote of a string whose content starts at `from`. Long strings
   * (descriptions) are searched natively; raw control characters are not rejected.
   */
  private stringEnd(from: number): number {
    const b = this.buf;
    const n = b.length;
    let p = from;
    const shortEnd = Math.min(n, from + 24);
    while (p < shortEnd) {
      const c = b[p]!;
      if (c === QUOTE) return p;
      p += c === BACKSLASH ? 2 : 1;
    }
    for (;;) {
      const q = p >= n ? -1 : b.indexOf(QUOTE, p);
      if (q < 0) {
        this.pos = n;
        throw this.fail("unterminated string");
      }
      let slashes = 0;
      while (q - slashes - 1 >= from && b[q - slashes - 1] === BACKSLASH) slashes++;
      if ((slashes & 1) === 0) return q;
      p = q + 1;
    }
  }

  /**
   * A property name. Reports repeat a few dozen names millions of times, so names are looked
   * up by their bytes in a cache instead of being decoded each time.
   */
  protected key(): string {
    const b = this.buf;
    const start = this.pos + 1;
    let p = start;
    while (p < b.length && b[p] !== QUOTE && b[p] !== BACKSLASH) p++;
    if (b[p] !== QUOTE || p - start > 40) return this.string();
    const len = p - start;
    const slot = len * 65536 + (b[start] ?? 0) * 256 + (b[p - 1] ?? 0);
    const candidates = this.keys.get(slot);
    if (candidates) {
      for (const c of candidates) {
        let i = 0;
        while (i < len && c.bytes[i] === b[start + i]) i++;
        if (i === len) {
          this.pos = p + 1;
          return c.text;
        }
      }
    }
    const text = this.string();
    // Bounded: a report with 300,000 distinct names (`k1`…) would otherwise turn each slot
    // into a long list scanned on every key, quadratic time. Past the bounds names are decoded.
    if ((candidates?.length ?? 0) >= KEY_SLOT_LIMIT || this.cachedKeys >= KEY_CACHE_LIMIT)
      return text;
    this.cachedKeys++;
    const entry = { bytes: Uint8Array.from(b.subarray(start, p)), text };
    if (candidates) candidates.push(entry);
    else this.keys.set(slot, [entry]);
    return text;
  }

  protected string(): string {
    const start = this.pos + 1;
    const end = this.stringEnd(start);
    this.pos = end + 1;
    const b = this.buf;
    let escaped = false;
    for (let i = start; i < end; i++) {
      if (b[i] === BACKSLASH) {
        escaped = true;
        break;
      }
    }
    const raw = b.toString("utf8", escaped ? start - 1 : start, escaped ? end + 1 : end);
    if (!escaped) return raw;
    try {
      return JSON.parse(raw) as string;
    } catch {
      this.pos = start;
      throw this.fail("invalid escape sequence in a string");
    }
  }

  protected literal(): unknown {
    const b = this.buf;
    const start = this.pos;
    let p = start;
    while (p < b.length) {
      const c = b[p]!;
      const word = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b;
      if (!word && c !== 0x2e && c !== 0x45) break;
      p++;
    }
    if (p === start) {
      if (p >= b.length) {
        this.pos = p;
        throw this.fail("");
      }
      throw this.fail(`unexpected ${this.describe()}`);
    }
    const text = b.toString("latin1", start, p);
    this.pos = p;
    if (text === "true") return true;
    if (text === "false") return false;
    if (text === "null") return null;
    if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
    // Only a word JSON could still complete (`tru`, `-`, `1e`) is cut short by the end of input.
    this.pos = p >= b.length && couldContinue(text) ? p : start;
    throw this.fail(`invalid literal '${text.slice(0, 20)}'`);
  }
}

/** Whether more bytes could make `text` a JSON literal: a prefix of true/false/null or a number. */
function couldContinue(text: string): boolean {
  if (["true", "false", "null"].some((w) => w.startsWith(text))) return true;
  return /^-?((0|[1-9]\d*)(\.\d*)?([eE][+-]?\d*)?)?$/.test(text);
}

/**
 * 1-based line and column of a byte offset, for error messages. The column counts what an
 * editor shows (VS Code, JetBrains, LSP): UTF-16 code units, so `é` is one column and an emoji
 * two, not its UTF-8 bytes; a leading byte order mark, which editors hide, counts none. A tab
 * is one column, and bytes that are not UTF-8 count as one each only where they start a
 * sequence. `offset` in error details stays the byte offset.
 */
export function lineColumn(buf: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const end = Math.min(offset, buf.length);
  for (let i = lineStart; i < end; i++) {
    if (buf[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: utf16Units(buf, lineStart, end) + 1 };
}

/** UTF-16 code units of the UTF-8 bytes [from, to): one per lead byte, two for a 4-byte one. */
function utf16Units(buf: Uint8Array, from: number, to: number): number {
  let units = 0;
  for (let i = from; i < to; i++) {
    const b = buf[i] as number;
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 && b <= 0xf4 ? 2 : 1;
  }
  return units;
}
