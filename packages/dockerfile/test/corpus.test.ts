// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isAlpinizeError } from "@alpinize/errors";
import { corpusSkipReason, sharedCorpusDir } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { migrateDockerfile, parseDockerfile } from "../src/index.js";
import { assertRunsParse, migrate, packageMap } from "./helpers.js";

const corpus = sharedCorpusDir();
const skipped = corpusSkipReason(corpus);
const have = skipped === undefined;
if (!have) console.warn(`corpus tests skipped: ${skipped}`);

/** Lines of `before` outside every edit span come through unchanged and in order. */
function assertMinimal(
  before: string,
  output: string,
  edits: { start: number; end: number }[],
): void {
  const touched = new Set<number>();
  const starts = [0];
  for (let i = 0; i < before.length; i++) if (before[i] === "\n") starts.push(i + 1);
  const lineOf = (o: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const e of edits)
    for (let l = lineOf(e.start); l <= lineOf(Math.max(e.start, e.end - 1)); l++) touched.add(l);
  const lines = before.split("\n");
  let at = 0;
  const out = output.split("\n");
  lines.forEach((line, k) => {
    if (touched.has(k)) return;
    const found = out.indexOf(line, at);
    expect(found, `untouched line ${k + 1} missing: ${line}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  });
}

describe.skipIf(!have)("Charon (debian-trixie.Dockerfile)", () => {
  const text = have ? readFileSync(join(corpus, "charon", "debian-trixie.Dockerfile"), "utf8") : "";
  const r = have ? migrate(text, { release: "3.23" }) : undefined;
  const out = r?.output ?? "";
  const stages = () => out.split("\n").filter((l) => /^FROM /.test(l));

  it("puts all eight stages on Alpine", () => {
    expect(stages()).toEqual([
      "FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.9.0 AS xx",
      "FROM --platform=$BUILDPLATFORM golang:1.25-alpine AS gosu-builder",
      "FROM --platform=$BUILDPLATFORM node:24.13.0-alpine AS frontend-builder",
      "FROM --platform=$BUILDPLATFORM golang:1.25-alpine AS backend-builder",
      "FROM --platform=$BUILDPLATFORM golang:1.25-alpine AS caddy-builder",
      "FROM --platform=$BUILDPLATFORM golang:1.25.6-alpine AS crowdsec-builder",
      "FROM alpine:3.23 AS crowdsec-fallback",
      "FROM ${CADDY_IMAGE}",
    ]);
    expect(out).toContain("ARG CADDY_IMAGE=alpine:3.23\n");
    expect(out).toContain("# renovate: datasource=docker depName=alpine\nARG CADDY_IMAGE");
  });

  it("installs the expected apk and xx-apk package sets", () => {
    const adds = [...out.matchAll(/RUN (xx-apk|apk) add --no-cache((?: \\\n)?[^\n]*)/g)].map(
      (m) => [m[1], m[2]!.replace("\\\n", "").trim().split(/\s+/)],
    );
    const clang = expect.stringMatching(/^clang\d*$/);
    const lld = expect.stringMatching(/^lld\d*$/);
    expect(adds).toEqual([
      ["apk", ["git", clang, lld]],
      ["xx-apk", ["gcc", "musl-dev"]],
      ["apk", [clang, lld]],
      ["xx-apk", ["gcc", "musl-dev", "sqlite-dev"]],
      ["apk", ["git"]],
      ["apk", ["git", clang, lld]],
      ["xx-apk", ["gcc", "musl-dev"]],
      ["apk", ["curl", "ca-certificates", "tar"]],
      ["apk", expect.any(Array)],
    ]);
    const runtime = adds[8]![1] as string[];
    for (const p of [
      "bash",
      "ca-certificates",
      "sqlite-libs",
      "sqlite",
      "tzdata",
      "curl",
      "c-ares",
      "binutils",
    ]) {
      expect(runtime).toContain(p);
    }
    expect(runtime.some((p) => /^gettext/.test(p))).toBe(true);
    expect(runtime.some((p) => /^libcap/.test(p))).toBe(true);
    expect(out).toContain("&& apk upgrade --no-cache");
  });

  it("creates the user with busybox tools and /sbin/nologin, and adds GODEBUG", () => {
    expect(out).toContain(
      "RUN addgroup -g 1000 charon && \\\n    adduser -D -u 1000 -G charon -h /app -s /sbin/nologin -H charon\n",
    );
    expect(out).toContain("FROM ${CADDY_IMAGE}\nENV GODEBUG=netdns=go\n");
    const code = out
      .split("\n")
      .filter((l) => !/^\s*#/.test(l))
      .join("\n");
    expect(code).not.toMatch(/apt-get|xx-apt|groupadd|useradd|\/var\/lib\/apt/);
  });

  it("is minimal and stable: untouched lines survive and a second run changes nothing", () => {
    assertMinimal(text, out, r!.edits);
    const again = migrateDockerfile(out, { release: "3.23", packageMap: packageMap("3.23") });
    expect(again.changed).toBe(false);
  });
});

describe.skipIf(!have)("dfc inputs", () => {
  const dir = join(corpus, "dfc");
  const files = have ? readdirSync(dir).filter((f) => f.endsWith(".before.Dockerfile")) : [];
  it.each(files)("%s converts or fails with a clear exit-2 error", (file) => {
    const text = readFileSync(join(dir, file), "utf8");
    let output: string;
    try {
      const r = migrate(text, { fileName: file });
      output = r.output;
      assertMinimal(text, r.output, r.edits);
      for (const w of r.warnings) expect(w.line).toBeGreaterThan(0);
    } catch (err) {
      expect(isAlpinizeError(err) && err.exitCode === 2, String(err)).toBe(true);
      expect((err as Error).message).toMatch(new RegExp(`^${file}:\\d+: `));
      return;
    }
    expect(() => parseDockerfile(output)).not.toThrow();
  });
});

describe.skipIf(!have)("expert pairs (Debian side)", () => {
  const dir = join(corpus, "pairs");
  const pairs = have
    ? readdirSync(dir).filter((d) => existsSync(join(dir, d, "debian.Dockerfile")))
    : [];
  it.each(pairs)(
    "%s: idempotent, minimal, every RUN still parses, final stage on Alpine",
    (pair) => {
      const text = readFileSync(join(dir, pair, "debian.Dockerfile"), "utf8");
      const r = migrate(text, { fileName: `${pair}/debian.Dockerfile` });
      assertMinimal(text, r.output, r.edits);
      assertRunsParse(r.output);
      expect(r.output).not.toMatch(/^\s*(?:&&\s*)?apt-get (?:install|update)/m);
    },
  );
});

describe.skipIf(!have)("expert pairs that download gosu", () => {
  const dir = join(corpus, "pairs");
  const pairs = have
    ? readdirSync(dir).filter((d) => {
        const f = join(dir, d, "debian.Dockerfile");
        return existsSync(f) && /tianon\/gosu\/releases\/download/.test(readFileSync(f, "utf8"));
      })
    : [];

  it("finds the docker-library gosu step in several pairs", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(3);
  });

  it.each(pairs)("%s: kept and flagged by default, su-exec on request", (pair) => {
    const text = readFileSync(join(dir, pair, "debian.Dockerfile"), "utf8");
    const kept = migrate(text);
    expect(kept.output).toMatch(/wget -O \/usr\/local\/bin\/gosu /);
    expect(kept.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/^gosu release download kept/),
    );
    const swapped = migrate(text, { gosuDownload: "su-exec" });
    assertMinimal(text, swapped.output, swapped.edits);
    expect(swapped.output).toMatch(/^RUN apk add --no-cache su-exec$/m);
    expect(swapped.output).not.toMatch(/\/usr\/local\/bin\/gosu\b|\bgosu nobody/);
  });
});
