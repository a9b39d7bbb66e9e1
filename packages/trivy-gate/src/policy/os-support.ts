import type { OsSupport, Policy, Problem } from "../evaluation.js";
import { quoted } from "../message-text.js";
import type { OsInfo } from "../types.js";
import { daysLeft } from "./exceptions.js";
import { ROLLING_FAMILIES, SUPPORT_ENDS } from "./os-support-dates.js";

/**
 * The release a distribution keeps support dates for, read from Trivy's `Metadata.OS.Name`:
 * Alpine's branch (`3.14.0` → `3.14`), Debian's major (`9.13` → `9`), Ubuntu's `YY.MM`. A name
 * of another shape (`3.21_alpha20240807` on edge, `bookworm/sid`, `18.04-ESM`) has none.
 */
export function releaseOf(family: string, name: string): string | undefined {
  const shapes: Record<string, RegExp> = {
    alpine: /^(\d+\.\d+)(?:\.\d+)*$/,
    debian: /^(\d+)(?:\.\d+)*$/,
    ubuntu: /^(\d+\.\d+)(?:\.\d+)*(?: LTS)?$/,
  };
  return shapes[family]?.exec(name)?.[1];
}

/**
 * What the gate knows of the OS's support on the run date (`policy.now`). Trivy writes `EOSL`
 * only when it is true (it is omitted otherwise, and older Trivy never writes it), so its
 * absence says nothing: the gate's table of announced dates decides then, and without a date
 * the status is unknown, a warning (a failure with --strict-eosl). A report with no OS family
 * (`Metadata.OS` missing, `{}`, or without `Family`) is read for the OS its OS packages result
 * names (parse/os-from-results.ts); with results of several types it is unknown too: strict
 * must not pass an OS it cannot name. `osTypes` are those types, for the message.
 */
export function osSupport(
  os: OsInfo | undefined,
  policy: Policy,
  osTypes: string[] = [],
): OsSupport {
  if (!os) return unknown(os, policy, {}, osTypes);
  if (ROLLING_FAMILIES.has(os.family)) return { status: "rolling", source: "none" };
  const release = releaseOf(os.family, os.name);
  const ends = release ? SUPPORT_ENDS[os.family]?.[release] : undefined;
  const known = { ...(release ? { release } : {}), ...(ends ? { ends } : {}) };
  if (os.eosl) return { status: "eosl", source: "report", ...known };
  if (ends) {
    const status = daysLeft(ends, policy.now) < 0 ? "ended" : "supported";
    return { status, source: "table", ...known };
  }
  return unknown(os, policy, known);
}

function unknown(
  os: OsInfo | undefined,
  policy: Policy,
  known: { release?: string; ends?: string },
  osTypes: string[] = [],
): OsSupport {
  const quiet = policy.allowEosl || policy.strictEosl;
  const text = unknownText(os, osTypes);
  return {
    status: "unknown",
    source: "none",
    ...known,
    ...(quiet ? {} : { warning: `${text}; --strict-eosl makes this fail the gate` }),
  };
}

/** The OS as messages name it: report text on one line and capped. */
export const named = (os: OsInfo): string => `${quoted(os.family)} ${quoted(os.name)}`.trim();

export function osSupportProblems(
  os: OsInfo | undefined,
  support: OsSupport,
  policy: Policy,
  osTypes: string[] = [],
): Problem[] {
  if (policy.allowEosl) return [];
  const fix = "it gets no security fixes; move to a supported release (or pass --allow-eosl)";
  if (os && support.status === "eosl")
    return [{ code: "eosl", message: `${named(os)} is end-of-service-life: ${fix}` }];
  if (os && support.status === "ended") {
    const ended = `support for ${quoted(os.family)} ${support.release} ended on ${support.ends}`;
    // An explicit `EOSL: false` is Trivy's data lagging the announced date, not a missing field.
    const why = os.eoslStated
      ? `Trivy's report says EOSL false, but ${ended} per the gate's table of announced dates`
      : os.fromResults
        ? `${ended} (the gate's table of announced dates; the report has no Metadata.OS, and its OS packages result names ${named(os)})`
        : `${ended} (the gate's table of announced dates; the report has no Metadata.OS.EOSL)`;
    return [{ code: "eosl", message: `${named(os)} is end-of-service-life: ${why}, so ${fix}` }];
  }
  if (support.status === "unknown" && policy.strictEosl)
    return [{ code: "eosl-unknown", message: `${unknownText(os, osTypes)} (--strict-eosl)` }];
  return [];
}

const UNKNOWN = "end-of-life status unknown";

function unknownText(os: OsInfo | undefined, osTypes: string[]): string {
  if (!os) {
    // Every OS packages result has a Type (one without is refused), so several disagree here.
    const types = osTypes.map((t) => `"${quoted(t)}"`).join(", ");
    return `${UNKNOWN}: the report has no Metadata.OS.Family and its OS packages results are of several OS types (${types}), so the gate cannot tell which OS was scanned, nor whether it is still supported; gate the report Trivy wrote for one image`;
  }
  if (os.fromResults && !os.name)
    return `${UNKNOWN}: the report has no Metadata.OS.Family; its OS packages result names the OS ${quoted(os.family)} (its Type) but not one release (no "(${quoted(os.family)} VERSION)" at the end of its Target, or targets that disagree), so the gate cannot tell whether it is still supported; check the image's release, or re-run a current Trivy`;
  const from = os.fromResults
    ? " (named by its OS packages result's Type and Target: the report has no Metadata.OS.Family)"
    : "";
  const head = `${UNKNOWN}: the report does not mark ${named(os)}${from} end-of-service-life (Trivy writes Metadata.OS.EOSL only when it is, and older Trivy never does)`;
  const newer = newerThanTable(os);
  // A release out after this alpinize was built is the common case: a newer alpinize knows it.
  if (newer)
    return `${head} and ${quoted(os.family)} ${quoted(newer.release)} is newer than the gate's table of announced end-of-support dates (its newest ${quoted(os.family)} release is ${newer.newest}): update alpinize, whose newer versions add releases as they are announced, or check that the release is still supported`;
  return `${head} and the gate has no announced end-of-support date for it; check that the release is still supported`;
}

/** The OS's release and the table's newest of its family, when the release is newer. */
function newerThanTable(os: OsInfo): { release: string; newest: string } | undefined {
  const release = releaseOf(os.family, os.name);
  const known = Object.keys(SUPPORT_ENDS[os.family] ?? {});
  if (!release || known.length === 0) return undefined;
  const newest = known.reduce((a, b) => (compareReleases(a, b) >= 0 ? a : b));
  return compareReleases(release, newest) > 0 ? { release, newest } : undefined;
}

/** Orders dotted numeric releases (`3.9` < `3.10`, `22.04` < `24.04`). */
function compareReleases(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
