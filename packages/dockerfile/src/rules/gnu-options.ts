import { APPLETS, FIND_MISSING, gnuPackageOf } from "@alpinize/busybox";

/**
 * The options busybox rejects, per applet migrate can add a GNU package for, as sets of names.
 * A view of @alpinize/busybox's measured tables (the rule itself asks that package per call).
 */
export interface OptionSpec {
  /** Short options (letters) the applet rejects. */
  short?: string;
  /** Long options (without `--`) the applet rejects. */
  long?: ReadonlySet<string>;
  /** For find: primaries (without `-`) busybox rejects. */
  primaries?: ReadonlySet<string>;
}

function specOf(rejected: readonly string[]): OptionSpec {
  return {
    short: rejected
      .filter((o) => /^-[A-Za-z]$/.test(o))
      .map((o) => o.slice(1))
      .join(""),
    long: new Set(rejected.filter((o) => o.startsWith("--")).map((o) => o.slice(2))),
  };
}

export const BUSYBOX_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  ...Object.fromEntries(
    Object.entries(APPLETS)
      .filter(([tool]) => gnuPackageOf(tool) !== undefined)
      .map(([tool, spec]) => [tool, specOf(Object.keys(spec.rejects))]),
  ),
  find: {
    primaries: new Set(
      Object.keys(FIND_MISSING)
        .filter((p) => /^-[a-z_]+$/.test(p))
        .map((p) => p.slice(1)),
    ),
  },
};
