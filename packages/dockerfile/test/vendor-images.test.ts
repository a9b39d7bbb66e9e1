import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const RUN = "RUN apt-get update && apt-get install -y --no-install-recommends curl\n";
const fromWarnings = (text: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === "from")
    .map((w) => w.message);

describe("vendor images with Alpine tags of their own (VENDOR_TAGS)", () => {
  it.each([
    ["oven/bun:1.1-debian", "oven/bun:1.1-alpine"],
    ["oven/bun:1.1-slim", "oven/bun:1.1-alpine"],
    ["oven/bun:1", "oven/bun:1-alpine"],
    ["oven/bun:debian", "oven/bun:alpine"],
    ["oven/bun", "oven/bun:alpine"],
    ["docker.io/oven/bun:1.1.38-slim", "docker.io/oven/bun:1.1.38-alpine"],
    ["denoland/deno:debian-2.1.4", "denoland/deno:alpine-2.1.4"],
    ["denoland/deno:ubuntu-2.1.4", "denoland/deno:alpine-2.1.4"],
    ["denoland/deno:2.1.4", "denoland/deno:alpine-2.1.4"],
    ["denoland/deno:latest", "denoland/deno:alpine"],
    ["denoland/deno:debian", "denoland/deno:alpine"],
  ])("%s -> %s, RUN lines converted", (written, after) => {
    const text = `FROM ${written}\n${RUN}`;
    const result = migrate(text);
    expect(result.output.split("\n")[0]).toBe(`FROM ${after}`);
    expect(result.output).toContain("RUN apk add --no-cache curl");
    expect(fromWarnings(text).join("\n")).not.toMatch(/no Alpine variant/);
  });

  it.each([
    "oven/bun:1.1-alpine",
    "denoland/deno:alpine-2.1.4",
    "denoland/deno:alpine",
    "denoland/deno:bin-2.1.4",
  ])("%s is left as is, without a warning", (written) => {
    const text = `FROM ${written}\nRUN echo hi\n`;
    expect(migrate(text).output).toBe(text);
    expect(fromWarnings(text)).toEqual([]);
  });

  it.each(["oven/bun:1.1-distroless", "denoland/deno:distroless-2.1.4"])(
    "%s (distroless) is left with the reason, not 'no Alpine variant is known'",
    (written) => {
      const text = `FROM ${written}\n`;
      expect(migrate(text).output).toBe(text);
      const said = fromWarnings(text).join("\n");
      expect(said).toMatch(/distroless \(glibc\) build/);
      expect(said).not.toMatch(/no Alpine variant is known/);
    },
  );

  it("another vendor's image still warns as before", () => {
    expect(fromWarnings("FROM example/tool:1.0-debian\n").join("\n")).toMatch(
      /no Alpine variant is known for example\/tool/,
    );
  });
});
