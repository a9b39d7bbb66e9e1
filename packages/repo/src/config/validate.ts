import { InputError } from "@alpinize/errors";
import { isKnownRelease, KNOWN_RELEASES } from "@alpinize/package-map";
import { RULE_IDS } from "../check/types.js";
import { preview } from "./bounded.js";
import { defaultConfig, GOSU_MODES, type GosuMode, type RepoConfig } from "./types.js";

const PACKAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9+_.:-]*$/;
const TOP_KEYS = ["$schema", "alpine", "packages", "images", "migrate", "check"];

/** Checks a parsed config object field by field; every error names the file and the key. */
export function validateConfig(value: unknown, source: string): RepoConfig {
  const config = defaultConfig();
  config.source = source;
  const top = asObject(value, source, "(top level)");
  rejectUnknown(top, TOP_KEYS, source, "");
  if (top.alpine !== undefined) config.alpine = readRelease(top.alpine, source);
  if (top.packages !== undefined) config.packages.overrides = readPackages(top.packages, source);
  if (top.images !== undefined) config.images.ignore = readImages(top.images, source);
  if (top.migrate !== undefined) config.migrate = readMigrate(top.migrate, source);
  if (top.check !== undefined) config.check = readCheck(top.check, source);
  return config;
}

/** Only releases alpinize has package data for: check would otherwise accept "3.2" silently. */
function readRelease(value: unknown, source: string): string {
  // A JSON number is the wrong type, whatever release it looks like (and 3.20 reads as 3.2).
  if (typeof value !== "string") {
    throw configError(
      source,
      "alpine",
      `must be a string such as "3.23", in quotes (a release is not a number: 3.20 would read as 3.2), got ${showTyped(value)}`,
    );
  }
  if (!isKnownRelease(value)) {
    throw configError(
      source,
      "alpine",
      `must be an Alpine release alpinize knows (${KNOWN_RELEASES.join(", ")}), got ${show(value)}`,
    );
  }
  return value;
}

function readPackages(value: unknown, source: string): Record<string, string[]> {
  const obj = asObject(value, source, "packages");
  rejectUnknown(obj, ["overrides"], source, "packages.");
  if (obj.overrides === undefined) return {};
  const overrides = asObject(obj.overrides, source, "packages.overrides");
  const out: Record<string, string[]> = {};
  for (const [debian, alpine] of Object.entries(overrides)) {
    const key = `packages.overrides.${debian}`;
    if (!PACKAGE_NAME.test(debian)) throw configError(source, key, "is not a package name");
    const names = typeof alpine === "string" ? [alpine] : alpine;
    if (
      !Array.isArray(names) ||
      !names.every((n) => typeof n === "string" && PACKAGE_NAME.test(n))
    ) {
      throw configError(
        source,
        key,
        `must be an Alpine package name or an array of them ([] when Alpine needs nothing), got ${show(alpine)}`,
      );
    }
    out[debian] = [...names] as string[];
  }
  return out;
}

/** An image reference is at most a 255-character name, a 128-character tag and a digest. */
export const MAX_IMAGE_PATTERN_LENGTH = 512;
export const MAX_IMAGE_PATTERNS = 1000;

function readImages(value: unknown, source: string): string[] {
  const obj = asObject(value, source, "images");
  rejectUnknown(obj, ["ignore"], source, "images.");
  if (obj.ignore === undefined) return [];
  const patterns = readStrings(obj.ignore, source, "images.ignore");
  // Each stage's image is matched against every pattern: a config in a pull request is as
  // untrusted as its Dockerfiles, so both numbers are bounded.
  if (patterns.length > MAX_IMAGE_PATTERNS) {
    throw configError(
      source,
      "images.ignore",
      `lists ${patterns.length} patterns, more than the ${MAX_IMAGE_PATTERNS} allowed; use * to cover many images with one`,
    );
  }
  const long = patterns.findIndex((p) => p.length > MAX_IMAGE_PATTERN_LENGTH);
  if (long !== -1) {
    throw configError(
      source,
      `images.ignore[${long}]`,
      `is ${patterns[long]?.length} characters long, more than the ${MAX_IMAGE_PATTERN_LENGTH} an image reference can need, got ${show(patterns[long])}`,
    );
  }
  return patterns;
}

function readMigrate(value: unknown, source: string): RepoConfig["migrate"] {
  const obj = asObject(value, source, "migrate");
  rejectUnknown(obj, ["gosu"], source, "migrate.");
  const migrate = defaultConfig().migrate;
  if (obj.gosu !== undefined) {
    const modes = GOSU_MODES.map((m) => `"${m}"`).join(" or ");
    if (typeof obj.gosu !== "string") {
      throw configError(
        source,
        "migrate.gosu",
        `must be the string ${modes}, in quotes, got ${showTyped(obj.gosu)}`,
      );
    }
    if (!GOSU_MODES.includes(obj.gosu as GosuMode)) {
      throw configError(source, "migrate.gosu", `must be ${modes}, got ${show(obj.gosu)}`);
    }
    migrate.gosu = obj.gosu as GosuMode;
  }
  return migrate;
}

function readCheck(value: unknown, source: string): RepoConfig["check"] {
  const obj = asObject(value, source, "check");
  rejectUnknown(obj, ["skip", "requireDigests"], source, "check.");
  const check = defaultConfig().check;
  if (obj.skip !== undefined) {
    check.skip = readStrings(obj.skip, source, "check.skip");
    // A misspelt id would silently skip nothing.
    const unknown = check.skip.find((id) => !(RULE_IDS as readonly string[]).includes(id));
    if (unknown !== undefined) {
      throw configError(
        source,
        "check.skip",
        `names an unknown rule ${show(unknown)}; known rules: ${RULE_IDS.join(", ")}`,
      );
    }
  }
  if (obj.requireDigests !== undefined) {
    if (typeof obj.requireDigests !== "boolean") {
      // "true" in quotes is a string, not the boolean it spells.
      throw configError(
        source,
        "check.requireDigests",
        `must be true or false without quotes (a JSON boolean), got ${showTyped(obj.requireDigests)}`,
      );
    }
    check.requireDigests = obj.requireDigests;
  }
  return check;
}

function readStrings(value: unknown, source: string, key: string): string[] {
  // One name alone is the wrong type too: an array of one is what is meant.
  if (typeof value === "string") {
    throw configError(
      source,
      key,
      `must be an array of non-empty strings (${show([value])} for one), got ${showTyped(value)}`,
    );
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && v.trim() !== "")) {
    throw configError(source, key, `must be an array of non-empty strings, got ${show(value)}`);
  }
  return value as string[];
}

function asObject(value: unknown, source: string, key: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw configError(source, key, `must be an object, got ${showTyped(value)}`);
  }
  return value as Record<string, unknown>;
}

function rejectUnknown(
  obj: Record<string, unknown>,
  known: string[],
  source: string,
  prefix: string,
) {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      throw configError(
        source,
        `${prefix}${key}`,
        `is not a known setting (known: ${known.filter((k) => k !== "$schema").join(", ")})`,
      );
    }
  }
}

/** The value with its JSON type, for a value of the wrong type: `the number 3.23`, `the string "true"`. */
function showTyped(value: unknown): string {
  if (value === null) return "null";
  // 1e400: JSON readers take it as infinity, which JSON itself cannot write (it would say null).
  if (typeof value === "number" && !Number.isFinite(value))
    return "a number out of range (not a finite number: JSON readers take it as infinity)";
  const type = Array.isArray(value) ? "array" : typeof value === "object" ? "object" : typeof value;
  return `the ${type} ${show(value)}`;
}

/** A cut-down rendering, bounded in length and depth whatever the file holds. */
const show = (value: unknown): string => preview(value);

export function configError(source: string, key: string, what: string): InputError {
  return new InputError("ALPINIZE_CONFIG_INVALID", `${source}: "${key}" ${what}`, {
    // Named by what an npm user has: the README npm packs with the alpinize (and @alpinize/repo) package.
    hint: 'Fix the setting; "Configuration" in the README of the alpinize npm package (or @alpinize/repo) lists every key with its type.',
    details: { file: source, key },
  });
}
