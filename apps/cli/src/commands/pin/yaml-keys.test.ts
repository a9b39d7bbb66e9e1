import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type PushedImage, pushImage } from "@alpinize/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { NO_CREDENTIALS_ENV as env, useRegistry } from "../../test-support/registry.js";

// A tester's compose files: keys with an anchor, a tag or written as an alias set an image that
// `pin --check` passed over ("0 unpinned, 0 skipped"); an alias reached an anchor in an earlier
// document; `<<: [*b2, *b1]` pinned both anchors; a quoted "<<" was merged.
describe("alpinize pin with YAML key forms, documents and merge lists", () => {
  const fx = useRegistry({ dir: "alpinize-pin-keys-" });
  let tools: PushedImage;
  beforeAll(async () => {
    tools = await pushImage(fx.registry.url, "team/tools", "2");
  }, 30_000);

  const pin = (...args: string[]) => runCli(["pin", ...args, "compose.yaml"], { cwd: fx.dir, env });
  const write = (lines: string[]) => writeFile(join(fx.dir, "compose.yaml"), lines.join("\n"));
  const read = () => readFile(join(fx.dir, "compose.yaml"), "utf8");

  it("pins an image under an anchored or !!str key, and fails --check on an alias key", async () => {
    const r = fx.registry.host;
    await write([
      "x-k: &k image",
      "services:",
      "  a:",
      `    &key image: ${r}/team/app:1.0`,
      "  b:",
      `    !!str image: ${r}/team/app:1.0`,
      "  c:",
      `    *k : ${r}/team/tools:2`,
      "",
    ]);
    const check = await pin("--check");
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(
      [
        `compose.yaml:4: ${r}/team/app:1.0 (services.a.image) is not pinned by digest`,
        `compose.yaml:6: ${r}/team/app:1.0 (services.b.image) is not pinned by digest`,
        "",
      ].join("\n"),
    );
    expect(check.stderr).toContain(
      `compose.yaml:8: skipped *k : ${r}/team/tools:2 (services.c): it is a key written as an alias (*k)`,
    );
    expect(check.stderr).toContain("2 unpinned, 0 problems, 1 skipped");
    const written = await pin("--write");
    expect(written.code).toBe(0);
    expect(written.stderr).toContain("2 pinned now, 0 problems, 1 skipped");
    expect(await read()).not.toContain(`tools:2@`);
    const after = await pin("--check");
    expect(after.code).toBe(1);
    expect(after.stderr).toContain("2 already pinned, 0 unpinned, 0 problems, 1 skipped");
  });

  it("does not follow an alias into an earlier document", async () => {
    const r = fx.registry.host;
    const lines = [
      `x-img: &img ${r}/team/app:1.0`,
      "---",
      "services:",
      "  a:",
      "    image: *img",
      "",
    ];
    await write(lines);
    const check = await pin("--check");
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(
      "compose.yaml:5: skipped *img (services.a.image): it is a YAML alias (*img) whose anchor pin cannot find above it",
    );
    expect((await pin("--write")).code).toBe(0);
    expect(await read()).toBe(lines.join("\n"));
  });

  it("pins only the first anchor of a merge list that sets the image, reported once", async () => {
    const r = fx.registry.host;
    const lines = [
      "x-b1: &b1",
      `  image: ${r}/team/tools:2`,
      "x-b2: &b2",
      `  image: ${r}/team/app:1.0`,
      "services:",
      "  a:",
      "    <<: [*b2, *b1]",
      "",
    ];
    await write(lines);
    const written = await pin("--write");
    expect(written.code).toBe(0);
    const pinned = `${r}/team/app:1.0@${fx.app.indexDigest}`;
    expect(written.stdout).toBe(
      `compose.yaml:7: pinned ${r}/team/app:1.0 -> ${pinned} (services.a.image follows the anchor &b2 on line 4)\n`,
    );
    expect(await read()).toBe(lines.join("\n").replace(`${r}/team/app:1.0`, pinned));
    expect(tools.indexDigest).not.toBe(fx.app.indexDigest);
    const check = await pin("--check");
    expect([check.code, check.stdout]).toEqual([0, ""]);
    expect(check.stderr).toContain("1 already pinned, 0 unpinned, 0 problems, 0 skipped");
  });

  it("reads a quoted << as an ordinary key: nothing is merged from its alias", async () => {
    const r = fx.registry.host;
    const lines = [
      "x-b: &b",
      `  image: ${r}/team/tools:2`,
      "services:",
      "  a:",
      '    "<<": *b',
      "  c:",
      `    image: ${r}/team/app:1.0`,
      "",
    ];
    await write(lines);
    const written = await pin("--write");
    expect(written.code).toBe(0);
    const pinned = `${r}/team/app:1.0@${fx.app.indexDigest}`;
    expect(written.stdout).toBe(`compose.yaml:7: pinned ${r}/team/app:1.0 -> ${pinned}\n`);
    expect(await read()).toBe(lines.join("\n").replace(`${r}/team/app:1.0`, pinned));
  });
});
