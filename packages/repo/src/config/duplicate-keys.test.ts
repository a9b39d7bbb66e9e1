import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { findDuplicateKey } from "./duplicate-keys.js";
import { loadConfig, parseConfigText } from "./load.js";

// A tester's alpinize.config.json with a key written twice took the last one silently, where
// the gate refuses duplicate keys in its files.

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

const thrown = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (err) {
    return err as { code: string; message: string; hint?: string; exitCode: number };
  }
  throw new Error("nothing thrown");
};

describe("a config key written twice", () => {
  it.each([
    ['{"alpine": "3.22", "alpine": "3.23"}', "alpine", 1],
    ['{\n  "migrate": {\n    "gosu": "keep",\n    "gosu": "su-exec"\n  }\n}', "migrate.gosu", 4],
    ['{"migrate": {"gosu": "keep"},\n"migrate": {}}', "migrate", 2],
    ['{"alpine": "3.22", "\\u0061lpine": "3.23"}', "alpine", 1],
  ])("%j is refused with its path, line and a hint (exit 2)", async (text, path, line) => {
    const err = await thrown(() => parseConfigText(text, "alpinize.config.json"));
    expect(err.code).toBe("ALPINIZE_CONFIG_INVALID");
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(
      `alpinize.config.json: "${path}" is given twice (again on line ${line}); JSON readers keep only the last one, silently`,
    );
    expect(err.hint).toBe("Remove one of the two: each setting may appear once in its object.");
  });

  it("in package.json, only under the alpinize key", async () => {
    repo = await scratchRepo({
      "package.json": '{"scripts": {"a": "x", "a": "y"}, "alpinize": {"alpine": "3.22"}}',
    });
    expect((await loadConfig(repo.root)).alpine).toBe("3.22");
    await repo.write(
      "package.json",
      '{"alpinize": {"alpine": "3.22"}, "name": "x", "alpinize": {"alpine": "3.23"}}',
    );
    const err = await thrown(() => loadConfig(repo!.root));
    expect(err.message).toContain('"alpinize" is given twice');
  });

  it("the same key in sibling objects, in arrays, or inside strings is no duplicate", () => {
    const text =
      '{"images": {"ignore": ["a\\":", "b"]}, "packages": {"overrides": {"x": ["y"], "z": ["y"]}}, "check": {"skip": []}}';
    expect(findDuplicateKey(text)).toBeUndefined();
    expect(findDuplicateKey('[{"a": 1}, {"a": 2}]')).toBeUndefined();
    expect(findDuplicateKey('[{"a": 1}, {"a": 2, "a": 3}]')).toEqual({
      key: "a",
      path: "[1].a",
      line: 1,
    });
  });
});

describe("--config naming a folder", () => {
  it("says it is a directory, and to name the file", async () => {
    repo = await scratchRepo({ "conf/x": "" });
    const err = await thrown(() => loadConfig(repo!.root, { file: `${repo!.root}/conf` }));
    expect(err.message).toMatch(/cannot read .*conf: is a directory$/);
    expect(err.hint).toContain("Name the settings file itself");
  });
});
