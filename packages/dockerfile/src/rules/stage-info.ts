import type { Stage } from "../stages.js";
import type { BuildpackVariant } from "./buildpack-variant.js";
import type { ImageFamily } from "./image-decision.js";

// Apart from from.ts, which fills it: the rules that read it (and StageState) import only this.

export interface StageInfo {
  stage: Stage;
  family: ImageFamily | "inherit";
  /** RUN lines are converted: the stage ends up on Alpine. */
  alpine: boolean;
  /** The stage is built on a golang image (directly or through earlier stages). */
  go: boolean;
  final: boolean;
  /** The stage was on buildpack-deps (which preinstalls tools) and moved to plain Alpine. */
  buildpack?: BuildpackVariant;
  /** The image built on buildpack-deps was a language image (python:3.12-bookworm), not it. */
  buildpackVia?: string;
  /** Alpine-based before migration: rules that make up for Debian's base contents skip it. */
  already?: boolean;
  /**
   * Left on its Debian base although its image has an Alpine variant: it runs programs a
   * glibc-only stage built, or it (or a stage built FROM it) has a RUN migrate cannot convert.
   */
  kept?: boolean;
  /** A .NET image moved to an -alpine tag without ICU and tzdata (see dotnet-icu.ts). */
  invariantGlobalization?: boolean;
  /** The full language tag's toolchain note, for native-toolchain.ts to give or replace. */
  toolchainNote?: { at: number; text: string };
}
