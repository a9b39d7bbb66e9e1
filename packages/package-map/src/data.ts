import { readFileSync } from "node:fs";

// Data files ship beside dist/ (and src/ in the repo), so the same relative URL works for both.
const DATA = new URL("../data/", import.meta.url);

export interface ReleaseData {
  release: string;
  /** origin → [repo "m"|"c", names: "=" the origin itself, "-x" origin-x, else the full name] */
  origins: Record<string, string[]>;
  /** virtual name → providing packages */
  provides: Record<string, string[]>;
  /** Debian source → origin, or [origin, key] when joined on another key than the name */
  join: Record<string, string | [string, string]>;
  /** origin → pkgver ("1.26.3") for single-stream toolchains (`VERSIONED_ORIGINS` in the generator) */
  versions?: Record<string, string>;
}

/** The runtime slice of the Debian facts (data/debian-index.json, written by the generator). */
export interface DebianData {
  /** binary → [source, ...commands it installs]; a binary absent here is its own source. */
  binaries: Record<string, string[]>;
}

export interface CuratedEntry {
  alpine: string[];
  why: string;
  kind?: "renamed" | "split" | "merged" | "none";
  layer?: string;
  /** Smallest choice when the script is known to use only these commands. */
  commands?: Record<string, string[]>;
  /** Release-specific replacement of alpine/why/commands. */
  releases?: Record<string, Partial<Omit<CuratedEntry, "releases">>>;
}

export interface CuratedData {
  /** release → family → default major ("clang" → "21") */
  defaults: Record<string, Record<string, string>>;
  packages: Record<string, CuratedEntry>;
}

const cache = new Map<string, unknown>();

function load<T>(file: string): T {
  let value = cache.get(file);
  if (value === undefined) {
    value = JSON.parse(readFileSync(new URL(file, DATA), "utf8"));
    cache.set(file, value);
  }
  return value as T;
}

export const loadRelease = (release: string): ReleaseData =>
  load<ReleaseData>(`alpine-${release}.json`);
export const loadDebian = (): DebianData => load<DebianData>("debian-index.json");
export const loadCurated = (): CuratedData => load<CuratedData>("curated.json");
