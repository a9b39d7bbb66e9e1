import { describe, expect, it } from "vitest";
import { parseTrivyReport } from "../src/index.js";
import { Cursor, KEY_CACHE_LIMIT, KEY_SLOT_LIMIT } from "../src/parse/json-cursor.js";
import { KEY_LIST_LIMIT, KeyNames } from "../src/parse/key-names.js";
import { reportJson, vuln } from "./fail-closed-fixtures.js";
import { thrown } from "./helpers.js";

// An object with N keys (300,000 in a 5 MB report) took minutes: each key was checked for a
// repeat against an array of every earlier key, and looked up in a name cache whose lists grew
// with every new name. No timing here: the work done per key is counted or bounded instead.

const N = 20_000;
const keys = (n: number, prefix = "k") =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, i]));

/** Reports with N extra keys in a shaped object, a kept one and a skipped one. */
const inputs = {
  "top level": JSON.stringify({ ...JSON.parse(reportJson()), ...keys(N) }),
  vulnerability: reportJson({
    results: [{ Target: "x", Class: "os-pkgs", Type: "alpine", Vulnerabilities: [vuln(keys(N))] }],
  }),
  "skipped Packages[0]": reportJson({
    results: [{ Target: "x", Class: "os-pkgs", Type: "alpine", Packages: [keys(N)] }],
  }),
};

/** Elements Array#includes / #indexOf looked at while `fn` ran. */
function arrayScans(fn: () => void): number {
  const proto = Array.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const saved = { includes: proto.includes!, indexOf: proto.indexOf! };
  let scanned = 0;
  for (const [name, original] of Object.entries(saved))
    proto[name] = function (this: unknown[], ...args: unknown[]) {
      scanned += this.length;
      return original.apply(this, args);
    };
  try {
    fn();
  } finally {
    Object.assign(proto, saved);
  }
  return scanned;
}

describe("objects with very many keys are read in linear time", () => {
  it.each(Object.entries(inputs))("%s: no scan of the earlier keys per key", (_label, json) => {
    const buf = Buffer.from(json);
    // Quadratic: N²/2 = 200,000,000 elements. Linear work stays well under one per key.
    expect(arrayScans(() => parseTrivyReport(buf))).toBeLessThan(N);
  });

  it.each(Object.entries(inputs))("%s: a repeat after 20,000 keys is still refused", (_l, json) => {
    // The last key repeated right after itself, in the same object.
    const last = `"k${N - 1}":${N - 1}`;
    const err = thrown(() => parseTrivyReport(json.replace(last, `${last},${last}`)));
    expect(err.message).toContain(`duplicate key "k${N - 1}"`);
  });

  it("the name cache stays bounded however many distinct names a report has", () => {
    const names = Array.from({ length: N }, (_, i) => `k${i}`);
    const buf = Buffer.from(names.map((k) => JSON.stringify(k)).join(","));
    class Probe extends Cursor {
      read(): string[] {
        const out: string[] = [];
        for (;;) {
          out.push(this.key());
          if (this.pos >= this.buf.length) return out;
          this.pos++;
        }
      }
      /** Every name is looked up in its slot's list: the list lengths bound the work per key. */
      slots(): number[] {
        const cache = (this as unknown as { keys: Map<number, unknown[]> }).keys;
        return [...cache.values()].map((list) => list.length);
      }
    }
    const probe = new Probe(buf);
    expect(probe.read()).toEqual(names);
    const slots = probe.slots();
    expect(Math.max(...slots)).toBeLessThanOrEqual(KEY_SLOT_LIMIT);
    expect(slots.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(KEY_CACHE_LIMIT);
    // Names past the bounds are still read right, cached ones again from the cache.
    const again = new Probe(Buffer.from(`${buf},${buf}`));
    expect(again.read()).toEqual([...names, ...names]);
  });

  it("nested objects keep their own names: a repeat around a child is refused", () => {
    for (const inner of ['{"ID":"a"}', '{"ID":"a","x":{"ID":"b"}}']) {
      const json = reportJson().replace(
        '"PkgName"',
        `"DataSource":${inner},"ID":1,"ID":2,"PkgName"`,
      );
      expect(thrown(() => parseTrivyReport(json)).message).toContain('duplicate key "ID"');
      const skipped = reportJson().replace('"PkgName"', `"X":{"a":${inner},"a":1},"PkgName"`);
      expect(thrown(() => parseTrivyReport(skipped)).message).toContain('X.a: duplicate key "a"');
    }
  });

  it("an object's names: a list while few, a set past the limit, repeats found either way", () => {
    const names = new KeyNames();
    for (let n = 1; n <= KEY_LIST_LIMIT + 2; n++) {
      names.reset();
      for (let i = 0; i < n; i++) expect(names.add(`k${i}`)).toBe(true);
      expect(names.hashed).toBe(n > KEY_LIST_LIMIT);
      for (const i of new Set([0, n - 1, Math.floor(n / 2)]))
        expect(names.add(`k${i}`)).toBe(false);
      expect(names.add("new")).toBe(true);
    }
    names.reset();
    expect([names.hashed, names.add("k0")]).toEqual([false, true]);
  });
});
