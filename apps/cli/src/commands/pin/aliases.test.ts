import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { NO_CREDENTIALS_ENV as env, useRegistry } from "../../test-support/registry.js";

// A tester's compose files: `pin --check` failed forever on `image: *img`, and an anchor in an
// `x-` field was never pinned (`--write` said "0 pinned now").
describe("alpinize pin with YAML aliases", () => {
  const fx = useRegistry({ dir: "alpinize-pin-alias-" });

  it("pins an alias's image at its anchor in another service, then --check passes", async () => {
    const r = fx.registry.host;
    const text = `services: {a: {image: &img ${r}/team/app:1.0}, b: {image: *img}}\n`;
    await writeFile(join(fx.dir, "compose.yaml"), text);
    const write = await runCli(["pin", "--write", "compose.yaml"], { cwd: fx.dir, env });
    expect(write.code).toBe(0);
    const pinned = `${r}/team/app:1.0@${fx.app.indexDigest}`;
    expect(write.stdout).toBe(
      [
        `compose.yaml:1: pinned ${r}/team/app:1.0 -> ${pinned}`,
        `compose.yaml:1: pinned ${r}/team/app:1.0 -> ${pinned} (services.b.image follows the anchor &img on line 1)`,
        "",
      ].join("\n"),
    );
    expect(write.stderr).not.toContain("warning");
    expect(write.stderr).toContain("2 pinned now, 0 problems, 0 skipped");
    expect(await readFile(join(fx.dir, "compose.yaml"), "utf8")).toBe(
      text.replace(`${r}/team/app:1.0`, pinned),
    );
    const check = await runCli(["pin", "--check", "compose.yaml"], { cwd: fx.dir, env });
    expect([check.code, check.stdout]).toEqual([0, ""]);
    expect(check.stderr).toContain("2 already pinned, 0 unpinned, 0 problems, 0 skipped");
  });

  it("pins an anchor in an x- field that an image uses, and only what an image uses", async () => {
    const r = fx.registry.host;
    const text = [
      `x-img: &img ${r}/team/app:1.0`,
      `x-other: &other ${r}/team/tools:2`,
      "services:",
      "  a:",
      "    image: *img",
      "    environment: {TOOLS: *other}",
      "",
    ].join("\n");
    await writeFile(join(fx.dir, "compose.yaml"), text);
    const before = await runCli(["pin", "--check", "compose.yaml"], { cwd: fx.dir, env });
    expect(before.code).toBe(1);
    expect(before.stdout).toBe(
      `compose.yaml:5: ${r}/team/app:1.0 (services.a.image, follows the anchor &img on line 1) is not pinned by digest\n`,
    );
    const write = await runCli(["pin", "--write", "--json", "compose.yaml"], { cwd: fx.dir, env });
    expect(write.code).toBe(0);
    const [file] = JSON.parse(write.stdout).files;
    expect(file.changes).toEqual([
      expect.objectContaining({
        line: 5,
        where: "services.a.image",
        anchor: { name: "img", line: 1 },
      }),
    ]);
    expect(await readFile(join(fx.dir, "compose.yaml"), "utf8")).toBe(
      text.replace(`${r}/team/app:1.0`, `${r}/team/app:1.0@${fx.app.indexDigest}`),
    );
    const check = await runCli(["pin", "--check", "compose.yaml"], { cwd: fx.dir, env });
    expect(check.code).toBe(0);
  });

  it("fails --check on an alias whose anchor it cannot follow, saying what to do", async () => {
    await writeFile(
      join(fx.dir, "compose.yaml"),
      "x-img: &img >-\n  reg.lan/app:1\nservices:\n  a: {image: *img}\n  b: {image: *none}\n",
    );
    const check = await runCli(["pin", "--check", "compose.yaml"], { cwd: fx.dir, env });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(
      "compose.yaml:4: skipped *img (services.a.image): it is a YAML alias (*img) of the anchor &img (line 1), which is a block scalar (>-); write the value on the key's line",
    );
    expect(check.stderr).toContain(
      "compose.yaml:5: skipped *none (services.b.image): it is a YAML alias (*none) whose anchor pin cannot find above it",
    );
  });
});
