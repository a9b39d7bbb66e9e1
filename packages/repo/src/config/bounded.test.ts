import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { nestedDeeperThan, preview } from "./bounded.js";
import { loadConfig, parseConfigText } from "./load.js";

// A tester's alpinize.config.json of 10 KB, {"check": {"skip": [[[[…5000 deep…]]]]}}, crashed
// with exit 70: the error message quoted the value with JSON.stringify, which ran out of stack.

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

const nested = (depth: number, inner = '"x"') => `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;

const thrown = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (err) {
    return err as { code: string; message: string; exitCode: number };
  }
  throw new Error("nothing thrown");
};

describe("deeply nested settings", () => {
  it.each([
    [`{"check": {"skip": ${nested(5000)}}}`],
    [`{"packages": {"overrides": {"curl": ${nested(5000)}}}}`],
    [`{"images": {"ignore": ${nested(100_000)}}}`],
    [`{"alpine": ${nested(5000, "{}")}}`],
  ])("%#: are a config error naming the depth (exit 2), not a crash", async (text) => {
    const err = await thrown(() => parseConfigText(text, "alpinize.config.json"));
    expect(err.code).toBe("ALPINIZE_CONFIG_INVALID");
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(
      "alpinize.config.json: arrays and objects nested more than 32 levels deep; alpinize settings need at most 4",
    );
  });

  it("in package.json's alpinize key too", async () => {
    repo = await scratchRepo({ "package.json": `{"name": "x", "alpinize": ${nested(5000)}}` });
    const err = await thrown(() => loadConfig(repo!.root));
    expect(err.code).toBe("ALPINIZE_CONFIG_INVALID");
    expect(err.message).toContain('package.json ("alpinize" key): arrays and objects nested');
  });

  it("a wrong value within the depth limit is quoted cut down, in length and depth", async () => {
    const err = await thrown(() =>
      parseConfigText(`{"check": {"skip": ${nested(30)}}}`, "alpinize.config.json"),
    );
    expect(err.message).toBe(
      'alpinize.config.json: "check.skip" must be an array of non-empty strings, got [[[[...]]]]',
    );
  });
});

describe("nestedDeeperThan", () => {
  it("counts containers, not scalars", () => {
    expect(nestedDeeperThan("x", 0)).toBe(false);
    expect(nestedDeeperThan([], 0)).toBe(true);
    expect(nestedDeeperThan({ a: [1, { b: [] }] }, 3)).toBe(true);
    expect(nestedDeeperThan({ a: [1, { b: [] }] }, 4)).toBe(false);
  });
});

describe("preview", () => {
  it("renders small values as compact JSON", () => {
    expect(preview(["3.23"])).toBe('["3.23"]');
    expect(preview({ a: 1, b: [true, null] })).toBe('{"a":1,"b":[true,null]}');
  });

  it("cuts long values, also a long string or key, at the length asked for", () => {
    expect(preview("x".repeat(1_000_000))).toBe(`"${"x".repeat(56)}...`);
    expect(preview({ ["k".repeat(500)]: 1 }, 20)).toBe(`{"${"k".repeat(15)}...`);
    expect(preview(Array.from({ length: 100_000 }, (_, i) => i))).toHaveLength(60);
  });

  it("shows numbers JSON readers took as infinite as Infinity, not null", () => {
    expect(preview(JSON.parse("[1e400, -1e400]"))).toBe("[Infinity,-Infinity]");
  });
});

describe("a number out of range", () => {
  it("is said to be out of range, not null", async () => {
    const err = await thrown(() => parseConfigText('{"alpine": 1e400}', "alpinize.config.json"));
    expect(err.message).toContain(
      "got a number out of range (not a finite number: JSON readers take it as infinity)",
    );
    expect(err.message).not.toContain("null");
  });
});
