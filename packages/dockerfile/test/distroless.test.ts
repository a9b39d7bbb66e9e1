import { readFileSync } from "node:fs";
import { corpusPath } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const CANADA = corpusPath("dfc", "canada-ca-tracker.before.Dockerfile");

/** The `from` warnings of a file, by line. */
const fromWarnings = (text: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === "from")
    .map((w) => [w.line, w.message]);

describe("a Debian distroless image has no Alpine variant: it stays, and migrate says what to use", () => {
  it("nodejs20-debian12 fed by a stage already on Alpine: node:20-alpine", () => {
    const text = [
      "FROM node:20.16-alpine3.19 AS build-env",
      "RUN npm ci && npm run build",
      "FROM gcr.io/distroless/nodejs20-debian12",
      "COPY --from=build-env /app /app",
      "USER nonroot",
      'CMD ["index.js"]',
      "",
    ].join("\n");
    const r = migrate(text);
    expect(r.changed).toBe(false);
    expect(fromWarnings(text)).toEqual([
      [
        3,
        "gcr.io/distroless/nodejs20-debian12 is a Debian 12 (glibc) image with no Alpine variant, so alpinize leaves it; for an Alpine image base this stage on node:20-alpine (and adduser -D -u 65532 nonroot if it runs as distroless's nonroot user, which Alpine images do not have)",
      ],
    ]);
  });

  it.runIf(existsSafe(CANADA))("the canada-ca tracker's final stage (corpus)", () => {
    const text = readFileSync(CANADA, "utf8");
    const [warning] = fromWarnings(text);
    expect(warning?.[1]).toMatch(/nodejs20-debian12 .* base this stage on node:20-alpine/);
  });

  it("each runtime gets its Alpine image, the others plain Alpine; an ARG default is read too", () => {
    const instead = (image: string) =>
      /base this stage on (\S+)/.exec(String(fromWarnings(`FROM ${image}\n`)[0]?.[1]))?.[1];
    expect(instead("gcr.io/distroless/nodejs22-debian12:nonroot")).toBe("node:22-alpine");
    expect(instead("gcr.io/distroless/python3-debian12")).toBe("python:3.11-alpine");
    expect(instead("gcr.io/distroless/python3-debian13")).toBe("python:3.13-alpine");
    expect(instead("gcr.io/distroless/java17-debian12:latest")).toBe(
      "eclipse-temurin:17-jre-alpine",
    );
    expect(instead("gcr.io/distroless/cc-debian12")).toBe("alpine:3.23");
    expect(instead("gcr.io/distroless/base-nossl-debian12")).toBe("alpine:3.23");
    const viaArg = fromWarnings("ARG BASE=gcr.io/distroless/nodejs22-debian12\nFROM $BASE\n");
    expect(viaArg).toEqual([[1, expect.stringContaining("node:22-alpine")]]);
  });

  it("static has no C library and needs nothing from Alpine: still nothing to say", () => {
    expect(fromWarnings("FROM gcr.io/distroless/static-debian12:nonroot\n")).toEqual([]);
  });
});

function existsSafe(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}
