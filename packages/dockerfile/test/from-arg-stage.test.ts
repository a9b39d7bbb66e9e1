// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../src/parse/dockerfile.js";
import { analyzeStages } from "../src/stages.js";
import { migrate } from "./helpers.js";

const parents = (text: string) =>
  analyzeStages(parseDockerfile(text)).stages.map((s) => s.parent?.index);

describe("a FROM whose global ARG defaults name an earlier stage", () => {
  const text =
    "ARG APP_ENV=production\nFROM debian:bookworm-slim AS build-production\nRUN apt-get update && apt-get install -y curl\nFROM build-${APP_ENV}\nRUN apt-get update && apt-get install -y jq\n";

  it("builds on that stage, as BuildKit reads it", () => {
    expect(parents(text)).toEqual([undefined, 0]);
  });

  it("inherits the stage's move to Alpine, with no warning that the variable cannot be resolved", () => {
    const r = migrate(text);
    expect(r.output).toBe(
      "ARG APP_ENV=production\nFROM alpine:3.23 AS build-production\nRUN apk add --no-cache curl\nFROM build-${APP_ENV}\nRUN apk add --no-cache jq\n",
    );
    expect(r.warnings.map((w) => w.message).join("\n")).not.toMatch(/cannot resolve/);
  });

  it("follows ${X}, ${X:-word} and any case of the stage name", () => {
    const stage = "FROM debian:bookworm AS Build-Prod\n";
    expect(parents(`ARG S=build-prod\n${stage}FROM \${S}\n`)).toEqual([undefined, 0]);
    expect(parents(`${stage}FROM build-\${E:-PROD}\n`)).toEqual([undefined, 0]);
    expect(parents(`ARG E\n${stage}FROM build-$E\n`)).toEqual([undefined, undefined]);
  });

  it("keeps a default that names no earlier stage an image", () => {
    expect(parents("ARG S=later\nFROM ${S}\nFROM debian:bookworm AS later\n")).toEqual([
      undefined,
      undefined,
    ]);
    const r = migrate(
      "ARG SUITE=bookworm-slim\nFROM debian:bookworm AS build\nFROM debian:${SUITE}\nRUN apt-get update && apt-get install -y curl\n",
    );
    expect(r.output).toContain("FROM alpine:3.23\nRUN apk add --no-cache curl\n");
  });

  it("follows a default built from earlier ARGs (ARG STAGE=build-${ENV}), as BuildKit expands it", () => {
    const nested =
      "ARG ENV=production\nARG STAGE=build-${ENV}\nFROM debian:12 AS build-production\nRUN apt-get update && apt-get install -y curl\nFROM ${STAGE}\nRUN apt-get install -y wget\n";
    expect(parents(nested)).toEqual([undefined, 0]);
    const r = migrate(nested);
    expect(r.output).toBe(
      "ARG ENV=production\nARG STAGE=build-${ENV}\nFROM alpine:3.23 AS build-production\nRUN apk add --no-cache curl\nFROM ${STAGE}\nRUN apk add --no-cache wget\n",
    );
    // The value at the ARG's own line: a later ARG ENV changes FROM $ENV, not STAGE.
    expect(
      parents(
        `ARG ENV=a\nARG STAGE=build-\${ENV}\nARG ENV=b\nFROM debian:12 AS build-a\nFROM \${STAGE}\n`,
      ),
    ).toEqual([undefined, 0]);
  });
});
