import type { PackageDecision, PackageMap } from "@alpinize/package-map";
import type { RuleId } from "../edits.js";

/**
 * A build-context file the reader refused because it is a link (its own, or a folder's on the way)
 * whose real path is outside the build context: Docker does not copy the file it points to, and
 * the reader did not read it. migrate warns at the COPY that brings it in.
 */
export interface ContextFileSkipped {
  readonly skipped: "outside-context";
}

/** What `readContextFile` gives for a path: the text, undefined when unreadable, or a refusal. */
export type ContextFileRead = string | undefined | ContextFileSkipped;

export interface MigrateOptions {
  /** Target Alpine release "X.Y"; defaults to the package map's release. */
  release?: string;
  /** A ready package map (built once per run for speed); created from `release` when absent. */
  packageMap?: PackageMap;
  /** Used in messages: `Dockerfile:12: …`. */
  fileName?: string;
  /**
   * Reads a file from the build context (COPY sources), for checks such as bash shebangs.
   * Return undefined when it does not exist, `{ skipped: "outside-context" }` for a link that
   * leads out of the context (migrate then warns at its COPY: the file was not looked at). Kept
   * as a callback so the library stays pure.
   */
  readContextFile?: (path: string) => ContextFileRead;
  /**
   * A RUN that only downloads, verifies and installs a gosu release binary: `keep` (default)
   * leaves it and warns (the static binary runs on musl; docker-library's Alpine images still
   * download it); `su-exec` replaces the RUN with `apk add --no-cache su-exec` and gosu calls in
   * the same Dockerfile with su-exec.
   */
  gosuDownload?: "keep" | "su-exec";
  /**
   * The caller migrates the build-context scripts along with the Dockerfile (`alpinize migrate
   * DIR` does). An apt gosu then becomes su-exec even when a copied script calls gosu, since that
   * call is rewritten too; without it such a gosu is kept (where the release packages gosu).
   */
  migratesScripts?: boolean;
}

export interface MigrateWarning {
  rule: RuleId;
  message: string;
  /** Where the warning points in the input. */
  line: number;
  column: number;
  /** Source offset in the input. */
  offset: number;
}

/** A warning with where the text it points at is in the output (what `--write` leaves on disk). */
export interface MigrateResultWarning extends MigrateWarning {
  outputLine: number;
  outputColumn: number;
}

export interface MigrateEdit {
  rule: RuleId;
  line: number;
  column: number;
  /** Source offsets in the input. */
  start: number;
  end: number;
  before: string;
  after: string;
}

/**
 * `image-provided`: no package the Dockerfile installed, but one the Debian base image had
 * installed without being asked (`debian` names it, or the variable that lists them:
 * `$PHPIZE_DEPS` on the php images) and the Alpine image lacks; `alpine` is what migrate added
 * for it. The other kinds are the package map's.
 */
export type PackageRecordKind = PackageDecision["kind"] | "image-provided";

export interface PackageRecord extends Omit<PackageDecision, "kind"> {
  kind: PackageRecordKind;
  line: number;
  /** `apt` for apt-get/apt/aptitude, `xx-apt` for the cross-compile helper. */
  tool: "apt" | "xx-apt";
  /** The Alpine names actually written (after de-duplication within the command). */
  written: string[];
}

export interface ImageChange {
  line: number;
  stage?: string;
  before: string;
  after: string;
  /** A digest was dropped and the new reference needs a pin (`alpinize pin`). */
  needsPin: boolean;
}

/**
 * A Debian tool (apt-get, dpkg-divert, useradd without shadow…) that a RUN of a stage on Alpine
 * still runs after the migration: in a RUN migrate could not convert (one sh cannot read, an
 * exec-form RUN), or a step of a converted one it left as is (`apt-get source`, `xargs apt-get`).
 * The build fails there until a person fixes it.
 */
export interface DebianToolLeft {
  tool: string;
  /** Where the tool is named in the input. */
  line: number;
  column: number;
  offset: number;
  /** Where it is named in the output (the file `--write` leaves). */
  outputLine: number;
  outputColumn: number;
}

/**
 * A name an `apk add` of a stage on Alpine still asks for after the migration that the stage's
 * Alpine release does not have in main or community (a Debian name with no Alpine package,
 * kept as written, or a typo): apk installs nothing there and the build fails until a person
 * picks the Alpine name or adds the repository that has it.
 */
export interface UnknownPackageLeft {
  name: string;
  /** The release it was looked up in: the one the stage's FROM names, else the target. */
  release: string;
  /**
   * A `||` or an if catches the call's failure (`apk add x || true`): the build goes on without
   * it, so `--check` does not fail on it (as check's apk-unknown-package warns).
   */
  guarded?: true;
  /**
   * An `apk add` after `||` runs when this call fails (`apk add libssl1.1 || apk add libssl3`):
   * not a `--check` failure either; the fallback's own names are judged on their own.
   */
  fallback?: true;
  /** Where the `apk` of the call is in the input. */
  line: number;
  column: number;
  offset: number;
  /** Where it is in the output. */
  outputLine: number;
  outputColumn: number;
}

export interface MigrateResult {
  output: string;
  changed: boolean;
  release: string;
  edits: MigrateEdit[];
  warnings: MigrateResultWarning[];
  packages: PackageRecord[];
  images: ImageChange[];
  /** Empty unless an Alpine stage still runs a Debian tool (see DebianToolLeft): not done yet. */
  debianToolsLeft: DebianToolLeft[];
  /** Empty unless an Alpine stage still installs a name its release lacks: not done yet. */
  unknownPackages: UnknownPackageLeft[];
}
