/**
 * A JSON reader over bytes that materialises only the fields a shape asks for and skips the
 * rest (descriptions, references, `Packages[]`), so a 200 MB report costs little more than
 * its own bytes. Skipped values are still checked for structure, so truncated input fails.
 */

export type Shape = "keep" | { object: Record<string, Shape> } | { array: Shape };

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
    if (c === 0x5b && typeof shape === "object" && "array" in shape) return this.array(shape.array);
    return this.any();
  }

  /** Reads any value in full (a kept field, or a value whose type differs from the shape). */
  private any(): unknown {
    this.ws();
    const c = this.buf[this.pos];
    if (c === 0x7b) return this.object(null);
    if (c === 0x5b) return this.array("keep");
    if (c === QUOTE) return this.string();
    return this.literal();
  }

  object(fields: Record<string, Shape> | null, seen?: string[]): Record<string, unknown> {
    // No prototype: a "__proto__" key in the input stays an ordinary key.
    const out: Record<string, unknown> = Object.create(null);
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
      const key = this.string();
      seen?.push(key);
      this.expect(0x3a, "':'");
      if (fields === null) out[key] = this.any();
      else {
        const sub = fields[key];
        if (sub === undefined) this.skip();
        else out[key] = sub === "keep" ? this.any() : this.value(sub);
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

  private array(item: Shape): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.ws();
    if (this.buf[this.pos] === 0x5d) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(item === "keep" ? this.any() : this.value(item));
      this.ws();
      const c = this.buf[this.pos];
      this.pos++;
      if (c === 0x2c) continue;
      if (c === 0x5d) return out;
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

  /** Index of the closing quote of a string whose content starts at `from`. */
  private stringEnd(from: number): number {
    const b = this.buf;
    let p = from;
    const n = b.length;
    while (p < n) {
      const c = b[p]!;
      if (c === QUOTE) return p;
      if (c === BACKSLASH) p += 2;
      else if (c < 0x20) {
        this.pos = p;
        throw this.fail("control character inside a string");
      } else p++;
    }
    this.pos = n;
    throw this.fail("unterminated string");
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
