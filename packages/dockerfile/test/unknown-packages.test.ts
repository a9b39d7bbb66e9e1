import { UNKNOWN_APK_FORMS } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../src/index.js";
import { migrateReading } from "./support/unknown-reading.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

/** The names migrate's result says an `apk add` keeps that the release lacks, with their line. */
function unknown(lines: readonly string[], release = "3.24"): string[] {
  const result = migrateDockerfile(`${lines.join("\n")}\n`, { release });
  return result.unknownPackages.map((p) => `${p.line}:${p.name}@${p.release}`);
}

describe("unknownPackages (what migrate --check fails on besides tools left)", () => {
  it("names the Debian names migrate kept as written, which apk cannot install", () => {
    const text =
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y msodbcsql18 libgconf-2-4 google-chrome-stable libfoo-nonexistent curl\n";
    const result = migrateDockerfile(text, { release: "3.24" });
    expect(result.changed).toBe(true);
    expect(result.unknownPackages.map((p) => p.name)).toEqual([
      "msodbcsql18",
      "libgconf-2-4",
      "google-chrome-stable",
      "libfoo-nonexistent",
    ]);
    expect(result.unknownPackages[0]).toMatchObject({ line: 2, outputLine: 2, release: "3.24" });
  });

  it("reads a file already on Alpine, which migrate leaves as it is", () => {
    const lines = [`FROM alpine:3.24@${DIGEST}`, "RUN apk add --no-cache curl libfoo-nonexistent"];
    const result = migrateDockerfile(`${lines.join("\n")}\n`, { release: "3.24" });
    expect(result.changed).toBe(false);
    expect(unknown(lines)).toEqual(["2:libfoo-nonexistent@3.24"]);
    expect(result.warnings.map((w) => w.message).join("\n")).toMatch(
      /libfoo-nonexistent is not in Alpine 3\.24 .*migrate --check fails until then/,
    );
  });

  it("passes names the static index misses on purpose, and skips what it cannot judge", () => {
    const lines = [
      `FROM alpine:3.22@${DIGEST}`,
      "RUN apk add --no-cache clang-dev llvm-dev musl-utils libc-utils aspnetcore8-runtime",
      "RUN apk add --no-cache so:libc.musl-x86_64.so.1 cmd:ps pc:zlib nosuch@edge $DEPS ./x.apk",
      "RUN apk add --no-cache -X https://mirror.example/edge/testing nosuch2",
      "RUN apk add --no-cache --virtual .b nosuch3 && apk del .b",
      `FROM alpine:3.22@${DIGEST} AS t`,
      'RUN echo "@testing https://mirror.example/testing" >> /etc/apk/repositories',
      "FROM t",
      "RUN apk add --no-cache nosuch4",
    ];
    expect(unknown(lines)).toEqual(["5:nosuch3@3.22"]);
  });

  it("judges a stage by the release its FROM names, and not one alpinize has no index for", () => {
    const lines = [
      `FROM alpine:3.21@${DIGEST}`,
      // clang19 is in 3.21 and not in 3.24: the stage's own release decides.
      "RUN apk add --no-cache clang19",
      `FROM alpine:3.12@${DIGEST}`,
      "RUN apk add --no-cache nosuch",
      `FROM python:3.13-alpine@${DIGEST}`,
      "RUN apk add --no-cache clang19",
    ];
    expect(unknown(lines)).toEqual(["6:clang19@3.24"]);
  });

  it("marks a name of a guarded call or of one the build goes on past to an apk add, which --check does not fail on", () => {
    for (const { run, names } of UNKNOWN_APK_FORMS) expect(migrateReading(run), run).toEqual(names);
  });

  it("says the fallback runs at the first call of apk add a || apk add b", () => {
    const text = `FROM alpine:3.24@${DIGEST}\nRUN apk add --no-cache libssl1.1 || apk add --no-cache libssl3\n`;
    const [use] = migrateDockerfile(text, { release: "3.24" }).unknownPackages;
    expect(use).toMatchObject({ name: "libssl1.1", fallback: true });
    expect(use?.guarded).toBeUndefined();
    const said = migrateDockerfile(text, { release: "3.24" }).warnings.map((w) => w.message);
    expect(said.join("\n")).toMatch(
      /libssl1\.1 is not in Alpine 3\.24 .*the build goes on to the fallback apk add that runs after its failure/,
    );
    expect(said.join("\n")).not.toMatch(/--check fails until then/);
  });
});
