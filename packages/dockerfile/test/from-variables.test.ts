// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../src/parse/dockerfile.js";
import { resolveReference, segmentEdits } from "../src/rules/from-resolve.js";
import { analyzeStages } from "../src/stages.js";
import { migrate } from "./helpers.js";

const CURL = "RUN apt-get update && apt-get install -y curl\n";
const fromWarnings = (r: { warnings: { rule: string; message: string }[] }) =>
  r.warnings.filter((w) => w.rule === "from").map((w) => w.message);

describe("a FROM whose image is a ${VAR:-default}, read as BuildKit reads it", () => {
  it("moves ${IMG:-debian}:bookworm with no ARG IMG to ${IMG:-alpine}, and says what --build-arg does", () => {
    const r = migrate(`FROM \${IMG:-debian}:bookworm\n${CURL}`);
    expect(r.output).toBe("FROM ${IMG:-alpine}:3.23\nRUN apk add --no-cache curl\n");
    expect(fromWarnings(r)).toEqual([
      "${IMG:-debian}:bookworm builds on debian:bookworm when no --build-arg sets it; it now reads ${IMG:-alpine}:3.23: a build passing --build-arg IMG=… gets that image instead, which must be Alpine-based too",
    ]);
    expect(r.images).toEqual([
      expect.objectContaining({ before: "${IMG:-debian}:bookworm", after: "${IMG:-alpine}:3.23" }),
    ]);
  });

  it("treats an ARG with no default as unset, and ${IMG-word} as BuildKit does", () => {
    const r = migrate(`ARG IMG\nFROM \${IMG-python}:3.12-slim\n${CURL}`);
    expect(r.output).toContain("FROM ${IMG-python}:3.12-alpine\nRUN apk add --no-cache curl\n");
    const whole = migrate(`FROM \${IMG:-ubuntu}\n${CURL}`);
    expect(whole.output).toContain("FROM ${IMG:-alpine:3.23}\n");
  });

  it("rewrites the ARG default the FROM alone reads (the last declaration)", () => {
    const r = migrate(`ARG IMG=ubuntu\nARG IMG=debian\nFROM \${IMG:-x}:bookworm\n${CURL}`);
    expect(r.output).toBe(
      "ARG IMG=ubuntu\nARG IMG=alpine\nFROM ${IMG:-x}:3.23\nRUN apk add --no-cache curl\n",
    );
    expect(fromWarnings(r)[0]).toContain("(ARG IMG now defaults to alpine)");
  });

  it("leaves an ARG other FROM lines read, says the base must change by hand, converts the RUNs", () => {
    const text = `ARG IMG=debian\nFROM \${IMG}:bookworm\n${CURL}FROM \${IMG}:bookworm AS two\n`;
    const r = migrate(text);
    expect(r.output.split("\n").filter((l) => l.startsWith("FROM"))).toEqual([
      "FROM ${IMG}:bookworm",
      "FROM ${IMG}:bookworm AS two",
    ]);
    expect(r.output).toContain("RUN apk add --no-cache curl\n");
    expect(fromWarnings(r)[0]).toBe(
      "${IMG}:bookworm resolves to debian:bookworm, a Debian-family image, and alpinize cannot rewrite it in place: change the base to alpine:3.23 by hand (the RUN lines are converted for Alpine)",
    );
  });

  it("leaves a second run alone", () => {
    const once = migrate(`FROM \${IMG:-debian}:bookworm\n${CURL}`).output;
    const twice = migrate(once);
    expect(twice.output).toBe(once);
    expect(twice.warnings).toEqual([]);
  });
});

describe("resolveReference and segmentEdits", () => {
  const args = (text: string) =>
    analyzeStages(parseDockerfile(`${text}\nFROM scratch\n`)).globalArgs;

  it("gives no answer for an unset variable or an alternate value", () => {
    expect(resolveReference("${IMG}:12", 0, [])).toBeUndefined();
    expect(resolveReference("${IMG:+debian}:12", 0, [])).toBeUndefined();
  });

  it("an empty ARG counts for ${X-w} but not for ${X:-w}", () => {
    const empty = args("ARG IMG=");
    expect(resolveReference("${IMG-debian}:12", 0, empty)?.text).toBe(":12");
    expect(resolveReference("${IMG:-debian}:12", 0, empty)?.text).toBe("debian:12");
  });

  it("edits inside one piece, and refuses a change that straddles two", () => {
    const r = resolveReference("${A:-deb}${B:-ian}:12", 0, [])!;
    expect(segmentEdits(r, "alpine:3.23")).toBeUndefined();
    const one = resolveReference("${A:-debian}:12", 0, [])!;
    expect(segmentEdits(one, "alpine:3.23")?.map((e) => [e.start, e.end, e.text])).toEqual([
      [5, 11, "alpine"],
      [13, 15, "3.23"],
    ]);
  });
});
