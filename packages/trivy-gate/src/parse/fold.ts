/**
 * A property name as Go's encoding/json matches it against a struct field when no field has
 * that exact name: Unicode simple case folding. The gate's names are ASCII, and the only other
 * characters that fold onto ASCII letters are the long s (U+017F, onto s) and the Kelvin sign
 * (U+212A, onto k), so `Reſults` is `Results` to Trivy as much as `results` is.
 */
export function foldKey(key: string): string {
  return key.replace(/[a-z\u017f\u212a]/g, (c) =>
    c === "\u017f" ? "S" : c === "\u212a" ? "K" : String.fromCharCode(c.charCodeAt(0) - 32),
  );
}

const SEEN_LIMIT = 4096;

interface Lookup {
  /** Folded field name -> field name. */
  folded: Map<string, string>;
  /** Lengths of the field names: folding keeps a key's length (ſ and K are one unit, as s, k). */
  lengths: Set<number>;
  /** Keys already looked up -> the field they spell, or null; reports repeat few keys. */
  seen: Map<string, string | null>;
}

/** Finds, per set of field names, the one a key spells in another letter case. */
export class FoldedNames {
  private readonly byFields = new WeakMap<object, Lookup>();

  /** The field of `fields` that `key` (not itself one of them) matches case-insensitively. */
  match(fields: Record<string, unknown>, key: string): string | undefined {
    let lookup = this.byFields.get(fields);
    if (!lookup) {
      const names = Object.keys(fields);
      const folded = new Map(names.map((k) => [foldKey(k), k] as const));
      lookup = { folded, lengths: new Set(names.map((k) => k.length)), seen: new Map() };
      this.byFields.set(fields, lookup);
    }
    if (!lookup.lengths.has(key.length)) return undefined;
    let found = lookup.seen.get(key);
    if (found === undefined) {
      found = lookup.folded.get(foldKey(key)) ?? null;
      // Bounded: a hostile report could use a new key in every object.
      if (lookup.seen.size < SEEN_LIMIT) lookup.seen.set(key, found);
    }
    return found ?? undefined;
  }
}
