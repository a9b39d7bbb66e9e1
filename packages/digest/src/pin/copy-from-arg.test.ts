import { describe, expect, it } from "vitest";
import { locateImageReferences } from "./locate.js";
import { resolveAllTo } from "./pin-test-support.js";
import { findUnpinned, pinText } from "./pin-text.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

/** [line, where, reference] of each reference pin reads, and the reason of each it skips. */
const found = (text: string) =>
  locateImageReferences("dockerfile", text)
    .filter((r) => r.warning === undefined)
    .map((r) => {
      if (r.skip !== undefined) return [r.line, r.where, r.reference, r.skip];
      expect(text.slice(r.start, r.end)).toBe(r.reference);
      return [r.line, r.where, r.reference];
    });
/** A reason holding every part, in any order. */
const skipOf = (...parts: string[]) =>
  expect.stringMatching(
    new RegExp(parts.map((p) => `(?=.*${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})`).join("")),
  );

describe("COPY --from=$X on a global ARG", () => {
  it("pins the ARG default that holds the whole reference, and --check passes afterwards", async () => {
    const text = [
      "ARG TOOLS_IMAGE=reg.lan/team/tools:2",
      "FROM alpine:3.23",
      `COPY --from=\${TOOLS_IMAGE} /x /x`,
      "",
    ].join("\n");
    expect(found(text)).toEqual([
      [1, "ARG TOOLS_IMAGE", "reg.lan/team/tools:2"],
      [2, "FROM", "alpine:3.23"],
    ]);
    const before = findUnpinned("dockerfile", text);
    expect(before.skipped).toEqual([]);
    expect(before.unpinned.map((u) => [u.line, u.where])).toEqual([
      [1, "ARG TOOLS_IMAGE"],
      [2, "FROM"],
    ]);
    const pinned = await pinText("dockerfile", text, resolveAllTo(DIGEST));
    expect(pinned.text).toBe(
      [
        `ARG TOOLS_IMAGE=reg.lan/team/tools:2@${DIGEST}`,
        `FROM alpine:3.23@${DIGEST}`,
        `COPY --from=\${TOOLS_IMAGE} /x /x`,
        "",
      ].join("\n"),
    );
    const after = findUnpinned("dockerfile", pinned.text);
    expect([after.unpinned, after.skipped]).toEqual([[], []]);
  });

  it("reads $X as well as the braced form, a quoted default inside its quotes, and the last default of a name", () => {
    const text = [
      "ARG A=reg.lan/old:1",
      'ARG A="reg.lan/a:1" B=reg.lan/b:2',
      "FROM scratch",
      "COPY --link --from=$A /a /a",
      `COPY --from=\${B} /b /b`,
      "",
    ].join("\n");
    expect(found(text)).toEqual([
      [2, "ARG A", "reg.lan/a:1"],
      [2, "ARG B", "reg.lan/b:2"],
    ]);
  });

  it("pins an ARG used by FROM and by COPY lines once", async () => {
    const text = [
      "ARG TOOLS=reg.lan/tools:2",
      `FROM \${TOOLS} AS t`,
      "FROM alpine:3.23",
      `COPY --from=\${TOOLS} /a /a`,
      "COPY --from=$TOOLS /b /b",
      "",
    ].join("\n");
    expect(found(text)).toEqual([
      [1, "ARG TOOLS", "reg.lan/tools:2"],
      [3, "FROM", "alpine:3.23"],
    ]);
    const pinned = await pinText("dockerfile", text, resolveAllTo(DIGEST));
    expect(pinned.changes.map((c) => [c.line, c.where])).toEqual([
      [1, "ARG TOOLS"],
      [3, "FROM"],
    ]);
    expect(pinned.text.split(DIGEST)).toHaveLength(3);
  });

  it("takes a default naming a stage (any case, earlier or later), an index or scratch for no image", () => {
    const text = [
      "ARG SRC=Build LATER=later IDX=0 NONE=scratch",
      "FROM golang:1.25 AS build",
      `COPY --from=\${SRC} /a /a`,
      `COPY --from=\${LATER} /b /b`,
      `COPY --from=\${IDX} /c /c`,
      `COPY --from=\${NONE} /d /d`,
      "FROM alpine:3.23 AS later",
      "",
    ].join("\n");
    expect(found(text)).toEqual([
      [2, "FROM", "golang:1.25"],
      [7, "FROM", "alpine:3.23"],
    ]);
    expect(findUnpinned("dockerfile", text).skipped).toEqual([]);
  });

  it("leaves FROM $X alone when X names an earlier stage or scratch (nothing to pin, no skip)", () => {
    const text = [
      "ARG BASE=build EMPTY=scratch",
      "FROM golang:1.25 AS build",
      `FROM \${BASE}`,
      `FROM \${EMPTY}`,
      "",
    ].join("\n");
    expect(found(text)).toEqual([[2, "FROM", "golang:1.25"]]);
  });
});

describe("COPY --from=$X pin cannot pin: advice that can be followed", () => {
  const advice = (name: string) => [
    "Docker's BuildKit does not expand variables in --from",
    `FROM \${${name}} AS <stage>, then COPY --from=<stage>`,
    "pin pins that ARG default",
  ];

  it("skips an ARG the stage sets itself, even over a global default, naming its line", () => {
    const text = [
      "ARG SHADOWED=reg.lan/global:1",
      "FROM alpine:3.23",
      "ARG LOCAL=reg.lan/local:1",
      "ARG SHADOWED=reg.lan/mine:1",
      `COPY --from=\${LOCAL} /a /a`,
      `COPY --from=\${SHADOWED} /b /b`,
      "FROM alpine:3.23",
      "ARG SHADOWED",
      `COPY --from=\${SHADOWED} /c /c`,
      "",
    ].join("\n");
    const skip = (name: string, line: number) =>
      skipOf(
        `ARG ${name} from this stage (line ${line})`,
        `ARG ${name}=<image> before the first FROM`,
        ...advice(name),
      );
    expect(found(text)).toEqual([
      [1, "ARG SHADOWED", "reg.lan/global:1"],
      [2, "FROM", "alpine:3.23"],
      [5, "COPY --from", `\${LOCAL}`, skip("LOCAL", 3)],
      [6, "COPY --from", `\${SHADOWED}`, skip("SHADOWED", 4)],
      [7, "FROM", "alpine:3.23"],
    ]);
  });

  it("skips a variable with no global default, or one whose default holds a variable", () => {
    const text = [
      "ARG NODEFAULT",
      "ARG EMPTY=",
      "ARG REG=reg.lan",
      `ARG NESTED=\${REG}/tools:2`,
      "FROM alpine:3.23",
      `COPY --from=\${NODEFAULT} /a /a`,
      `COPY --from=\${EMPTY} /b /b`,
      `COPY --from=\${UNDECLARED} /c /c`,
      `COPY --from=\${NESTED} /d /d`,
      "",
    ].join("\n");
    const none = (name: string) =>
      skipOf(`no ARG before the first FROM gives ${name} a default`, ...advice(name));
    expect(found(text)).toEqual([
      [5, "FROM", "alpine:3.23"],
      [6, "COPY --from", `\${NODEFAULT}`, none("NODEFAULT")],
      [7, "COPY --from", `\${EMPTY}`, none("EMPTY")],
      [8, "COPY --from", `\${UNDECLARED}`, none("UNDECLARED")],
      [
        9,
        "COPY --from",
        `\${NESTED}`,
        skipOf("the default of ARG NESTED (line 4) holds a variable", ...advice("NESTED")),
      ],
    ]);
  });

  it("skips a reference built from variables with the stage form, not FROM $GO_IMAGE", () => {
    const text = [
      "ARG TAG=2",
      "FROM alpine:3.23",
      `COPY --from=reg.lan/tools:\${TAG} /a /a`,
      `COPY --from=\${TAG /b /b`,
      "",
    ].join("\n");
    const built = skipOf("built from variables", ...advice("TOOLS_IMAGE"));
    expect(found(text)).toEqual([
      [2, "FROM", "alpine:3.23"],
      [3, "COPY --from", `reg.lan/tools:\${TAG}`, built],
      [4, "COPY --from", `\${TAG`, built],
    ]);
    const reasons = findUnpinned("dockerfile", text).skipped.map((s) => s.reason);
    expect(reasons.join("\n")).not.toContain("GO_IMAGE");
  });
});

describe("COPY --from=$X that pin follows: a warning that Docker's builder refuses the line", () => {
  /** [line, reference, message] of each warning --check prints. */
  const warned = (text: string) =>
    findUnpinned("dockerfile", text).warnings.map((w) => {
      expect(w.where).toBe("COPY --from");
      return [w.line, w.reference, w.message];
    });
  const refused = (...parts: string[]) =>
    skipOf(
      "Docker's BuildKit refuses a variable in COPY --from",
      '"variable expansion is not supported for --from"',
      "podman and buildah expand it",
      ...parts,
    );

  it("names the stage form Docker builds, keeps the pin, and does not fail --check", async () => {
    const text = [
      "ARG TOOLS_IMAGE=reg.lan/team/tools:2",
      "FROM alpine:3.23",
      `COPY --from=\${TOOLS_IMAGE} /x /x`,
      "COPY --from=$TOOLS_IMAGE /y /y",
      "",
    ].join("\n");
    const advice = (written: string) =>
      refused(
        `add a stage FROM \${TOOLS_IMAGE} AS tools before this one`,
        `write COPY --from=tools instead of --from=${written}`,
        "pin pins ARG TOOLS_IMAGE (line 1) for both",
      );
    expect(warned(text)).toEqual([
      [3, `\${TOOLS_IMAGE}`, advice(`\${TOOLS_IMAGE}`)],
      [4, "$TOOLS_IMAGE", advice("$TOOLS_IMAGE")],
    ]);
    const pinned = await pinText("dockerfile", text, resolveAllTo(DIGEST));
    expect(pinned.changes.map((c) => c.where)).toEqual(["ARG TOOLS_IMAGE", "FROM"]);
    expect(pinned.warnings.map((w) => w.line)).toEqual([3, 4]);
    const after = findUnpinned("dockerfile", pinned.text);
    // Pinned: nothing unpinned or skipped (so --check passes), and still the advice.
    expect([after.unpinned, after.skipped, after.warnings.length]).toEqual([[], [], 2]);
  });

  it("is given for a default naming a stage or scratch, with a stage name not taken yet", () => {
    const text = [
      "ARG SRC=build NONE=scratch TOOLS_IMAGE=reg.lan/tools:2",
      "FROM golang:1.25 AS build",
      "FROM alpine:3.23 AS tools",
      `COPY --from=\${SRC} /a /a`,
      `COPY --from=\${NONE} /b /b`,
      `COPY --from=\${TOOLS_IMAGE} /c /c`,
      "",
    ].join("\n");
    const lines = warned(text);
    expect(lines.map(([line, ref]) => [line, ref])).toEqual([
      [4, `\${SRC}`],
      [5, `\${NONE}`],
      [6, `\${TOOLS_IMAGE}`],
    ]);
    expect(lines[0]?.[2]).toEqual(refused(`FROM \${SRC} AS src`, "COPY --from=src"));
    expect(lines[0]?.[2]).not.toContain("pin pins");
    expect(lines[1]?.[2]).toEqual(refused(`FROM \${NONE} AS none`, "COPY --from=none"));
    expect(lines[2]?.[2]).toEqual(
      refused(`FROM \${TOOLS_IMAGE} AS tools-2`, "COPY --from=tools-2", "(line 1)"),
    );
  });

  it("is not given where pin skips the line (its reason says it) or for a literal --from", () => {
    const text = [
      "ARG NODEFAULT",
      "FROM alpine:3.23",
      "ARG LOCAL=reg.lan/local:1",
      `COPY --from=\${LOCAL} /a /a`,
      `COPY --from=\${NODEFAULT} /b /b`,
      "COPY --from=reg.lan/tools:2 /c /c",
      "",
    ].join("\n");
    expect(warned(text)).toEqual([]);
    expect(findUnpinned("dockerfile", text).skipped.map((s) => s.line)).toEqual([4, 5]);
  });
});
