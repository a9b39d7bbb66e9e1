import { open, stat } from "node:fs/promises";
import { formatBytes, InputError } from "@alpinize/errors";
import { fileType } from "../workspace/files.js";
import { assertNoDuplicateKey, assertShallow, parseJson } from "./parse.js";

/**
 * package.json is npm's file: a monorepo's can be large (scripts, bundled metadata). Read whole
 * and parsed up to this size; past it, only scanned for an "alpinize" key.
 */
export const MAX_PACKAGE_JSON_BYTES = 8 * 1024 * 1024;

/** An "alpinize" key as written: the name in quotes, then its colon. */
const ALPINIZE_KEY = /"alpinize"\s*:/;
/** How much of one chunk the scan carries into the next, so a key split between them is seen. */
const SCAN_OVERLAP = 4096;

export interface PackageJsonIo {
  /** The file's text; undefined when it is not there. Unreadable: throws the config error. */
  read(path: string): Promise<string | undefined>;
  warn(message: string): void;
}

/**
 * The `"alpinize"` value of the root package.json, or undefined when it has none. Only that key
 * matters: a package.json without it is never an error, however large or malformed (a trailing
 * comma npm tolerates). One that visibly has the key but cannot be read as JSON is exit 2, since
 * its settings would be skipped; one that is not valid JSON and shows no such key is a warning.
 */
export async function readPackageSettings(
  path: string,
  shown: string,
  io: PackageJsonIo,
): Promise<{ value: unknown } | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) return undefined;
  if (info && !info.isFile()) {
    // Never opened: reading a FIFO waits for a writer.
    io.warn(
      `${shown}: ${fileType(info)}, not a regular file; not read (its "alpinize" settings, if any, were not used)`,
    );
    return undefined;
  }
  if (info && info.size > MAX_PACKAGE_JSON_BYTES) {
    if (await showsAlpinizeKey(path)) throw tooLarge(shown);
    return undefined;
  }
  const text = await io.read(path);
  if (text === undefined) return undefined;
  let pkg: unknown;
  try {
    pkg = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    // Settings it visibly holds must not be dropped: the error alpinize.config.json would get.
    if (ALPINIZE_KEY.test(text)) parseJson(text, shown);
    io.warn(
      `${shown}: not valid JSON (${(err as Error).message}); it shows no "alpinize" key, so the defaults are used (any alpinize settings in it were not read)`,
    );
    return undefined;
  }
  if (typeof pkg !== "object" || pkg === null || !Object.hasOwn(pkg, "alpinize")) return undefined;
  const value = (pkg as Record<string, unknown>).alpinize;
  assertShallow(value, `${shown} ("alpinize" key)`);
  // Only the "alpinize" key is ours: a duplicate elsewhere in package.json is npm's business.
  assertNoDuplicateKey(text, shown, "alpinize");
  return { value };
}

function tooLarge(shown: string): InputError {
  return new InputError(
    "ALPINIZE_CONFIG_INVALID",
    `${shown}: larger than ${formatBytes(MAX_PACKAGE_JSON_BYTES)}, too large for alpinize to read, and it has an "alpinize" key`,
    {
      hint: `Move the alpinize settings into alpinize.config.json at the repository root (it is read first), or point --config at such a file.`,
      details: { file: shown },
    },
  );
}

/** Whether the file shows an "alpinize" key anywhere, read a chunk at a time (any size). */
async function showsAlpinizeKey(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    let carry = "";
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return false;
      // latin1 maps each byte to one character: the key is ASCII, and no UTF-8 sequence holds one.
      const text = carry + chunk.toString("latin1", 0, bytesRead);
      if (ALPINIZE_KEY.test(text)) return true;
      carry = text.slice(-SCAN_OVERLAP);
    }
  } finally {
    await file.close();
  }
}
