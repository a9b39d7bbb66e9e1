import { describe, expect, it } from "vitest";
import { locateImageReferences } from "./locate.js";
import { resolveAllTo } from "./pin-test-support.js";
import { findUnpinned, pinText } from "./pin-text.js";

// Aliases and merge keys stand for the text written at their anchor: pin rewrites it there, once,
// and every use of the anchor is then pinned. A tester found `pin --check` could never pass a
// compose file that used `image: *img`.

const D = `sha256:${"c".repeat(64)}`;
const resolve = resolveAllTo(D);

const found = (kind: "compose" | "workflow", text: string) =>
  locateImageReferences(kind, text).map((r) =>
    r.skip === undefined
      ? [r.line, r.where, text.slice(r.start, r.end), r.anchor?.line]
      : [r.line, r.where, r.skip],
  );

/** What --check finds in `text` once `pin --write` has run on it. */
async function writeThenCheck(kind: "compose" | "workflow", text: string) {
  const written = await pinText(kind, text, resolve);
  return { written, check: findUnpinned(kind, written.text) };
}

describe("an image used through an alias", () => {
  it("is pinned with its anchor in another service, and counts as pinned", async () => {
    for (const text of [
      "services: {a: {image: &img reg.lan/team/app:1.0}, b: {image: *img}}\n",
      "services:\n  a:\n    image: &img reg.lan/team/app:1.0\n  b: {image: *img}\n",
      "services:\n  a:\n    image: &img reg.lan/team/app:1.0\n  b:\n    image: *img # same\n",
    ]) {
      const { written, check } = await writeThenCheck("compose", text);
      expect(written.text, text).toBe(text.replace("app:1.0", `app:1.0@${D}`));
      expect(written.changes.map((c) => [c.where, c.anchor?.name])).toEqual([
        ["services.a.image", undefined],
        ["services.b.image", "img"],
      ]);
      expect(written.skipped).toEqual([]);
      expect([check.unpinned, check.skipped, check.unchanged.length]).toEqual([[], [], 2]);
    }
  });

  it("is pinned at an anchor in an extension field, block or flow, and nowhere else", async () => {
    for (const text of [
      "x-img: &img reg.lan/team/app:1.0\nservices:\n  a:\n    image: *img\n",
      'x-img: &img "reg.lan/team/app:1.0" # shared\nservices: {a: {image: *img}, b: {image: *img}}\n',
      "x-images: {app: &img reg.lan/team/app:1.0, other: reg.lan/x:1}\nservices: {a: {image: *img}}\n",
      "x-img: &img\n  reg.lan/team/app:1.0\nservices:\n  a:\n    image: *img\n",
    ]) {
      const { written, check } = await writeThenCheck("compose", text);
      expect(written.text, text).toBe(text.replace("app:1.0", `app:1.0@${D}`));
      expect(written.changes.length, text).toBeGreaterThan(0);
      expect(written.changes.every((c) => c.anchor?.name === "img")).toBe(true);
      expect([check.unpinned, check.skipped], text).toEqual([[], []]);
      expect(check.unchanged.length).toBe(written.changes.length);
    }
  });

  it("reports where the anchor is, and leaves anchors no image uses alone", () => {
    const text = [
      "x-img: &img reg.lan/team/app:1.0",
      "x-env: &env reg.lan/not-an-image:1",
      "services:",
      "  a:",
      "    image: *img",
      "    environment: {IMAGE: *env}",
      "",
    ].join("\n");
    expect(found("compose", text)).toEqual([[5, "services.a.image", "reg.lan/team/app:1.0", 1]]);
  });

  it("takes the last anchor of that name above it, as YAML does", () => {
    const text = "x-1: &img reg.lan/one:1\nx-2: &img reg.lan/two:1\nservices: {a: {image: *img}}\n";
    expect(found("compose", text)).toEqual([[3, "services.a.image", "reg.lan/two:1", 2]]);
  });

  it("is skipped, failing --check with what to do, when the anchor cannot be followed", () => {
    const text = [
      "x-block: &block >-",
      "  reg.lan/team/app:1.0",
      "x-map: &map",
      "  name: reg.lan/team/app:1.0",
      "x-img: &img reg.lan/team/app:1.0",
      "x-list:",
      "  - &img reg.lan/other:2",
      "services:",
      "  a: {image: *nowhere}",
      "  b: {image: *block}",
      "  c: {image: *map}",
      "  d: {image: *img}",
      "  e: *map",
      "",
    ].join("\n");
    expect(found("compose", text)).toEqual([
      [9, "services.a.image", expect.stringContaining("anchor pin cannot find above it")],
      [10, "services.b.image", expect.stringMatching(/anchor &block \(line 1\), which is a block/)],
      [11, "services.c.image", expect.stringContaining("holds a collection or nothing")],
      // The &img on the sequence item is the one YAML takes: pinning line 5 would be wrong.
      [12, "services.d.image", expect.stringContaining("cannot tell which &img")],
      [13, "services.e", expect.stringContaining("merge it (<<: *map)")],
    ]);
    const check = findUnpinned("compose", text);
    expect([check.unpinned, check.unchanged]).toEqual([[], []]);
    expect(check.skipped.every((s) => !s.built)).toBe(true);
  });

  it("is no image to pull when it follows the image a service builds", () => {
    const text =
      "services:\n  a:\n    build: .\n    image: &img myapp:local\n  b:\n    image: *img\n";
    const check = findUnpinned("compose", text);
    expect(check.skipped.map((s) => [s.line, s.built, s.reason.slice(0, 40)])).toEqual([
      [4, true, "the service also has build:, so image: n"],
      [6, true, "it follows the anchor &img (line 4), the"],
    ]);
  });

  it("follows workflow containers and docker:// steps; other steps are no images", async () => {
    const text = [
      "x-ci: &ci reg.lan/team/app:1.0",
      "x-step: &step docker://reg.lan/team/app:1.0",
      "x-action: &action actions/checkout@v4",
      "jobs:",
      "  t:",
      "    container: *ci",
      "    steps:",
      "      - uses: *step",
      "      - uses: *action",
      "",
    ].join("\n");
    expect(found("workflow", text)).toEqual([
      [6, "jobs.t.container", "reg.lan/team/app:1.0", 1],
      [8, "jobs.t.steps.uses", "reg.lan/team/app:1.0", 2],
    ]);
    const { written, check } = await writeThenCheck("workflow", text);
    expect(written.text).toBe(text.replaceAll("app:1.0", `app:1.0@${D}`));
    expect([check.unpinned, check.skipped]).toEqual([[], []]);
  });
});

describe("an image merged in with <<", () => {
  it("is pinned once inside the anchored mapping, for every service that merges it", async () => {
    const text = [
      "x-base: &base",
      "  image: reg.lan/team/app:1.0",
      "  restart: always",
      "services:",
      "  a:",
      "    <<: *base",
      "  b: {<<: *base, ports: ['80:80']}",
      "  own:",
      "    <<: *base",
      `    image: reg.lan/own:1@${D}`,
      "",
    ].join("\n");
    const { written, check } = await writeThenCheck("compose", text);
    expect(written.text).toBe(text.replace("app:1.0", `app:1.0@${D}`));
    expect(written.changes.map((c) => [c.line, c.where, c.anchor])).toEqual([
      [6, "services.a.image", { name: "base", line: 2 }],
      [7, "services.b.image", { name: "base", line: 2 }],
    ]);
    expect([check.unpinned, check.skipped, check.unchanged.length]).toEqual([[], [], 3]);
  });

  it("is read in the anchored mapping itself, not in a sibling at the same key path", () => {
    const text = [
      "x-list:",
      "  - name: &one",
      "      image: reg.lan/one:1",
      "  - name: &two",
      "      image: reg.lan/two:1",
      "services:",
      "  a:",
      "    <<: *two",
      "",
    ].join("\n");
    expect(found("compose", text)).toEqual([[8, "services.a.image", "reg.lan/two:1", 5]]);
  });

  it("follows an alias inside the anchored mapping, and skips a value it cannot rewrite", () => {
    const text = [
      "x-img: &img reg.lan/team/app:1.0",
      "x-a: &a",
      "  image: *img",
      "x-b: &b",
      "  image: !!str reg.lan/team/app:1.0",
      "services:",
      "  a: {<<: *a}",
      "  b: {<<: *b}",
      "",
    ].join("\n");
    expect(found("compose", text)).toEqual([
      [7, "services.a.image", "reg.lan/team/app:1.0", 1],
      [8, "services.b.image", expect.stringContaining("where it is a tagged value")],
    ]);
  });
});
