import { describe, expect, it } from "vitest";
import { locateImageReferences } from "./locate.js";
import { findUnpinned } from "./pin-text.js";

// A tester's files that `pin --check` passed with "0 problems": empty or invalid files, a
// document of the wrong shape, and keys above the images written as a list or a value. Compose
// and GitHub refuse each of them; pin must not call them pinned.

const refused = (kind: "compose" | "workflow" | "dockerfile", text: string, message: RegExp) =>
  expect(() => locateImageReferences(kind, text)).toThrow(
    expect.objectContaining({ exitCode: 2, message: expect.stringMatching(message) }),
  );

describe("an empty file", () => {
  it.each(["", "\n\n", "# nothing yet\n", "---\n", "%YAML 1.2\n---\n# x\n"])(
    "compose %j is refused (docker compose refuses it too)",
    (text) => refused("compose", text, /^line 1: empty compose file/),
  );

  it("an empty workflow is refused", () => refused("workflow", "\n", /^line 1: empty workflow/));

  it.each(["", "# syntax=docker/dockerfile:1\n\n", "ARG X=1\n"])(
    "a Dockerfile %j with no FROM is refused, as migrate and check refuse it",
    (text) => refused("dockerfile", text, /^Dockerfile:1: no FROM instruction/),
  );

  it("a Dockerfile with a step before its first FROM is refused", () =>
    refused("dockerfile", "RUN true\nFROM alpine:3\n", /^Dockerfile:1: RUN before the first FROM/));
});

describe("a document that is not a mapping", () => {
  it.each([
    ["compose", "- image: nginx:1\n", /^line 1: the compose file is a list/],
    ["compose", "\n# c\n[a, b]\n", /^line 3: the compose file is a list/],
    [
      "compose",
      "services:\n  a:\n    image: x:1\n---\n- x\n",
      /^line 5: the compose file is a list/,
    ],
    ["workflow", "hello\n", /^line 1: the workflow is a single value/],
    ["workflow", '"just text"\n', /^line 1: the workflow is a single value/],
    ["workflow", "- a\n- b\n", /^line 1: the workflow is a list/],
  ] as const)("%s %j is refused", (kind, text, message) => refused(kind, text, message));

  it.each([
    "[a, b]: c\nservices: {}\n",
    "? services\n: {}\n",
    "%YAML 1.2\n---\nservices:\n  a:\n    image: reg.lan/a:1\n",
    "--- # the compose file\nservices:\n  a:\n    image: reg.lan/a:1\n",
  ])("a mapping is read as before: %j", (text) => {
    expect(() => locateImageReferences("compose", text)).not.toThrow();
  });
});

describe("a key above the images in another shape", () => {
  it.each([
    [
      "compose",
      "services:\n  - image: nginx:1\n",
      /^line 1: services is a list, where compose expects a mapping/,
    ],
    ["compose", "services: [web, db]\n", /^line 1: services is a list/],
    ["compose", "services: nginx:1\n", /^line 1: services is a value \(nginx:1\)/],
    ["compose", "services:\n  web: nginx:1\n", /^line 2: services.web is a value \(nginx:1\)/],
    ["compose", "services:\n  web:\n    - image: nginx:1\n", /^line 2: services.web is a list/],
    ["workflow", "on: push\njobs:\n  - a\n", /^line 2: jobs is a list/],
    ["workflow", "on: push\njobs:\n  a: x\n", /^line 3: jobs.a is a value/],
    [
      "workflow",
      "jobs:\n  a:\n    steps:\n      uses: docker://x:1\n",
      /^line 3: jobs.a.steps is a mapping, where GitHub expects a list/,
    ],
    ["workflow", "jobs:\n  a:\n    services: [db]\n", /^line 3: jobs.a.services is a list/],
  ] as const)("%s %j is refused", (kind, text, message) => refused(kind, text, message));

  it("list items written as flow mappings are items, not the list's shape", () => {
    const text =
      "jobs:\n  a:\n    steps:\n      - { uses: 'docker://reg.lan/s:1' }\n      - run: x\n";
    expect(findUnpinned("workflow", text).unpinned.map((u) => u.reference)).toEqual([
      "reg.lan/s:1",
    ]);
  });

  it("a null value is left to compose (its versions differ on services: with nothing)", () => {
    expect(() => locateImageReferences("compose", "services:\nvolumes: {}\n")).not.toThrow();
  });
});

describe("a workflow without jobs:", () => {
  it("is refused", () => refused("workflow", "on: push\nname: x\n", /^line 1: no jobs: key/));

  it.each([
    "x: &all {jobs: {a: {container: reg.lan/a:1}}}\n<<: *all\n",
    '{\n  "on": "push",\n  "jobs": {}\n}\n',
  ])("is not judged when keys come in that pin cannot read: %j", (text) => {
    expect(() => locateImageReferences("workflow", text)).not.toThrow();
  });
});

describe("a flow collection never closed", () => {
  it.each([
    ["hello: [\n", 1, "["],
    ["services:\n  a: {image: x:1,\n    build: .\n", 2, "{"],
    ["[\n", 1, "["],
  ])("%j is not valid YAML: refused with its line", (text, line, bracket) =>
    refused(
      "compose",
      text,
      new RegExp(
        `^line ${line}: the flow collection opened here with \\${bracket} is never closed`,
      ),
    ),
  );

  it("is not judged when a quoted value goes on over lines (the count is unsure there)", () => {
    const text = 'x: [ "a [\n  b" ]\nservices:\n  a:\n    image: reg.lan/a:1\n';
    expect(() => locateImageReferences("compose", text)).not.toThrow();
  });

  it("closed on a later line, it is skipped as before", () => {
    const text = "services:\n  a:\n    image: [\n      x ]\n";
    expect(findUnpinned("compose", text).skipped.map((s) => s.line)).toEqual([3]);
  });
});

describe("a compose image that YAML reads as no string", () => {
  it.each([
    ["1.5", "a YAML number"],
    ["1", "a YAML number"],
    ["-2e3", "a YAML number"],
    ["0x1F", "a YAML number"],
    [".inf", "a YAML number"],
    ["true", "a YAML boolean"],
    ["FALSE", "a YAML boolean"],
  ])("image: %s is a problem (bad input), not an unpinned image", (value, what) => {
    const found = findUnpinned("compose", `services:\n  web:\n    image: ${value}\n`);
    expect(found.unpinned).toEqual([]);
    expect(found.skipped).toEqual([]);
    expect(found.problems).toHaveLength(1);
    const error = found.problems[0]!.error as Error & { code: string; exitCode: number };
    expect([error.code, error.exitCode]).toEqual(["ALPINIZE_PIN_NOT_A_REFERENCE", 2]);
    expect(error.message).toContain(
      `services.web.image is ${what} (${value}), not an image reference`,
    );
  });

  it.each(['"1.5"', "'true'", "1.5x", "yes", "v1"])(
    "image: %s is a string, read as a reference",
    (value) => {
      const found = findUnpinned("compose", `services:\n  web:\n    image: ${value}\n`);
      expect(found.problems).toEqual([]);
      expect(found.unpinned).toHaveLength(1);
    },
  );

  it("so is a number an alias brings in", () => {
    const text = "x-img: &img 1.5\nservices:\n  web:\n    image: *img\n";
    expect(findUnpinned("compose", text).problems).toHaveLength(1);
  });
});
