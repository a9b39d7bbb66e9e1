import { describe, expect, it } from "vitest";
import { detectFileKind, locateImageReferences } from "./locate.js";
import { findUnpinned } from "./pin-text.js";

const spans = (kind: Parameters<typeof locateImageReferences>[0], text: string) =>
  locateImageReferences(kind, text).map((r) => {
    if (r.skip !== undefined) return [r.line, r.where, r.reference, r.skip];
    expect(text.slice(r.start, r.end)).toBe(r.reference);
    return [r.line, r.where, r.reference];
  });
const skipOf = (reason: string) => expect.stringContaining(reason);

describe("locateImageReferences", () => {
  it("lists Dockerfile images that hold variables, so that they are skipped with a warning", () => {
    const text = [
      "ARG TAG=3.23",
      "ARG BASE=alpine:3.23",
      "ARG OTHER",
      `FROM reg.lan/alpine:\${TAG} AS a`,
      `FROM \${BASE}`,
      `FROM \${BASE}`,
      "FROM $OTHER",
      "FROM a",
      "",
    ].join("\n");
    expect(spans("dockerfile", text)).toEqual([
      [2, "ARG BASE", "alpine:3.23"],
      [4, "FROM", `reg.lan/alpine:\${TAG}`],
      [7, "FROM", "$OTHER", skipOf("no ARG before the first FROM gives OTHER a default")],
    ]);
    // Before, --check passed such a file: nothing unpinned, nothing skipped.
    const found = findUnpinned("dockerfile", text);
    expect(found.skipped.map((s) => s.line)).toEqual([4, 7]);
    expect(found.unpinned.map((u) => u.line)).toEqual([2]);
  });

  it("takes a plain YAML null for no image, not an image named null", () => {
    const text =
      "services:\n  a:\n    image: null\n  b:\n    image: ~ # none\n  c:\n    image: NULL\n";
    expect(spans("compose", text)).toEqual([]);
  });

  it("finds compose services' images, quoted or not, and nothing else", () => {
    const text = [
      "# image: commented:out",
      "services:",
      "  web:",
      '    image: "nginx:1.27"  # front',
      "    command: |",
      "      image: not-a-key:1",
      "    environment:",
      "      image: also-not",
      "  db:",
      "    image: postgres:17",
      "  job:",
      "    build: .",
      `    image: \${REGISTRY}/job:1`,
      "x-other:",
      "  image: ignored:1",
      "",
    ].join("\n");
    expect(spans("compose", text)).toEqual([
      [4, "services.web.image", "nginx:1.27"],
      [10, "services.db.image", "postgres:17"],
      // A service with build: names the image compose builds: never pinned.
      [13, "services.job.image", `\${REGISTRY}/job:1`, skipOf("also has build:")],
    ]);
  });

  it("finds workflow containers, services and docker:// steps", () => {
    const text = [
      "on: push",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    container: node:22-alpine",
      "    services:",
      "      redis:",
      "        image: 'redis:7'",
      "        ports: ['6379:6379']",
      "    steps:",
      "      - uses: actions/checkout@v4",
      "      - name: lint",
      "        uses: docker://alpine:3.23",
      "      - run: |",
      "          container: nope:1",
      "  build:",
      "    container:",
      "      image: ghcr.io/o/builder:2",
      "      options: --cpus 1",
      "",
    ].join("\r\n");
    expect(spans("workflow", text)).toEqual([
      [5, "jobs.test.container", "node:22-alpine"],
      [8, "jobs.test.services.redis.image", "redis:7"],
      [13, "jobs.test.steps.uses", "alpine:3.23"],
      [18, "jobs.build.container.image", "ghcr.io/o/builder:2"],
    ]);
  });

  it("uses the Dockerfile parser for FROM and ARG defaults", () => {
    const text = `ARG BASE_IMAGE=debian:trixie\nFROM \${BASE_IMAGE} AS base\nFROM base\nFROM golang:1.25 AS build\n`;
    expect(spans("dockerfile", text)).toEqual([
      [1, "ARG BASE_IMAGE", "debian:trixie"],
      [4, "FROM", "golang:1.25"],
    ]);
  });
});

describe("compose forms a line reader must not pass over", () => {
  it("reads flow mappings, quoted keys, next-line values and anchored scalars in place", () => {
    const text = [
      "services:",
      "  d: { image: reg.lan/app:1.0, ports: ['80:80'] }",
      '  m: {"image": "reg.lan/m:1", build: {context: .}}',
      "  q:",
      '    "image": reg.lan/q:1',
      "  r:",
      "    'im''age': not-an-image",
      '    "im\\x61ge": reg.lan/escaped-key:1',
      "  o:",
      "    image:",
      "      reg.lan/next-line:1",
      "  k:",
      "    image: &img reg.lan/anchored:1 # note",
      "",
    ].join("\n");
    expect(spans("compose", text)).toEqual([
      [2, "services.d.image", "reg.lan/app:1.0"],
      [3, "services.m.image", "reg.lan/m:1", skipOf("also has build:")],
      [5, "services.q.image", "reg.lan/q:1"],
      [8, "services.r.image", "reg.lan/escaped-key:1"],
      [11, "services.o.image", "reg.lan/next-line:1"],
      [13, "services.k.image", "reg.lan/anchored:1"],
    ]);
  });

  it("reports every image it cannot rewrite as skipped, with the reason and line", () => {
    const text = [
      "x-base: &base",
      "  image: reg.lan/app:1.0",
      "services:",
      "  a:",
      "    <<: *base",
      "  e:",
      "    image: >-",
      "      reg.lan/app:1.0",
      "  h:",
      '    image: "reg.lan/app:1.0\\n::error::pwned"',
      "  l:",
      "    image: *img",
      "  n:",
      "    image: !!str reg.lan/app:1.0",
      "  s:",
      "    image: reg.lan/app",
      "      :1.0",
      "  t: {",
      "    image: reg.lan/app:1.0 }",
      "  u: *svc",
      "  w:",
      "    image: 'it''s'",
      "",
    ].join("\n");
    expect(spans("compose", text)).toEqual([
      // A merged image is read at its anchor (pinned there), not skipped.
      [5, "services.a.image", "reg.lan/app:1.0"],
      [7, "services.e.image", ">-", skipOf("a block scalar (>-)")],
      [10, "services.h.image", '"reg.lan/app:1.0\\n::error::pwned"', skipOf("escapes")],
      [12, "services.l.image", "*img", skipOf("a YAML alias (*img)")],
      [14, "services.n.image", "!!str reg.lan/app:1.0", skipOf("a tagged value")],
      [16, "services.s.image", "reg.lan/app", skipOf("over several lines")],
      [18, "services.t", "{", skipOf("a flow collection over several lines")],
      [20, "services.u", "*svc", skipOf("a YAML alias")],
      [22, "services.w.image", "'it''s'", skipOf("''")],
    ]);
    const found = findUnpinned("compose", text);
    expect(found.unpinned.map((u) => [u.line, u.anchor])).toEqual([[5, { name: "base", line: 2 }]]);
    expect(found.skipped.map((s) => s.line)).toEqual([7, 10, 12, 14, 16, 18, 20, 22]);
  });

  it("follows merge keys: an anchor's image is read there only where the service sets none", () => {
    const text = [
      "x-log: &log",
      "  restart: always",
      "x-img: &img",
      "  image: reg.lan/app:1.0",
      "x-build: &built",
      "  build: .",
      "services:",
      "  plain:",
      "    <<: *log",
      "    image: reg.lan/plain:1",
      "  own:",
      "    <<: [*img, *log]",
      "    image: reg.lan/own:1",
      "  merged:",
      "    <<: [*log, *img]",
      "  builds:",
      "    <<: *built",
      "    image: myapp:local",
      "  later:",
      "    <<: *defined-below",
      "",
    ].join("\n");
    expect(spans("compose", text)).toEqual([
      [10, "services.plain.image", "reg.lan/plain:1"],
      [13, "services.own.image", "reg.lan/own:1"],
      [15, "services.merged.image", "reg.lan/app:1.0"],
      [18, "services.builds.image", "myapp:local", skipOf("also has build:")],
      [20, "services.later.<<", "*defined-below", skipOf("an anchor pin cannot follow")],
    ]);
  });

  it("skips the image of a service that builds, however the build is written", () => {
    const text = [
      "services:",
      "  app:",
      "    build:",
      "      context: .",
      "    image: reg.lan/team/app:1.0",
      "  local:",
      "    image: myapp:local",
      "    build: .",
      "  pulled:",
      "    image: reg.lan/db:1",
      "",
    ].join("\n");
    const found = findUnpinned("compose", text);
    expect(found.unpinned.map((u) => u.where)).toEqual(["services.pulled.image"]);
    expect(found.skipped.map((s) => [s.line, s.reference, s.built])).toEqual([
      [5, "reg.lan/team/app:1.0", true],
      [7, "myapp:local", true],
    ]);
  });

  it("reads workflow steps and containers written as flow mappings, and skips what it cannot", () => {
    const text = [
      "jobs:",
      "  a:",
      "    container: { image: reg.lan/ci:1, options: --cpus 1 }",
      "    steps:",
      "      - { uses: 'docker://reg.lan/step:1' }",
      "      - run: |",
      "          image: not-this",
      "  b:",
      "    steps: [",
      "      { uses: docker://reg.lan/step:2 } ]",
      "    services:",
      "      db:",
      "        image: !reset null",
      "",
    ].join("\n");
    expect(spans("workflow", text)).toEqual([
      [3, "jobs.a.container.image", "reg.lan/ci:1"],
      [5, "jobs.a.steps.uses", "reg.lan/step:1"],
      [9, "jobs.b.steps", "[", skipOf("over several lines")],
      [13, "jobs.b.services.db.image", "!reset null", skipOf("a tagged value")],
    ]);
  });
});

describe("COPY --from", () => {
  it("lists images, never stage names or numbers, and skips what it cannot rewrite", () => {
    const text = [
      "FROM golang:1.25 AS Build",
      "COPY --from=build /out /out",
      "COPY --from=0 /a /a",
      "COPY --chown=1:1 --from=reg.lan/tools:2 /bin/x /x",
      "COPY --link --from=later /b /b",
      `COPY --from=\${TOOLS} /c /c`,
      'COPY --from="reg.lan/q:1" /d /d',
      "COPY --from=scratch /e /e",
      "COPY /src /dst",
      "FROM alpine:3.23 AS later",
      "",
    ].join("\n");
    expect(spans("dockerfile", text)).toEqual([
      [1, "FROM", "golang:1.25"],
      [4, "COPY --from", "reg.lan/tools:2"],
      [6, "COPY --from", `\${TOOLS}`, skipOf("no ARG before the first FROM gives TOOLS a default")],
      [7, "COPY --from", '"reg.lan/q:1"', skipOf("quoted")],
      [10, "FROM", "alpine:3.23"],
    ]);
    const found = findUnpinned("dockerfile", text);
    expect(found.unpinned.map((u) => [u.line, u.where])).toEqual([
      [1, "FROM"],
      [4, "COPY --from"],
      [10, "FROM"],
    ]);
    expect(found.skipped.map((s) => s.line)).toEqual([6, 7]);
  });
});

describe("detectFileKind", () => {
  it("tells Dockerfiles, compose files and workflows apart by name", () => {
    expect(detectFileKind("Dockerfile")).toBe("dockerfile");
    expect(detectFileKind("docker/app.Dockerfile")).toBe("dockerfile");
    expect(detectFileKind("Containerfile.dev")).toBe("dockerfile");
    expect(detectFileKind("compose.yaml")).toBe("compose");
    expect(detectFileKind("deploy/docker-compose.prod.yml")).toBe("compose");
    expect(detectFileKind(".github/workflows/ci.yml")).toBe("workflow");
    expect(detectFileKind("values.yaml")).toBeUndefined();
    for (const name of [
      "compose2.yaml",
      "docker-compose2.yml",
      "app.compose.yml",
      "x.compose.yaml",
    ])
      expect(detectFileKind(`deploy/${name}`), name).toBe("compose");
    for (const name of ["composer.json", "compose.yaml.bak", "mycompose.yml", "compose.md"])
      expect(detectFileKind(name), name).toBeUndefined();
    for (const source of [
      "src/dockerfile.ts",
      "dockerfile.go",
      "Dockerfile.md",
      "dockerfile.prod",
    ]) {
      expect(detectFileKind(source), source).toBeUndefined();
    }
    expect(detectFileKind("dockerfile")).toBe("dockerfile");
    expect(detectFileKind("api.dockerfile")).toBe("dockerfile");
  });
});
