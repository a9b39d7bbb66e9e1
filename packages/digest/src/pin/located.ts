export type PinFileKind = "dockerfile" | "compose" | "workflow";

export interface LocatedReference {
  reference: string;
  /**
   * Offsets of the reference text, so it can be replaced in place. For a skipped one (`skip`),
   * both are the start of its line and `reference` is the value as written there.
   */
  start: number;
  end: number;
  line: number;
  /** What holds it: `FROM`, `ARG BASE_IMAGE`, `services.web.image`, `jobs.test.container`… */
  where: string;
  /** Why pin leaves it alone (a form it cannot rewrite, an image compose builds): a skip. */
  skip?: string;
  /**
   * Set when the image is used here through an alias (`image: *img`) or a merge key but written
   * at an anchor: `start`/`end` are then the anchor's text (on line `anchor.line`), which pinning
   * rewrites for every alias of it.
   */
  anchor?: { name: string; line: number };
  /**
   * Advice on a line that uses an image pinned elsewhere (a `COPY --from=${X}` whose global ARG
   * default is pinned): nothing to pin or skip here; `reference` is the value as written.
   */
  warning?: string;
  /** Set on the skip of a compose service's image that the service builds: nothing to pull. */
  built?: true;
  /**
   * Set when the value can be no image reference at all (`image: 1.5`, a YAML number, which
   * compose refuses): `skip` says why, and it is a problem (bad input), not a skip.
   */
  invalid?: true;
}
