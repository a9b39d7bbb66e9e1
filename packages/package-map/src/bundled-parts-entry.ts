/**
 * Data and plugins a Debian package ships inside itself that Alpine packages apart from the
 * library. Answering with the library alone installs without error and then degrades at run time
 * (ICU falls back to English, ImageMagick cannot decode JPEG), so the parts are added to the answer.
 */
export interface BundledParts {
  /** Debian names whose package carries the parts. */
  debian: RegExp;
  /**
   * The Alpine package the map answers with; the parts are added only next to it. A pattern when
   * the answer carries a version the parts share (php84-fpm).
   */
  base: string | RegExp;
  /**
   * Alpine packages holding what the Debian package carries; each is added where the release has
   * it. A function of the base answered when they are named after it (php84-fpm → php84-ctype).
   */
  parts: readonly string[] | ((base: string) => readonly string[]);
  why: string;
}
