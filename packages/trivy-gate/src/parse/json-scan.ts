/**
 * A JSON reader over bytes that materialises only the fields a shape asks for and skips the
 * rest (descriptions, references, `Packages[]`), so a 200 MB report costs little more than
 * its own bytes. Skipped values are still checked for structure, so truncated input fails.
 */

import { FoldedNames } from "./fold.js";
import { Cursor, JsonMisspeltKeyError, JsonSyntaxError, QUOTE } from "./json-cursor.js";
import type { KeyNames } from "./key-names.js";

export {
  JsonDuplicateKeyError,
  JsonMisspeltKeyError,
  JsonSyntaxError,
  lineColumn,
} from "./json-cursor.js";

export type Shape =
  | "keep"
  /** Skipped like an unknown field, but its type is kept: `[]` for any array, `{}` for any object. */
  | "type"
  | { object: Record<string, Shape> }
  | {
      array: Shape;
      /** Called with each item as soon as it is read; its result is stored instead. */
      each?: (item: unknown, at: readonly number[]) => unknown;
    };

const MAX_DEPTH = 256;

/**
 * Parses `buf`; `keys` receives every top-level key, kept or skipped (to recognise formats).
 * A key of a shaped object that names one of its fields in another letter case throws
 * JsonMisspeltKeyError; at the top level it is put in `misspelt` instead, when given, so the
 * caller can first tell another format (CycloneDX's `metadata`) from a misspelt report.
 */
export function scanJson(
  buf: Buffer,
  shape: (first: number) => Shape,
  keys: string[] = [],
  misspelt?: JsonMisspeltKeyError[],
): unknown {
  const s = new Scanner(buf);
  s.skipBom();
  s.ws();
  if (s.pos >= buf.length) throw new JsonSyntaxError("the input is empty", 0, false);
  const top = shape(buf[s.pos]!);
  const value =
    buf[s.pos] === 0x7b && typeof top === "object" && "object" in top
      ? s.object(top.object, keys, misspelt)
      : s.value(top);
  s.ws();
  if (s.pos < buf.length) throw s.fail("unexpected data after the end of the JSON value");
  return value;
}

class Scanner extends Cursor {
  value(shape: Shape): unknown {
    this.ws();
    const c = this.buf[this.pos];
    if (c === 0x7b && typeof shape === "object" && "object" in shape)
      return this.object(shape.object);
    if (c === 0x5b && typeof shape === "object" && "array" in shape)
      return this.array(shape.array, shape.each);
    return this.any();
  }

  /** Nesting of materialised containers; bounded so hostile input cannot exhaust the stack. */
  private depth = 0;

  /** Reads any value in full (a kept field, or a value whose type differs from the shape). */
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

  private field(shape: Shape): unknown {
    if (shape === "keep") return this.any();
    if (shape !== "type") return this.value(shape);
    this.ws();
    const c = this.buf[this.pos];
    if (c !== 0x7b && c !== 0x5b) return this.any();
    this.skip();
    return c === 0x7b ? {} : [];
  }

  private readonly folded = new FoldedNames();
  /** Names seen per materialised object being read, by nesting level (see `namesAt`). */
  private readonly objectNames: KeyNames[] = [];
  private objectLevel = 0;

  object(
    fields: Record<string, Shape> | null,
    seen?: string[],
    misspelt?: JsonMisspeltKeyError[],
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++;
    this.ws();
    if (this.buf[this.pos] === 0x7d) {
      this.pos++;
      return out;
    }
    const names = this.namesAt(this.objectNames, this.objectLevel++);
    for (;;) {
      this.ws();
      if (this.buf[this.pos] !== QUOTE)
        throw this.fail(`expected a property name, found ${this.describe()}`);
      const at = this.pos;
      const key = this.key();
      this.noteKey(names, key, at);
      seen?.push(key);
      this.expect(0x3a, "':'");
      if (fields === null) set(out, key, this.any());
      else {
        const sub = Object.hasOwn(fields, key) ? fields[key] : undefined;
        if (sub === undefined) {
          this.checkSpelling(fields, key, at, misspelt);
          this.skip();
        } else set(out, key, this.field(sub));
      }
      this.ws();
      const c = this.buf[this.pos];
      this.pos++;
      if (c === 0x2c) continue;
      if (c === 0x7d) {
        this.objectLevel--;
        return out;
      }
      this.pos--;
      throw this.fail(`expected ',' or '}', found ${this.describe()}`);
    }
  }

  private checkSpelling(
    fields: Record<string, Shape>,
    key: string,
    at: number,
    misspelt: JsonMisspeltKeyError[] | undefined,
  ): void {
    const expected = this.folded.match(fields, key);
    if (expected === undefined) return;
    const err = new JsonMisspeltKeyError(key, expected, at);
    if (!misspelt) throw err;
    misspelt.push(err);
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
