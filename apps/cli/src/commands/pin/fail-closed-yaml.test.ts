import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { NO_CREDENTIALS_ENV as env, useRegistry } from "../../test-support/registry.js";

// A tester's compose files that `pin --check` passed with exit 0 and "0 unpinned": CR-only line
// endings, tab indentation and a list under image:.
describe("alpinize pin --check on compose files it used to pass over", () => {
  const fx = useRegistry({ dir: "alpinize-pin-closed-" });
  const put = (text: string) => writeFile(join(fx.dir, "compose.yaml"), text);
  const read = () => readFile(join(fx.dir, "compose.yaml"), "utf8");
  const pin = (...args: string[]) => runCli(["pin", ...args, "compose.yaml"], { cwd: fx.dir, env });

  it("reads CR-only line endings as line breaks, and --write keeps them", async () => {
    const ref = `${fx.registry.host}/team/app:1.0`;
    const text = `services:\r  a:\r    image: ${ref}\r`;
    await put(text);
    const check = await pin("--check");
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(
      `compose.yaml:3: ${ref} (services.a.image) is not pinned by digest\n`,
    );
    expect(check.stderr).toContain("1 unpinned");
    const written = await pin("--write");
    expect(written.code).toBe(0);
    expect(await read()).toBe(text.replace(ref, `${ref}@${fx.app.indexDigest}`));
    expect((await pin("--check")).code).toBe(0);
  });

  it("refuses a file indented with tabs: exit 2, naming the file and line", async () => {
    await put("services:\n\ta:\n\t\timage: 127.0.0.1:45101/ok:1\n");
    for (const flags of [["--check"], ["--write"], []]) {
      const r = await pin(...flags);
      expect(r.code, flags.join(" ")).toBe(2);
      expect(r.stderr).toContain("compose.yaml:2: indented with a tab, which YAML does not allow");
      expect(r.stderr).toContain("Indent with spaces only");
    }
    const json = JSON.parse((await pin("--check", "--json")).stdout);
    expect(json.errors[0]).toMatchObject({
      code: "ALPINIZE_PIN_YAML_INVALID",
      file: "compose.yaml",
    });
  });

  it("fails --check on an image: that holds a list", async () => {
    await put("services:\n  a:\n    image:\n      - 127.0.0.1:45101/ok:1\n");
    const r = await pin("--check");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "compose.yaml:3: skipped […] (services.a.image): it is a list, where services.a.image takes one image reference",
    );
  });
});
