import {
  type PushedImage,
  pushImage,
  type StartedRegistry,
  startRegistry,
} from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResolver, findUnpinned, pinText, type Resolver, resolveMany } from "../src/index.js";
import { cleanEnv, FAST_RETRY } from "./fixtures.js";

describe("pinText against a real registry", () => {
  let registry: StartedRegistry;
  let app: PushedImage;
  let tools: PushedImage;
  let resolver: Resolver;
  const resolve = (refs: string[]) => resolveMany(resolver, refs);

  beforeAll(async () => {
    registry = await startRegistry();
    app = await pushImage(registry.url, "team/app", "1.0");
    tools = await pushImage(registry.url, "team/tools", "2", { format: "docker" });
    resolver = createResolver({ env: cleanEnv(), retry: FAST_RETRY });
  }, 30_000);
  afterAll(async () => {
    resolver?.close();
    await registry?.stop();
  });

  it("pins FROM and ARG defaults in place, refreshes stale pins, keeps the rest byte for byte", async () => {
    const r = registry.host;
    const stale = `sha256:${"1".repeat(64)}`;
    const text = [
      `ARG TOOLS_IMAGE=${r}/team/tools:2`,
      `FROM --platform=$BUILDPLATFORM ${r}/team/app:1.0 AS build`,
      "RUN make  # unchanged",
      `FROM \${TOOLS_IMAGE}`,
      `FROM ${r}/team/app:1.0@${stale}`,
      `FROM ${r}/team/app@${app.indexDigest}`,
      `FROM ${r}/team/missing:1`,
      "FROM scratch",
      "",
    ].join("\n");
    const result = await pinText("dockerfile", text, resolve);
    expect(result.text).toBe(
      [
        `ARG TOOLS_IMAGE=${r}/team/tools:2@${tools.indexDigest}`,
        `FROM --platform=$BUILDPLATFORM ${r}/team/app:1.0@${app.indexDigest} AS build`,
        "RUN make  # unchanged",
        `FROM \${TOOLS_IMAGE}`,
        `FROM ${r}/team/app:1.0@${app.indexDigest}`,
        `FROM ${r}/team/app@${app.indexDigest}`,
        `FROM ${r}/team/missing:1`,
        "FROM scratch",
        "",
      ].join("\n"),
    );
    expect(result.changes.map((c) => [c.line, c.where, c.previousDigest])).toEqual([
      [1, "ARG TOOLS_IMAGE", undefined],
      [2, "FROM", undefined],
      [5, "FROM", stale],
    ]);
    expect(result.problems.map((p) => [p.line, (p.error as { code?: string }).code])).toEqual([
      [7, "ALPINIZE_DIGEST_NOT_FOUND"],
    ]);
    expect(findUnpinned("dockerfile", result.text).unpinned.map((u) => u.line)).toEqual([7]);
    const again = await pinText("dockerfile", result.text, resolve);
    expect(again.changes).toEqual([]);
    expect(again.text).toBe(result.text);
  });

  it("pins compose images and workflow containers, skipping variables", async () => {
    const r = registry.host;
    const compose = `services:\n  app:\n    image: "${r}/team/app:1.0" # pinned below\n  other:\n    image: \${IMG}\n`;
    const pinned = await pinText("compose", compose, resolve);
    expect(pinned.text).toBe(
      `services:\n  app:\n    image: "${r}/team/app:1.0@${app.indexDigest}" # pinned below\n  other:\n    image: \${IMG}\n`,
    );
    expect(pinned.skipped.map((s) => s.where)).toEqual(["services.other.image"]);
    const workflow = `jobs:\n  t:\n    container: ${r}/team/tools:2\n    steps:\n      - uses: docker://${r}/team/app:1.0\n`;
    const wf = await pinText("workflow", workflow, resolve);
    expect(wf.text).toBe(
      `jobs:\n  t:\n    container: ${r}/team/tools:2@${tools.indexDigest}\n    steps:\n      - uses: docker://${r}/team/app:1.0@${app.indexDigest}\n`,
    );
  });

  it("pins flow mappings, next-line and anchored values in place; never asks about built images", async () => {
    const r = registry.host;
    const asked: string[] = [];
    const counting = (refs: string[]) => {
      asked.push(...refs);
      return resolve(refs);
    };
    const compose = [
      "services:",
      `  d: { image: ${r}/team/app:1.0, restart: always }`,
      "  o:",
      "    image:",
      `      ${r}/team/tools:2`,
      "  k:",
      `    image: &img ${r}/team/app:1.0`,
      "  l:",
      "    image: *img",
      "  b:",
      "    build: .",
      `    image: ${r}/team/built:1`,
      "",
    ].join("\n");
    const pinned = await pinText("compose", compose, counting);
    const at = `${r}/team/app:1.0@${app.indexDigest}`;
    expect(pinned.text).toBe(
      compose
        .replace(`d: { image: ${r}/team/app:1.0,`, `d: { image: ${at},`)
        .replace(`      ${r}/team/tools:2`, `      ${r}/team/tools:2@${tools.indexDigest}`)
        .replace(`&img ${r}/team/app:1.0`, `&img ${at}`),
    );
    // l's alias is pinned by the edit at its anchor (k's image, line 7).
    expect(pinned.changes.find((c) => c.where === "services.l.image")?.anchor).toEqual({
      name: "img",
      line: 7,
    });
    expect(pinned.skipped.map((s) => [s.line, s.where])).toEqual([[12, "services.b.image"]]);
    expect(asked).not.toContain(`${r}/team/built:1`);
    expect(findUnpinned("compose", pinned.text).unpinned).toEqual([]);
  });

  it("pins an image used through aliases and merge keys at its anchor, so --check passes", async () => {
    const r = registry.host;
    const compose = [
      `x-app: &app ${r}/team/app:1.0 # one place for the tag`,
      "x-tools: &tools",
      `  image: ${r}/team/tools:2`,
      "  restart: always",
      "x-unused: &unused reg.lan/never-asked:1",
      "services:",
      "  a: {image: *app}",
      "  b:",
      "    image: *app",
      "  c:",
      "    <<: *tools",
      "  d: {<<: *tools, ports: ['80:80']}",
      "",
    ].join("\n");
    const pinned = await pinText("compose", compose, resolve);
    expect(pinned.text).toBe(
      compose
        .replace(`${r}/team/app:1.0`, `${r}/team/app:1.0@${app.indexDigest}`)
        .replace(`${r}/team/tools:2`, `${r}/team/tools:2@${tools.indexDigest}`),
    );
    expect(pinned.changes.map((c) => [c.line, c.where, c.anchor?.line])).toEqual([
      [7, "services.a.image", 1],
      [9, "services.b.image", 1],
      [11, "services.c.image", 3],
      [12, "services.d.image", 3],
    ]);
    const check = findUnpinned("compose", pinned.text);
    expect([check.unpinned, check.skipped, check.unchanged.length]).toEqual([[], [], 4]);
    const again = await pinText("compose", pinned.text, resolve);
    expect([again.changes, again.text]).toEqual([[], pinned.text]);
  });

  it("pins COPY --from=<image> like a FROM and leaves stage names alone", async () => {
    const r = registry.host;
    const text = `FROM ${r}/team/app:1.0 AS base\nCOPY --from=${r}/team/tools:2 /bin/t /t\nCOPY --from=base /a /a\n`;
    const result = await pinText("dockerfile", text, resolve);
    expect(result.text).toBe(
      `FROM ${r}/team/app:1.0@${app.indexDigest} AS base\nCOPY --from=${r}/team/tools:2@${tools.indexDigest} /bin/t /t\nCOPY --from=base /a /a\n`,
    );
    expect(result.changes.map((c) => [c.line, c.where])).toEqual([
      [1, "FROM"],
      [2, "COPY --from"],
    ]);
  });

  it("pins the global ARG a COPY --from=$ARG names (once when a FROM uses it too), so --check passes", async () => {
    const r = registry.host;
    const pinnedApp = `${r}/team/app:1.0@${app.indexDigest}`;
    const text = [
      `ARG TOOLS_IMAGE=${r}/team/tools:2`,
      `ARG APP_IMAGE="${r}/team/app:1.0"`,
      "ARG STAGE=app",
      `FROM \${APP_IMAGE} AS app`,
      `FROM ${pinnedApp}`,
      `COPY --from=\${TOOLS_IMAGE} /x /x`,
      "COPY --from=$APP_IMAGE /y /y",
      `COPY --from=\${STAGE} /z /z`,
      "",
    ].join("\n");
    const before = findUnpinned("dockerfile", text);
    expect(before.skipped).toEqual([]);
    expect(before.unpinned.map((u) => [u.line, u.where])).toEqual([
      [1, "ARG TOOLS_IMAGE"],
      [2, "ARG APP_IMAGE"],
    ]);
    const result = await pinText("dockerfile", text, resolve);
    expect(result.text).toBe(
      text
        .replace(`=${r}/team/tools:2`, `=${r}/team/tools:2@${tools.indexDigest}`)
        .replace(`"${r}/team/app:1.0"`, `"${pinnedApp}"`),
    );
    expect(result.changes.map((c) => [c.line, c.where])).toEqual([
      [1, "ARG TOOLS_IMAGE"],
      [2, "ARG APP_IMAGE"],
    ]);
    const after = findUnpinned("dockerfile", result.text);
    expect([after.unpinned, after.skipped, after.unchanged.length]).toEqual([[], [], 3]);
    const again = await pinText("dockerfile", result.text, resolve);
    expect([again.changes, again.text]).toEqual([[], result.text]);
  });
});
