// What decideImage answers for one reference: its own module, since distroless.ts builds one too
// and images.ts calls it.

export type ImageFamily = "alpine" | "converted" | "other";

export interface ImageDecision {
  family: ImageFamily;
  /** The new reference, when it changes. */
  after?: string;
  /** The familiar repository after the change (for renovate comments). */
  repository: string;
  needsPin: boolean;
  warning?: string;
  /** The warning is not given when the Dockerfile's text already says this (`CGO_ENABLED=0`). */
  quietWhen?: RegExp;
  /** A distroless image: its musl warnings are moot when only static Go binaries come in. */
  distroless?: boolean;
  /** What to say where `warning` keeps quiet: the image stays, and what to use on Alpine. */
  noVariant?: string;
  note?: string;
  /**
   * The Debian tag is built on buildpack-deps (`scm`: curl, gnupg, git, …; `full`: also autotools
   * and patch) and the -alpine tag has none of those tools.
   */
  onBuildpack?: "scm" | "full";
  /**
   * A .NET image whose Debian tags ship ICU and tzdata, while its -alpine tag has neither and
   * sets DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true (aspnet, runtime, runtime-deps, monitor).
   */
  invariantGlobalization?: boolean;
}
