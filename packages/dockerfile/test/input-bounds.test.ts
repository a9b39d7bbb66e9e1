import { describe, expect, it } from "vitest";
import { MAX_DOCKERFILE_BYTES, migrateDockerfile } from "../src/index.js";
import { SpanCover } from "../src/rules/span-cover.js";
import { packageMap } from "./helpers.js";

// Not the `migrate` helper: it runs each RUN through sh, whose argument list these exceed.
const migrate = (text: string) =>
  migrateDockerfile(text, { packageMap: packageMap("3.23"), release: "3.23" });

describe("RUN lines larger than the call stack", () => {
  it("migrates an apt-get install continued over 200,000 lines", () => {
    // Spreading one Word per package into push() overflowed the stack (exit 70).
    const text = `FROM debian:12\nRUN apt-get install -y \\\n${"curl \\\n".repeat(200_000)}\n`;
    // The repeated name is installed once, as with 20 lines.
    expect(migrate(text).output).toBe("FROM alpine:3.23\nRUN apk add --no-cache \\\ncurl \\\n\n");
  });

  it("migrates 200,000 continued `RUN echo a \\` lines", () => {
    const text = `FROM debian:12\n${"RUN echo a \\\n".repeat(200_000)}\n`;
    expect(migrate(text).output.startsWith("FROM alpine:3.23\nRUN echo a \\\n")).toBe(true);
  });
});

describe("an input at the size limit", () => {
  it("migrates when the output grows past the limit (the input is not blamed for it)", () => {
    const head = "FROM debian:12\n# ";
    const tail = '\nRUN echo "\\t"\n';
    const pad = "x".repeat(MAX_DOCKERFILE_BYTES - head.length - tail.length);
    const text = `${head}${pad}${tail}`;
    expect(text.length).toBe(MAX_DOCKERFILE_BYTES);
    const result = migrate(text);
    expect(result.output.length).toBeGreaterThan(MAX_DOCKERFILE_BYTES);
    expect(result.output.endsWith('\nRUN echo -e "\\t"\n')).toBe(true);
  });
});

describe("SpanCover", () => {
  const cover = new SpanCover([
    [
      { start: 10, end: 20 },
      { start: 0, end: 5 },
    ],
    [{ start: 12, end: 14 }],
  ]);

  it("finds a span holding the range, even behind a later, shorter one", () => {
    expect(cover.covers(12, 20)).toBe(true);
    expect(cover.covers(15, 18)).toBe(true);
    expect(cover.covers(0, 5)).toBe(true);
  });

  it("does not cover ranges that stick out of every span", () => {
    expect(cover.covers(4, 6)).toBe(false);
    expect(cover.covers(9, 12)).toBe(false);
    expect(cover.covers(19, 21)).toBe(false);
    expect(new SpanCover([]).covers(0, 0)).toBe(false);
  });
});
