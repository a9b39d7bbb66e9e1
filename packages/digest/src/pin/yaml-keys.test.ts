import { describe, expect, it } from "vitest";
import { locateImageReferences } from "./locate.js";
import { resolveAllTo } from "./pin-test-support.js";
import { findUnpinned, pinText } from "./pin-text.js";

// A tester's compose files: keys written with an anchor, a tag or as an alias set
// services.a.image, and pin reported "0 unpinned, 0 skipped"; an alias reached an anchor in an
// earlier document; `<<: [*b2, *b1]` pinned both anchors; a quoted "<<" was taken for a merge.

const D = `sha256:${"d".repeat(64)}`;
const resolve = resolveAllTo(D);

/** Each reference: pinned ones as [line, where, text at its span], skips as [line, where, why]. */
const found = (text: string, kind: "compose" | "workflow" = "compose") =>
  locateImageReferences(kind, text).map((r) =>
    r.skip === undefined
      ? [r.line, r.where, text.slice(r.start, r.end)]
      : [r.line, r.where, r.skip],
  );

const svc = (...lines: string[]) => `services:\n  a:\n${lines.map((l) => `    ${l}\n`).join("")}`;

describe("a key written with an anchor or a tag", () => {
  it("is read as the key it names: the image is pinned", async () => {
    for (const key of ["&k image", "!!str image", "&k !!str image", '!!str &k "image"']) {
      const text = svc(`${key}: reg.lan/team/app:1.0`, "restart: always");
      expect(found(text), key).toEqual([[3, "services.a.image", "reg.lan/team/app:1.0"]]);
      const written = await pinText("compose", text, resolve);
      expect(written.text).toBe(text.replace("app:1.0", `app:1.0@${D}`));
      expect(findUnpinned("compose", written.text).skipped).toEqual([]);
    }
  });

  it("with another tag is skipped, so --check fails", () => {
    const text = svc("!custom image: reg.lan/team/app:1.0");
    expect(found(text)).toEqual([
      [3, "services.a", expect.stringContaining("a key with the tag !custom")],
    ]);
    expect(findUnpinned("compose", text).skipped).toHaveLength(1);
  });

  it("!!str makes << an ordinary key, not a merge", () => {
    const text = `x-b: &b\n  image: reg.lan/b:1\n${svc("!!str <<: *b", "image: reg.lan/own:1")}`;
    expect(found(text)).toEqual([[6, "services.a.image", "reg.lan/own:1"]]);
  });
});

describe("a key pin cannot read exactly", () => {
  it("is skipped where an image key could be (alias, ? key, undecodable quotes)", () => {
    const cases: [string, string][] = [
      [`x-k: &k image\n${svc("*k : reg.lan/team/app:1.0")}`, "a key written as an alias (*k)"],
      [svc("? image", ": reg.lan/team/app:1.0"), "an explicit key (? key)"],
      [svc('"im\\qage": reg.lan/team/app:1.0'), "a quoted key pin cannot read"],
      [svc('"image" x: reg.lan/team/app:1.0'), "a quoted key pin cannot read"],
    ];
    for (const [text, why] of cases) {
      const line = text.startsWith("x-k") ? 4 : 3;
      expect(found(text), text).toEqual([[line, "services.a", expect.stringContaining(why)]]);
      const check = findUnpinned("compose", text);
      expect([check.unpinned, check.skipped.length], text).toEqual([[], 1]);
    }
  });

  it("is skipped at the services level and the document root, where it could name them", () => {
    expect(found("x-s: &s a\nservices:\n  *s : {image: reg.lan/team/app:1.0}\n")).toEqual([
      [3, "services", expect.stringContaining("alias (*s)")],
    ]);
    expect(found("x-s: &s services\n*s :\n  a: {image: reg.lan/team/app:1.0}\n")).toEqual([
      [2, "(document)", expect.stringContaining("alias (*s)")],
    ]);
    const steps = "jobs:\n  t:\n    steps:\n      - ? uses\n        : docker://reg.lan/x:1\n";
    expect(found(steps, "workflow")).toEqual([
      [4, "jobs.t.steps", expect.stringContaining("explicit key")],
    ]);
  });

  it("is passed over where no image can be, and the keys after it are still read", () => {
    const text = [
      "x-k: &k image",
      "services:",
      "  a:",
      "    environment:",
      "      *k : reg.lan/not-an-image:1",
      "      ? other",
      "      : value",
      "    image: reg.lan/team/app:1.0",
      "",
    ].join("\n");
    expect(found(text)).toEqual([[8, "services.a.image", "reg.lan/team/app:1.0"]]);
  });

  it("makes an anchored mapping merged into a service unreadable: its keys are not known", () => {
    const text = `x-k: &k image\nx-b: &b\n  *k : reg.lan/team/app:1.0\n${svc("<<: *b")}`;
    expect(found(text)).toEqual([
      [6, "services.a.<<", expect.stringContaining("an anchor pin cannot follow")],
    ]);
  });
});

describe("documents of one file", () => {
  it("do not share anchors: an alias of an anchor in an earlier document is skipped", () => {
    for (const marker of ["---", "...\n---", "..."]) {
      const text = `x-img: &img reg.lan/team/app:1.0\n${marker}\n${svc("image: *img")}`;
      const line = marker.split("\n").length + 4;
      expect(found(text), marker).toEqual([
        [line, "services.a.image", expect.stringContaining("no &img")],
      ]);
      expect(findUnpinned("compose", text).skipped, marker).toHaveLength(1);
    }
  });

  it("do not share anchors for merge keys either, nor the keys a mapping sets", () => {
    const merged = `x-b: &b\n  image: reg.lan/team/app:1.0\n---\n${svc("<<: *b")}`;
    expect(found(merged)).toEqual([
      [6, "services.a.<<", expect.stringContaining("an anchor pin cannot follow")],
    ]);
    // The second document's a takes its image from &b: the first's image: does not hide it.
    const own = `${svc("image: reg.lan/one:1")}---\nx-b: &b\n  image: reg.lan/two:2\n${svc("<<: *b")}`;
    expect(found(own)).toEqual([
      [3, "services.a.image", "reg.lan/one:1"],
      [9, "services.a.image", "reg.lan/two:2"],
    ]);
  });

  it("follow an anchor inside their own document, after a marker with root properties", async () => {
    const text = `---\nx-img: &img reg.lan/one:1\n--- &root !!map # next\nx-img: &img reg.lan/team/app:1.0\n${svc("image: *img")}`;
    expect(found(text)).toEqual([[7, "services.a.image", "reg.lan/team/app:1.0"]]);
    const written = await pinText("compose", text, resolve);
    expect(written.text).toBe(text.replace("app:1.0", `app:1.0@${D}`));
  });

  it("written on its --- line is skipped whole", () => {
    const text = "--- {services: {a: {image: reg.lan/team/app:1.0}}}\n";
    expect(found(text)).toEqual([[1, "(document)", expect.stringContaining("--- line")]]);
  });
});

describe("a merge of a list of aliases", () => {
  const anchors = "x-b1: &b1\n  image: reg.lan/one:1\nx-b2: &b2\n  image: reg.lan/two:2\n";

  it("takes each key from the first mapping that has it, pinned there once", async () => {
    for (const merge of ["<<: [*b2, *b1]", "{<<: [*b2, *b1]}"]) {
      const text = merge.startsWith("{")
        ? `${anchors}services:\n  a: ${merge}\n`
        : `${anchors}${svc(merge)}`;
      const line = merge.startsWith("{") ? 6 : 7;
      expect(found(text), merge).toEqual([[line, "services.a.image", "reg.lan/two:2"]]);
      const written = await pinText("compose", text, resolve);
      expect(written.text).toBe(text.replace("two:2", `two:2@${D}`));
      expect(written.changes.map((c) => [c.where, c.anchor?.name])).toEqual([
        ["services.a.image", "b2"],
      ]);
    }
  });

  it("goes on to a later mapping for a key the earlier ones do not set", () => {
    const text = `x-r: &r\n  restart: always\n${anchors}${svc("<<: [*r, *b1, *b2]")}`;
    expect(found(text)).toEqual([[9, "services.a.image", "reg.lan/one:1"]]);
  });

  it("yields to the mapping's own key, and skips all after an alias it cannot follow", () => {
    expect(found(`${anchors}${svc("<<: [*b2, *b1]", "image: reg.lan/own:1")}`)).toEqual([
      [8, "services.a.image", "reg.lan/own:1"],
    ]);
    expect(found(`${anchors}${svc("<<: [*none, *b1]")}`)).toEqual([
      [7, "services.a.<<", expect.stringContaining("merges *none, an anchor pin cannot follow")],
      [7, "services.a.<<", expect.stringContaining("merges *b1 after *none")],
    ]);
  });

  it("written in another form is skipped: its keys are not known", () => {
    const anchor = "x-b: &b\n  image: reg.lan/team/app:1.0\n";
    for (const lines of [
      ["<<:", "  - *b"],
      ["<<: {image: reg.lan/team/app:1.0}"],
      ["<<: *b junk"],
      ["<<: &m *b"],
    ]) {
      const text = `${anchor}${svc(...lines)}`;
      expect(found(text), text).toEqual([
        [5, "services.a", expect.stringContaining("a merge key (<<) whose value is not an alias")],
      ]);
    }
    expect(found(`${anchor}services:\n  a: {<<: {image: reg.lan/team/app:1.0}}\n`)).toEqual([
      [4, "services.a", expect.stringContaining("a merge key (<<) whose value is not an alias")],
    ]);
  });
});

describe("a quoted << key", () => {
  const anchor = "x-b: &b\n  image: reg.lan/team/app:1.0\n";

  it("is an ordinary key: its alias is not followed, and no image comes from it", () => {
    for (const text of [
      `${anchor}${svc('"<<": *b')}`,
      `${anchor}${svc("'<<': *b")}`,
      `${anchor}services:\n  a: {"<<": *b}\n`,
    ]) {
      expect(found(text), text).toEqual([]);
      expect(findUnpinned("compose", text).skipped).toEqual([]);
    }
  });

  it("can name a service, whose image is pinned", () => {
    expect(found('services:\n  "<<":\n    image: reg.lan/team/app:1.0\n')).toEqual([
      [3, "services.<<.image", "reg.lan/team/app:1.0"],
    ]);
    expect(found('services: {"<<": {image: reg.lan/team/app:1.0}}\n')).toEqual([
      [1, "services.<<.image", "reg.lan/team/app:1.0"],
    ]);
  });

  it("in an anchored mapping does not make the anchor merge in turn", () => {
    const text = `x-b: &b\n  "<<": 1\n  image: reg.lan/team/app:1.0\n${svc("<<: *b")}`;
    expect(found(text)).toEqual([[6, "services.a.image", "reg.lan/team/app:1.0"]]);
  });
});

describe("key properties at scale", () => {
  it("reads a key behind 100,000 anchors, and a line of 100,000 aliases, in one pass", () => {
    const anchors = "&a ".repeat(100_000);
    expect(found(svc(`${anchors}image: reg.lan/team/app:1.0`))).toEqual([
      [3, "services.a.image", "reg.lan/team/app:1.0"],
    ]);
    expect(found(svc(`${"*a ".repeat(100_000)}: x`))).toEqual([
      [3, "services.a", expect.stringContaining("alias (*a)")],
    ]);
  });
});
