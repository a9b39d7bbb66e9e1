import { InputError } from "@alpinize/errors";
import { MAX_CONFIG_DEPTH, nestedDeeperThan } from "./bounded.js";
import { findDuplicateKey } from "./duplicate-keys.js";

/** JSON.parse (which takes any depth without recursing), as a config error naming the file. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new InputError(
      "ALPINIZE_CONFIG_INVALID",
      `${source}: not valid JSON (${(err as Error).message})`,
      {
        hint: "Fix the JSON syntax (comments and trailing commas are not allowed).",
        details: { file: source },
        cause: err,
      },
    );
  }
}

/** Refuses settings nested past {@link MAX_CONFIG_DEPTH} before validation walks them. */
export function assertShallow(value: unknown, source: string): void {
  if (!nestedDeeperThan(value, MAX_CONFIG_DEPTH)) return;
  throw new InputError(
    "ALPINIZE_CONFIG_INVALID",
    `${source}: arrays and objects nested more than ${MAX_CONFIG_DEPTH} levels deep; alpinize settings need at most 4`,
    {
      hint: 'Fix the setting; "Configuration" in the README of the alpinize npm package (or @alpinize/repo) lists every key with its type.',
      details: { file: source, maxDepth: MAX_CONFIG_DEPTH },
    },
  );
}

/**
 * A key written twice: JSON.parse keeps the last one silently. With `within`, only that
 * top-level key and what is under it count (in package.json, the rest is npm's business).
 */
export function assertNoDuplicateKey(text: string, source: string, within?: string): void {
  const twice = findDuplicateKey(text, within);
  if (twice !== undefined) {
    throw new InputError(
      "ALPINIZE_CONFIG_INVALID",
      `${source}: "${twice.path}" is given twice (again on line ${twice.line}); JSON readers keep only the last one, silently`,
      {
        hint: "Remove one of the two: each setting may appear once in its object.",
        details: { file: source, key: twice.path, line: twice.line },
      },
    );
  }
}
