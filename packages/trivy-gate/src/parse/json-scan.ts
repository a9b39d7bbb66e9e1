/**
 * A JSON reader over bytes that materialises only the fields a shape asks for and skips the
 * rest (descriptions, references, `Packages[]`), so a 200 MB report costs little more than
 * its own bytes. Skipped values are still checked for structure, so truncated input fails.
 */

export type Shape =
  | "keep"
  | { object: Record<string, Shape> }
  | {
      array: Shape;
      /** Called with each item as soon as it is read; its result is stored instead. */
      each?: (item: unknown, at: readonly number[]) => unknown;
    };

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly truncated: boolean,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const MAX_DEPTH = 256;
const BACKSLASH = 0x5c;

/** Parses `buf`; `keys` receives every top-level key, kept or skipped (to recognise formats). */
export function scanJson(
  buf: Buffer,
  shape: (first: number) => Shape,
  keys: string[] = [],
): unknown {
  const s = new Scanner(buf);
  s.skipBom();
  s.ws();
  if (s.pos >= buf.length) throw new JsonSyntaxError("the input is empty", 0, false);
  const top = shape(buf[s.pos]!);
  const value =
    buf[s.pos] === 0x7b && typeof top === "object" && "object" in top
      ? s.object(top.object, keys)
      : s.value(top);
  s.ws();
  if (s.pos < buf.length) throw s.fail("unexpected data after the end of the JSON value");
  return value;
}

class Scanner {
  pos = 0;
  private readonly keys = new Map<number, { bytes: Uint8Array; text: string }[]>();
  constructor(private readonly buf: Buffer) {}

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

  private expect(c: number, what: string): void {
    this.ws();
    if (this.buf[this.pos] !== c) throw this.fail(`expected ${what}, found ${this.describe()}`);
    this.pos++;
  }

  describe(): string {
    const c = this.buf[this.pos];
    if (c === undefined) return "end of input";
    return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16)}`;
  }

  value(shape: Shape): unknown {
    this.ws();
    const c = this.buf[this.pos];
    if (c === 0x7b && typeof shape === "object" && "object" in shape)
      return this.object(shape.object);
    if (c === 0x5b && typeof shape === "object" && "array" in shape)
      return this.array(shape.array, shape.each);
    return this.any();
  }

  /** Reads any value in full (a kept field, or a value whose type differs from the shape). */
  /** Nesting of materialised containers; bounded so hostile input cannot exhaust the stack. */
  private depth = 0;

  private any(): unknown {
    this.ws();
    const c = this.buf[this.pos];
    if (c === 0x7b || c === 0x5b) {
      if (++this.depth > MAX_DEPTH) throw this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
      const value = c === 0x7b ? this.object(null) : this.array("keep");
      this.depth--;
      return value;
    }
    if (c === QUOTE) return this.string();
    return this.literal();
  }

  object(fields: Record<string, Shape> | null, seen?: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++;
    this.ws();
    if (this.buf[this.pos] === 0x7d) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.buf[this.pos] !== QUOTE)
        throw this.fail(`expected a property name, found ${this.describe()}`);
      const key = this.key();
      seen?.push(key);
      this.expect(0x3a, "':'");
      if (fields === null) set(out, key, this.any());
      else {
        const sub = Object.hasOwn(fields, key) ? fields[key] : undefined;
        if (sub === undefined) this.skip();
        else set(out, key, sub === "keep" ? this.any() : this.value(sub));
      }
      this.ws();
      const c = this.buf[this.pos];
      this.pos++;
      if (c === 0x2c) continue;
      if (c === 0x7d) return out;
      this.pos--;
      throw this.fail(`expected ',' or '}', found ${this.describe()}`);
    }
  }

  /** Indexes of the shaped arrays being read, outermost first (for `each` callbacks). */
  private readonly at: number[] = [];

  private array(item: Shape, each?: (item: unknown, at: readonly number[]) => unknown): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.ws();
    if (this.buf[this.pos] === 0x5d) {
      this.pos++;
      return out;
    }
    const depth = this.at.length;
    if (item !== "keep") this.at.push(0);
    for (let i = 0; ; i++) {
      if (item !== "keep") this.at[depth] = i;
      const value = item === "keep" ? this.any() : this.value(item);
      out.push(each ? each(value, this.at) : value);
      this.ws();
      const c = this.buf[this.pos];
      this.pos++;
      if (c === 0x2c) continue;
      if (c === 0x5d) {
        this.at.length = depth;
        return out;
      }
      this.pos--;
      throw this.fail(`expected ',' or ']', found ${this.describe()}`);
    }
  }

  /** Skips one value, checking brackets, strings and literals without building anything. */
  private skip(): void {
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

  private skipContainer(): void {
    const b = this.buf;
    const stack: number[] = [];
    for (;;) {
      this.ws();
      const c = b[this.pos];
      if (c === 0x7b || c === 0x5b) {
        stack.push(c === 0x7b ? 0x7d : 0x5d);
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
        this.pos = this.stringEnd(this.pos + 1) + 1;
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
  private key(): string {
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
    const entry = { bytes: Uint8Array.from(b.subarray(start, p)), text };
    if (candidates) candidates.push(entry);
    else this.keys.set(slot, [entry]);
    return text;
  }

  private string(): string {
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

  private literal(): unknown {
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
    this.pos = start;
    if (p >= b.length) this.pos = p;
    throw this.fail(`invalid literal '${text.slice(0, 20)}'`);
  }
}

/** Assigns like JSON.parse: a "__proto__" key becomes an own property, never the prototype. */
function set(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(obj, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else obj[key] = value;
}

/** 1-based line and column (in bytes) of an offset, for error messages. */
export function lineColumn(buf: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, buf.length);
  for (let i = 0; i < end; i++) {
    if (buf[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
