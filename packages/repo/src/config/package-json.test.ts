import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { loadConfig } from "./load.js";
import { MAX_PACKAGE_JSON_BYTES } from "./package-json.js";

// A tester's 300 KB package.json without an "alpinize" key stopped check and migrate with exit 2
// ("larger than 262144 bytes"), and so did one with a trailing comma: only the key is ours.

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function load(packageJson: string) {
  repo = await scratchRepo({ "package.json": packageJson });
  const warnings: string[] = [];
  const config = await loadConfig(repo.root, { onWarning: (m) => warnings.push(m) });
  return { config, warnings };
}

const thrown = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (err) {
    return err as { code: string; message: string; hint?: string; exitCode: number };
  }
  throw new Error("nothing thrown");
};

const big = (bytes: number, extra = "") =>
  `{"name": "x",${extra} "description": "${"x".repeat(bytes)}"}`;

describe("package.json without an alpinize key", () => {
  it("is read when large (300 KB), with no word", async () => {
    const { config, warnings } = await load(big(300 * 1024));
    expect(config.source).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it("past the size read whole, is scanned and passed over", async () => {
    const { config, warnings } = await load(big(MAX_PACKAGE_JSON_BYTES + 10));
    expect(config.source).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it("not valid JSON (a trailing comma) gives the defaults and a warning", async () => {
    const { config, warnings } = await load('{"name": "x",}\n');
    expect(config.source).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(
        /^package\.json: not valid JSON \(.*\); it shows no "alpinize" key, so the defaults are used \(any alpinize settings in it were not read\)$/,
      ),
    ]);
  });

  it("as a FIFO is not opened (it would wait for a writer): a warning", async () => {
    repo = await scratchRepo({});
    execFileSync("mkfifo", [join(repo.root, "package.json")]);
    const warnings: string[] = [];
    await loadConfig(repo.root, { onWarning: (m) => warnings.push(m) });
    expect(warnings[0]).toMatch(
      /^package\.json: a FIFO \(named pipe\), not a regular file; not read/,
    );
  });
});

describe("package.json with an alpinize key", () => {
  it("is used however large the rest is", async () => {
    const { config } = await load(big(300 * 1024, ' "alpinize": {"alpine": "3.22"},'));
    expect(config.alpine).toBe("3.22");
    expect(config.source).toBe('package.json ("alpinize" key)');
  });

  it("that is not valid JSON is exit 2: its settings would be skipped", async () => {
    repo = await scratchRepo({ "package.json": '{"alpinize": {"alpine": "3.22"},}\n' });
    const err = await thrown(() => loadConfig(repo!.root));
    expect(err.code).toBe("ALPINIZE_CONFIG_INVALID");
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/^package\.json: not valid JSON/);
  });

  it("past the size read whole is exit 2, saying where to move the settings", async () => {
    repo = await scratchRepo({
      "package.json": big(MAX_PACKAGE_JSON_BYTES + 10, ' "alpinize" : {"alpine": "3.22"},'),
    });
    const err = await thrown(() => loadConfig(repo!.root));
    expect(err.code).toBe("ALPINIZE_CONFIG_INVALID");
    expect(err.message).toBe(
      `package.json: larger than 8 MiB, too large for alpinize to read, and it has an "alpinize" key`,
    );
    expect(err.hint).toContain("alpinize.config.json");
  });
});
