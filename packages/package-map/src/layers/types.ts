import type { CuratedData } from "../data.js";
import type { ReleaseIndex } from "../release-index.js";
import type { MapContext, MappingKind } from "../types.js";
import type { TypoSearches } from "../typo-searches.js";

/** What a layer decides; the engine fills in `kind` when the layer leaves it out. */
export interface Hit {
  alpine: string[];
  reason: string;
  layer: string;
  kind?: MappingKind;
  candidates?: string[];
  versionChange?: { family: string; from: string; to: string };
}

export interface Env {
  release: string;
  index: ReleaseIndex;
  context: MapContext;
  curated: CuratedData;
  /** Default major per versioned family in this release ("clang" → "21"). */
  defaults: Record<string, string>;
  project: Readonly<Record<string, readonly string[]>>;
  /** The map's typo searches, kept per name and bounded in number. */
  typos: TypoSearches;
}

export interface Trace {
  note(layer: string, detail: string): void;
}

export type Layer = (name: string, env: Env, trace: Trace) => Hit | undefined;

/** The first of `names` that exists in the release. */
export function firstExisting(env: Env, names: readonly string[]): string | undefined {
  return names.find((n) => env.index.has(n));
}
