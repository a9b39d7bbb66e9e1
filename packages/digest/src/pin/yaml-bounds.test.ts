import { describe, expect, it } from "vitest";
import type { ResolveOutcome } from "../resolve-many.js";
import type { ResolvedImage } from "../types.js";
import { locateImageReferences } from "./locate.js";
import { MERGED_KEYS_LISTED } from "./locate-yaml.js";
import { pinText } from "./pin-text.js";
import { MAX_FLOW_DEPTH } from "./yaml-flow.js";

// Untrusted files up to the 4 MiB limit: these pin what a bounded reader must still read the
// same way, and that hostile shapes end in a skip instead of a crash. Speed is in bench/pin-yaml.mjs.

const found = (kind: "compose" | "workflow", text: string) =>
  locateImageReferences(kind, text).map((r) =>
    r.skip === undefined
      ? [r.line, r.where, text.slice(r.start, r.end)]
      : [r.line, r.where, r.skip],
  );

describe("merge keys, followed through one index", () => {
  it("takes the last anchor written before the alias, as YAML does", () => {
    const text = [
      "x-1: &base",
      "  image: reg.lan/one:1",
      "x-2: &base",
      "  image: reg.lan/two:1",
      "services:",
      "  a:",
      "    <<: *base",
      "x-3: &base",
      "  image: reg.lan/three:1",
      "  build: .",
      "",
    ].join("\n");
    const refs = locateImageReferences("compose", text);
    expect(refs.map((r) => [r.line, r.where, r.reference])).toEqual([
      [7, "services.a.image", "reg.lan/two:1"],
    ]);
    // The later anchor's build: does not reach back to the service.
    expect(refs[0]?.built).toBeUndefined();
    expect(refs[0]?.skip).toBeUndefined();
    expect(refs[0]?.anchor).toEqual({ name: "base", line: 4 });
  });

  it("cannot follow an alias whose last anchor before it holds a scalar", () => {
    const text = "x: &a\n  image: reg.lan/one:1\ny: &a reg.lan/s:1\nservices:\n  s:\n    <<: *a\n";
    expect(found("compose", text)).toEqual([
      [6, "services.s.<<", expect.stringContaining("an anchor pin cannot follow")],
    ]);
  });

  it("lists the merged image of every service, in file order, however many merge", () => {
    const services = 3000;
    const lines = ["x-a: &a", "  image: reg.lan/app:1", "  restart: always", "services:"];
    for (let i = 0; i < services; i++) lines.push(`  s${i}:`, "    <<: *a");
    lines.push("  own:", "    <<: *a", "    image: reg.lan/own:1", "");
    const refs = locateImageReferences("compose", lines.join("\n"));
    expect(refs).toHaveLength(services + 1);
    expect(refs.slice(0, services).every((r, i) => r.line === 6 + 2 * i)).toBe(true);
    expect(refs.slice(0, services).every((r) => r.reference === "reg.lan/app:1")).toBe(true);
    expect(refs[services]).toMatchObject({
      where: "services.own.image",
      reference: "reg.lan/own:1",
    });
  });

  it("lists keys merged where any key could be an image one by one only up to a bound", () => {
    const keys = 6000;
    const lines = ["x-all: &all"];
    for (let i = 0; i < keys; i++) lines.push(`  s${i}:`, `    image: reg.lan/s${i}:1`);
    // Each merge would bring in every key again: unbounded, a few kilobytes of merges asked
    // for millions of skips.
    lines.push("services:", "  <<: *all", "services:", "  <<: *all", "");
    const refs = locateImageReferences("compose", lines.join("\n"));
    const first = refs.filter((r) => r.line === 2 * keys + 3);
    const second = refs.filter((r) => r.line === 2 * keys + 5);
    expect(first).toHaveLength(keys);
    expect(first[0]).toMatchObject({ where: "services.s0", reference: "*all" });
    expect(keys * 2).toBeGreaterThan(MERGED_KEYS_LISTED);
    expect(second).toEqual([
      expect.objectContaining({
        where: "services.<<",
        reference: "*all",
        skip: expect.stringContaining(`the ${keys} keys of the anchor &all (line 1)`),
      }),
    ]);
  });
});

describe("flow collections nested deep", () => {
  const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

  it(`reads ${MAX_FLOW_DEPTH} levels and skips the value past them, with the reason`, () => {
    // services and a are two levels; the sequence takes the rest.
    const at = (levels: number) =>
      `services: {a: {image: reg.lan/app:1, deep: ${nested(levels - 2)}}}\n`;
    expect(found("compose", at(MAX_FLOW_DEPTH))).toEqual([
      [1, "services.a.image", "reg.lan/app:1"],
    ]);
    expect(found("compose", at(MAX_FLOW_DEPTH + 1))).toEqual([
      [1, "services", `it is a flow collection nested more than ${MAX_FLOW_DEPTH} deep`],
    ]);
  });

  it("skips a 200,000-deep image instead of running out of stack", () => {
    const text = `services:\n  a:\n    image: ${nested(200_000)}\n`;
    expect(found("compose", text)).toEqual([
      [3, "services.a.image", `it is a flow collection nested more than ${MAX_FLOW_DEPTH} deep`],
    ]);
    const mappings = `services: ${"{a: ".repeat(100_000)}${"}".repeat(100_000)}\n`;
    expect(found("compose", mappings)).toEqual([
      [1, "services", expect.stringContaining("nested more than")],
    ]);
  });

  it("reads any number of anchors on one value without a call per anchor", () => {
    const anchors = "&a ".repeat(200_000);
    expect(found("compose", `services:\n  a:\n    image: ${anchors}reg.lan/app:1\n`)).toEqual([
      [3, "services.a.image", "reg.lan/app:1"],
    ]);
    expect(found("compose", `services: {a: {image: ${anchors}reg.lan/app:1}}\n`)).toEqual([
      [1, "services.a.image", "reg.lan/app:1"],
    ]);
  });

  it("reads a flow mapping of 150,000 entries on one line", () => {
    const text = `services: {${"a: {image: reg.lan/app:1}, ".repeat(150_000)}}\n`;
    expect(locateImageReferences("compose", text)).toHaveLength(150_000);
  });

  it("skips an anchor or alias without a name instead of failing", () => {
    for (const value of ["&", "& reg.lan/app:1", "*"]) {
      expect(found("compose", `services:\n  a:\n    image: ${value}\n`)).toEqual([
        [3, "services.a.image", "it is an anchor or alias without a name"],
      ]);
    }
    expect(found("compose", "services: {a: {image: &, b: 1}}\n")).toEqual([
      [1, "services", "it is a flow collection pin cannot read"],
    ]);
  });
});

describe("keys followed by long runs of spaces", () => {
  const spaces = " ".repeat(40_000);

  it("ends a plain flow key at the spaces before its colon, comma or brace", () => {
    expect(found("compose", "services: {web   : {image  : reg.lan/app:1, a b :c}}\n")).toEqual([
      [1, "services.web.image", "reg.lan/app:1"],
    ]);
    expect(found("compose", `services: {web${spaces}: {image${spaces}: reg.lan/app:1}}\n`)).toEqual(
      [[1, "services.web.image", "reg.lan/app:1"]],
    );
    // A key without a value ends at the spaces before the comma or brace; `{a  x}` holds none.
    expect(found("compose", `services: {a${spaces}x}\n`)).toEqual([]);
    expect(found("compose", `services: {a${spaces}x, web: {image: reg.lan/b:2}}\n`)).toEqual([
      [1, "services.web.image", "reg.lan/b:2"],
    ]);
    expect(found("compose", `services: {a${spaces}], b: 1}\n`)).toEqual([
      [1, "services", "it is a flow collection pin cannot read"],
    ]);
  });

  it("ends a plain block key at its colon, however many spaces stand before it", () => {
    const text = `services:\n  web${spaces}:\n    image${spaces}:   reg.lan/app:1\n  a${spaces}b\n`;
    expect(found("compose", text)).toEqual([[3, "services.web.image", "reg.lan/app:1"]]);
    expect(found("compose", "services:\n  ::\n    image: reg.lan/c:1\n")).toEqual([
      [3, "services.:.image", "reg.lan/c:1"],
    ]);
    // `a#b:` is no key (a `#` stops one), so it reads as the value of services: over two lines.
    expect(found("compose", "services:\n  a#b:\n    image: reg.lan/c:1\n")).toEqual([
      [2, "services", "it is a value that goes on over several lines"],
    ]);
  });
});

describe("pinText", () => {
  it("writes every pin of a file with thousands of images, and nothing else", async () => {
    const digest = `sha256:${"a".repeat(64)}`;
    const lines = ["services:"];
    for (let i = 0; i < 5000; i++) lines.push(`  s${i}: {image: reg.lan/app:${i % 3}}`);
    const text = `${lines.join("\n")}\n`;
    // Every reference resolves to one digest: what matters here is the rewriting.
    const resolve = async (refs: string[]): Promise<ResolveOutcome[]> =>
      refs.map((reference) => ({ reference, result: resolved(reference, digest) }));
    const result = await pinText("compose", text, resolve);
    expect(result.changes).toHaveLength(5000);
    expect(result.text).toBe(text.replace(/app:(\d)\}/g, `app:$1@${digest}}`));
  });
});

function resolved(reference: string, digest: string): ResolvedImage {
  const [repository = "", tag] = reference.replace(/^reg\.lan\//, "").split(":");
  return {
    reference,
    canonical: reference,
    registry: "reg.lan",
    repository,
    tag,
    digest,
    mediaType: "application/vnd.oci.image.index.v1+json",
    via: "registry",
  };
}
