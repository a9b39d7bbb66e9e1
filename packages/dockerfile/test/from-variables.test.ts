// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { expandReference } from "../src/global-args.js";
import { parseDockerfile } from "../src/parse/dockerfile.js";
import { resolveReference } from "../src/rules/from-resolve.js";
import { segmentEdits } from "../src/rules/from-segments.js";
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

  it("leaves an ARG a RUN reads too, with the stages' bases and their apt lines, and says why", () => {
    const text = `ARG IMG=debian\nFROM \${IMG}:bookworm\n${CURL}FROM \${IMG}:bookworm AS two\nARG IMG\nRUN echo "$IMG"\n${CURL}`;
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(fromWarnings(r)[0]).toBe(
      "${IMG}:bookworm resolves to debian:bookworm, a Debian-family image, and alpinize cannot rewrite it in place: change the base to alpine:3.23 by hand; until then the stage stays on debian:bookworm, so its RUN lines are left for Debian (apk on a Debian base cannot build)",
    );
  });

  it("leaves a second run alone", () => {
    const once = migrate(`FROM \${IMG:-debian}:bookworm\n${CURL}`).output;
    const twice = migrate(once);
    expect(twice.output).toBe(once);
    expect(twice.warnings).toEqual([]);
  });
});

const SHARED = `ARG IMG=debian
FROM \${IMG}:bookworm AS build
RUN apt-get update && apt-get install -y curl
FROM \${IMG}:bookworm-slim
COPY --from=build /etc/hostname /x
RUN apt-get update && apt-get install -y ca-certificates
`;

describe("an image ARG that several FROM lines read", () => {
  it("gets its default rewritten once when every FROM reading it moves to the same image", () => {
    const r = migrate(SHARED);
    expect(r.output).toBe(`ARG IMG=alpine
FROM \${IMG}:3.23 AS build
RUN apk add --no-cache curl
FROM \${IMG}:3.23
COPY --from=build /etc/hostname /x
RUN apk add --no-cache ca-certificates
`);
    expect(fromWarnings(r)).toEqual([
      "${IMG}:bookworm builds on debian:bookworm when no --build-arg sets it; it now reads ${IMG}:3.23 (ARG IMG now defaults to alpine, for all 2 FROM lines that read it): a build passing --build-arg IMG=… gets that image with these Alpine tags, which must be Alpine-based too",
      "${IMG}:bookworm-slim builds on debian:bookworm-slim when no --build-arg sets it; it now reads ${IMG}:3.23 (ARG IMG now defaults to alpine, for all 2 FROM lines that read it): a build passing --build-arg IMG=… gets that image with these Alpine tags, which must be Alpine-based too",
    ]);
    const again = migrate(r.output);
    expect(again.output).toBe(r.output);
    expect(again.warnings).toEqual([]);
  });

  it("follows --alpine, and a ${IMG:-word} FROM reading the same ARG", () => {
    const text = SHARED.replace("${IMG}:bookworm AS", "${IMG:-ubuntu}:bookworm AS");
    const r = migrate(text, { release: "3.21" });
    expect(r.output.split("\n").filter((l) => /^(?:FROM|ARG)/.test(l))).toEqual([
      "ARG IMG=alpine",
      "FROM ${IMG:-ubuntu}:3.21 AS build",
      "FROM ${IMG}:3.21",
    ]);
  });

  it("leaves every stage that reads it, apt lines included, when an ENV or LABEL reads it too", () => {
    for (const extra of ['ENV BASE="$IMG"', "LABEL base=${IMG}", "ARG IMG"]) {
      const text = `${SHARED}${extra}\n`;
      const r = migrate(text);
      expect(r.output).toBe(text);
      expect(fromWarnings(r)).toHaveLength(2);
    }
  });

  it("leaves it when a FROM reading it needs another image, and that stage's apt lines too", () => {
    const text = `ARG IMG=ubuntu\nFROM \${IMG}:24.04 AS build\n${CURL}FROM \${IMG}/squid:latest\n${CURL}`;
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(fromWarnings(r)[0]).toMatch(
      /^\$\{IMG\}:24\.04 resolves to ubuntu:24\.04, .* change the base to alpine:3\.23 by hand; until then the stage stays on ubuntu:24\.04, so its RUN lines are left for Debian/,
    );
  });

  it("writes out a FROM ${IMG} beside FROM ${IMG}:bookworm, so the default can hold the name alone", () => {
    const r = migrate(
      `ARG IMG=debian\nFROM \${IMG}:bookworm AS build\n${CURL}FROM \${IMG}\n${CURL}`,
    );
    expect(r.output).toBe(
      `ARG IMG=alpine\nFROM \${IMG}:3.23 AS build\nRUN apk add --no-cache curl\nFROM alpine:3.23\nRUN apk add --no-cache curl\n`,
    );
    expect(fromWarnings(r)[1]).toBe(
      "${IMG}: ARG IMG is read by another FROM as a part of its image, so it cannot hold this stage's whole image; the base is now alpine:3.23, no longer taken from ARG IMG",
    );
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

describe("expandReference", () => {
  const args = (text: string) =>
    analyzeStages(parseDockerfile(`${text}\nFROM scratch\n`)).globalArgs;

  it("expands defaults that use earlier ARGs, each as it stands at its own line", () => {
    const a = args("ARG V=12\nARG BASE=debian:${V}-slim\nARG V=13");
    expect(expandReference("${BASE}", a)).toEqual({ text: "debian:12-slim", unresolved: [] });
    expect(expandReference("debian:${V}", a)).toEqual({ text: "debian:13", unresolved: [] });
    // Where the spans are needed (to rewrite), a default built from variables has none.
    expect(resolveReference("${BASE}", 0, a)).toBeUndefined();
  });

  it("reads every form, and keeps and lists what has no value", () => {
    const a = args("ARG EMPTY=\nARG REG_BASE=${REG}/alpine:3.23");
    expect(expandReference("${X:-debian}:${T-12}${EMPTY:+-x}${EMPTY+-slim}", a).text).toBe(
      "debian:12-slim",
    );
    expect(expandReference("${REG_BASE}", a)).toEqual({
      text: "${REG}/alpine:3.23",
      unresolved: ["REG"],
    });
    expect(expandReference("alpine:$EMPTY", a)).toEqual({
      text: "alpine:$EMPTY",
      unresolved: ["EMPTY"],
    });
  });

  it("stops an ARG chain that doubles at each line at a bounded size", () => {
    const lines = ["ARG A0=x"];
    for (let i = 1; i <= 40; i++) lines.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
    const r = expandReference("${A40}", args(lines.join("\n")));
    expect(r.text.length).toBeLessThan(20_000);
    // An ARG expanded past the bound counts as unresolved (it is kept as `${An}`).
    expect(r.unresolved).toEqual([expect.stringMatching(/^A\d+$/)]);
    expect(r.text).toMatch(/^(?:\$\{A\d+\})+$/);
    // A FROM repeating a long default is not expanded past the bound either.
    const long = args(`ARG A=${"x".repeat(8000)}`);
    const many = expandReference("$A".repeat(10_000), long);
    expect([many.text.length, many.unresolved]).toEqual([20_000, ["A"]]);
    // Thousands of such defaults are kept to a total bound: the later ones count as unresolved.
    const wide = [`ARG A=${"x".repeat(8000)}`];
    for (let i = 0; i < 2000; i++) wide.push(`ARG B${i}=$A`);
    const b = args(wide.join("\n"));
    expect(expandReference("$B0", b).text).toHaveLength(8000);
    expect(expandReference("$B1999", b)).toEqual({ text: "${B1999}", unresolved: ["B1999"] });
  });
});
