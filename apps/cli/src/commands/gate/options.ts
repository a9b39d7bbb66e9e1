import { UsageError } from "@alpinize/errors";
import { escapeInline, hasControl } from "@alpinize/image-ref";
import {
  FORMATS,
  type Format,
  parseSeverityList,
  type Severity,
  STATUSES,
  type Status,
} from "@alpinize/trivy-gate";
import { parseCommandArgs, quoteValue } from "../../args.js";
import { missingOperand } from "../../missing-operand.js";

const FLAGS = {
  severity: { type: "string" },
  "severity-source": { type: "string" },
  "ignore-unfixed": { type: "boolean" },
  "ignore-status": { type: "string" },
  exceptions: { type: "string" },
  vex: { type: "string", multiple: true },
  "allow-eosl": { type: "boolean" },
  "strict-eosl": { type: "boolean" },
  "allow-unknown-os": { type: "boolean" },
  "vulnerabilities-only": { type: "boolean" },
  baseline: { type: "string" },
  format: { type: "string" },
  json: { type: "boolean" },
  output: { type: "string" },
  "sarif-location": { type: "string" },
  "sarif-category": { type: "string" },
  "max-size": { type: "string" },
  image: { type: "string" },
} as const;

export interface GateOptions {
  report?: string;
  image?: string;
  severities: Severity[];
  severitySource: string;
  ignoreUnfixed: boolean;
  ignoreStatuses: Status[];
  exceptions?: string;
  vex: string[];
  allowEosl: boolean;
  strictEosl: boolean;
  allowUnknownOs: boolean;
  vulnerabilitiesOnly: boolean;
  baseline?: string;
  format: Format;
  output?: string;
  sarifLocation: string;
  sarifCategory?: string;
  maxBytes: number;
}

/** C0 and C1 controls (tab and newline too), DEL, and the Unicode line and paragraph separators. */
const hasBreakOrControl = (s: string) => hasControl(s) || /[\t\n\u2028\u2029]/.test(s);

const usage = (message: string) =>
  new UsageError(`alpinize gate: ${message}`, { hint: 'Run "alpinize gate --help".' });

export function parseGateArgs(argv: string[], cwd = process.cwd()): GateOptions {
  refuseNegativeSize(argv);
  const parsed = parseCommandArgs(argv, FLAGS, "gate", {
    // An empty report path (often an unset variable) would otherwise read the current directory.
    operand: { name: "report path", give: "the report file, or - for stdin" },
  });
  const { values: v, positionals } = parsed;
  if (positionals.length > 1)
    throw usage(`expected one report, got ${positionals.length}: ${positionals.join(" ")}`);
  const report = positionals[0];
  if (report === undefined && !v.image)
    throw missingOperand("gate", parsed, cwd, {
      message: "give a report file (or - for stdin), or --image REF",
      hint: 'Run "alpinize gate --help".',
    });
  if (report !== undefined && v.image)
    throw usage("give either a report file or --image, not both");
  if (report === "-" && v.baseline === "-")
    throw usage("only one of the report and --baseline can be read from stdin");
  if (v["allow-eosl"] && v["strict-eosl"])
    throw usage(
      "--allow-eosl and --strict-eosl exclude each other (one accepts what the other fails)",
    );
  const severities = parseSeverityList(v.severity ?? "HIGH,CRITICAL");
  if (!severities)
    throw usage(
      `--severity ${quoteValue(v.severity)}: expected a comma list of UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL`,
    );
  // An unknown format is named as such first, also beside --json: "exclude each other" would
  // hide that the value itself is wrong.
  if (v.format !== undefined && !FORMATS.includes(v.format as Format))
    throw usage(
      `--format ${quoteValue(v.format)}: unknown format; expected one of ${FORMATS.join(", ")}`,
    );
  // --json is the spelling every other command takes for machine output: --format json here.
  if (v.json && v.format !== undefined && v.format !== "json")
    throw usage(`--json and --format ${v.format} exclude each other (--json is --format json)`);
  const format = (v.json ? "json" : (v.format ?? "text")) as Format;
  const sarifLocation = v["sarif-location"] ?? "Dockerfile";
  if (/^([a-z]+:|\/)/i.test(sarifLocation) || sarifLocation.split(/[\\/]/).includes(".."))
    throw usage(
      `--sarif-location ${quoteValue(sarifLocation)}: expected a path relative to the repository root`,
    );
  const category = v["sarif-category"];
  if (category !== undefined && hasBreakOrControl(category))
    throw usage(
      `--sarif-category "${escapeInline(category).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}": control characters and line breaks are not allowed (the category names the analysis in code scanning); use letters, digits and / - _ .`,
    );
  const severitySource = (v["severity-source"] ?? "report").toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(severitySource))
    throw usage(
      `--severity-source ${quoteValue(v["severity-source"])}: expected report, max or a vendor name (nvd, ghsa, debian, alpine, redhat…)`,
    );
  const opts: GateOptions = {
    severities,
    severitySource,
    ignoreUnfixed: v["ignore-unfixed"] === true,
    ignoreStatuses: parseStatuses(v["ignore-status"]),
    vex: v.vex ?? [],
    allowEosl: v["allow-eosl"] === true,
    strictEosl: v["strict-eosl"] === true,
    allowUnknownOs: v["allow-unknown-os"] === true,
    vulnerabilitiesOnly: v["vulnerabilities-only"] === true,
    format,
    sarifLocation,
    maxBytes: parseMaxSize(v["max-size"]),
  };
  if (report !== undefined) opts.report = report;
  if (v.image) opts.image = v.image;
  if (v.exceptions) opts.exceptions = v.exceptions;
  if (v.baseline) opts.baseline = v.baseline;
  if (v.output) opts.output = v.output;
  if (v["sarif-category"]) opts.sarifCategory = v["sarif-category"];
  return opts;
}

function parseStatuses(text: string | undefined): Status[] {
  if (text === undefined) return [];
  const list = text
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = list.filter((s) => !(STATUSES as readonly string[]).includes(s));
  if (bad.length || list.length === 0)
    throw usage(
      `--ignore-status ${quoteValue(text)}: expected a comma list of ${STATUSES.join(", ")}`,
    );
  if (list.includes("fixed"))
    throw usage("--ignore-status cannot accept fixed findings; use an exception");
  return list as Status[];
}

const UNITS: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A decimal size: `512` (MiB), `1.5G`, `800MiB`, `64 KiB`. Hex, exponents and signs are refused. */
function parseMaxSize(text: string | undefined): number {
  if (text === undefined) return 512 * 1024 * 1024;
  const m = /^(\d+(?:\.\d+)?) ?(?:([kmg])(?:ib)?)?$/i.exec(text.trim());
  const unit = m?.[2] ? UNITS[m[2].toLowerCase()]! : UNITS.m!;
  const bytes = m ? Math.floor(Number(m[1]) * unit) : Number.NaN;
  if (!m || !(bytes > 0)) throw badSize(text);
  return bytes;
}

const badSize = (text: string) =>
  usage(
    `--max-size "${escapeInline(text)}": expected a positive decimal size: a number of MiB, or with a unit K, M or G (KiB, MiB, GiB), e.g. 512 or 1.5G`,
  );

/**
 * `--max-size -1`: Node's parser reads a value starting with `-` as a flag and answers that the
 * argument is ambiguous. A negative size is refused in the size's own words instead.
 */
function refuseNegativeSize(argv: string[]): void {
  for (let i = 0; i + 1 < argv.length; i++) {
    if (argv[i] === "--") return;
    if (argv[i] === "--max-size" && /^-[\d.]/.test(argv[i + 1]!)) throw badSize(argv[i + 1]!);
  }
}
