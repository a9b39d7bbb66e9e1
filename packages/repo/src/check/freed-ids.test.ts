import { migrateDockerfile } from "@alpinize/dockerfile";
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const DIGEST = `sha256:${"a".repeat(64)}`;
const taken = (text: string) =>
  checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "alpine-id-taken")
    .map((f) => f.line);

describe("alpine-id-taken after delgroup/deluser of the base holder", () => {
  it("passes migrate's own delgroup ping before addgroup -g 999", () => {
    const { output } = migrateDockerfile(
      "FROM debian:bookworm-slim\nRUN groupadd -g 999 app && useradd -u 1000 -g app -M app\n",
      { release: "3.23" },
    );
    expect(output).toMatch(/delgroup ping && addgroup -g 999 app/);
    expect(taken(output)).toEqual([]);
  });

  it("still flags the ID when nothing freed it, or after a two-word delgroup", () => {
    const base = `FROM alpine:3.23@${DIGEST}\n`;
    expect(taken(`${base}RUN addgroup -g 999 app\n`)).toEqual([2]);
    expect(taken(`${base}RUN delgroup root ping; addgroup -g 999 app\n`)).toEqual([2]);
    expect(taken(`${base}RUN addgroup -g 999 app; delgroup ping\n`)).toEqual([2]);
    expect(taken(`${base}RUN delgroup ping && adduser -D -u 999 app\n`)).toEqual([]);
    expect(taken(`${base}RUN deluser guest && adduser -D -u 405 -G users guest2\n`)).toEqual([]);
  });
});
