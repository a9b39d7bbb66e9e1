import { describe, expect, it } from "vitest";
import { locateImageReferences } from "./locate.js";
import { resolveAllTo } from "./pin-test-support.js";
import { findUnpinned, pinText } from "./pin-text.js";

// A tester's compose files that pin --check passed with "0 unpinned": CR-only line endings
// (valid YAML, one line to a reader splitting at LF), tab indentation (not YAML) and a list
// under image:.

const D = `sha256:${"d".repeat(64)}`;

describe("line breaks", () => {
  it.each([
    ["CR", "\r"],
    ["CR LF", "\r\n"],
    ["LF", "\n"],
  ])("%s line endings: the image is found on its line and pinned in place", async (_, eol) => {
    const text = ["services:", "  a:", "    image: reg.lan/team/app:1.0", ""].join(eol);
    const check = findUnpinned("compose", text);
    expect(check.unpinned.map((u) => [u.line, u.where, u.reference])).toEqual([
      [3, "services.a.image", "reg.lan/team/app:1.0"],
    ]);
    const pinned = await pinText("compose", text, resolveAllTo(D));
    expect(pinned.text).toBe(text.replace("app:1.0", `app:1.0@${D}`));
  });

  it("mixed endings are each a line break, as YAML reads them", () => {
    const text = "services:\r  a:\r\n    image: reg.lan/a:1\n  b:\r    image: reg.lan/b:1\r";
    expect(findUnpinned("compose", text).unpinned.map((u) => [u.line, u.reference])).toEqual([
      [3, "reg.lan/a:1"],
      [5, "reg.lan/b:1"],
    ]);
  });
});

describe("tabs in indentation", () => {
  it.each([
    "services:\n\ta:\n\t\timage: reg.lan/team/app:1.0\n",
    "services:\n  a:\n  \timage: reg.lan/team/app:1.0\n",
    "services:\n  a:\n    image: reg.lan/a:1\n\tb:\n    image: reg.lan/b:1\n",
    "jobs:\n  t:\n    steps:\n      - \tuses: docker://reg.lan/x:1\n",
    "jobs:\n  t:\n    steps:\n      -\tuses: docker://reg.lan/x:1\n",
  ])("%j is refused with its line (exit 2), not read as no image", (text) => {
    const kind = text.startsWith("jobs") ? "workflow" : "compose";
    expect(() => locateImageReferences(kind, text)).toThrow(
      expect.objectContaining({
        code: "ALPINIZE_PIN_YAML_INVALID",
        exitCode: 2,
        message: expect.stringMatching(/^line \d+: indented with a tab/),
      }),
    );
  });

  it("is allowed where YAML allows it: blank lines, comments, after a value, in a block scalar", () => {
    const text = [
      "services:",
      "  a:\t# web",
      "\t",
      "\t# a comment",
      "    image:\treg.lan/team/app:1.0",
      "    command: |",
      "      \techo hi",
      "    entrypoint:",
      "      - \t/start",
      "",
    ].join("\n");
    expect(findUnpinned("compose", text).unpinned.map((u) => u.reference)).toEqual([
      "reg.lan/team/app:1.0",
    ]);
  });
});

describe("an image key holding a list or a mapping", () => {
  it.each([
    ["services:\n  a:\n    image:\n      - reg.lan/a:1\n", "a list"],
    ["services:\n  a:\n    image:\n    - reg.lan/a:1\n", "a list"],
    ["services:\n  a:\n    image: [reg.lan/a:1]\n", "a list"],
    ["services:\n  a:\n    image:\n      name: reg.lan/a:1\n", "a mapping"],
    ["services:\n  a: {image: {name: reg.lan/a:1}}\n", "a mapping"],
  ])("%j is a skip that fails --check", (text, shown) => {
    const check = findUnpinned("compose", text);
    expect(check.unpinned).toEqual([]);
    expect(check.skipped).toEqual([
      expect.objectContaining({
        where: "services.a.image",
        reason: expect.stringContaining(`it is ${shown}, where services.a.image takes one image`),
      }),
    ]);
  });

  it("a workflow container may be a mapping (its image: is read), never a list", () => {
    const mapping = "jobs:\n  t:\n    container:\n      image: reg.lan/a:1\n";
    expect(findUnpinned("workflow", mapping).skipped).toEqual([]);
    expect(findUnpinned("workflow", mapping).unpinned).toHaveLength(1);
    const list = "jobs:\n  t:\n    container:\n      - reg.lan/a:1\n";
    expect(findUnpinned("workflow", list).skipped).toEqual([
      expect.objectContaining({ where: "jobs.t.container" }),
    ]);
  });

  it("an empty image: is still no value, not a skip", () => {
    expect(findUnpinned("compose", "services:\n  a:\n    image:\n    build: .\n").skipped).toEqual(
      [],
    );
  });
});
