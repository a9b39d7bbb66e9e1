import { InputError } from "@alpinize/errors";
import { apkHas } from "./apk-names.js";
import { withBundledParts } from "./bundled-parts.js";
import { loadCurated } from "./data.js";
import { debianBinary } from "./debian-facts.js";
import { curatedLayer } from "./layers/curated.js";
import { dotnetLayer } from "./layers/dotnet.js";
import { ecosystemLayer, foreignEcosystemLayer, patternLayer } from "./layers/ecosystem.js";
import { exactLayer } from "./layers/exact.js";
import { nameRuleLayer, unknownLayer } from "./layers/fallback.js";
import { familyLayer } from "./layers/families.js";
import { goToolchainLayer } from "./layers/go-toolchain.js";
import { libreofficeL10nLayer } from "./layers/libreoffice-l10n.js";
import { postgresExtensionLayer } from "./layers/postgres-extensions.js";
import { projectLayer } from "./layers/project.js";
import { tesseractLayer } from "./layers/tesseract.js";
import { texliveLayer } from "./layers/texlive.js";
import type { Env, Hit, Layer } from "./layers/types.js";
import { upstreamLayer } from "./layers/upstream.js";
import { aliasOf, isDebianPackageName, stripArch } from "./names.js";
import { releaseIndex } from "./release-index.js";
import { DEFAULT_RELEASE, isKnownRelease, KNOWN_RELEASES } from "./releases.js";
import type {
  EvidenceStep,
  Explanation,
  MapContext,
  MappingKind,
  PackageDecision,
  PackageMap,
  PackageMapOptions,
} from "./types.js";
import { TypoSearches } from "./typo-searches.js";

// Order matters: explicit knowledge first, then facts, then rules, from strongest to weakest.
const LAYERS: Layer[] = [
  curatedLayer,
  patternLayer,
  familyLayer,
  goToolchainLayer,
  tesseractLayer,
  dotnetLayer,
  libreofficeL10nLayer,
  texliveLayer,
  postgresExtensionLayer,
  exactLayer,
  ecosystemLayer,
  upstreamLayer,
  nameRuleLayer,
  foreignEcosystemLayer,
];

export function createPackageMap(options: PackageMapOptions = {}): PackageMap {
  const release = options.release ?? DEFAULT_RELEASE;
  if (!isKnownRelease(release)) {
    throw new InputError(
      "ALPINIZE_PACKAGES_UNKNOWN_RELEASE",
      `no package data for Alpine ${release}`,
      {
        hint: `Use one of ${KNOWN_RELEASES.join(", ")}, or regenerate the data for a new release (see @alpinize/package-map's README).`,
        details: { release },
      },
    );
  }
  const index = releaseIndex(release);
  const curated = options.curated === false ? { ...loadCurated(), packages: {} } : loadCurated();
  const base = {
    release,
    index,
    curated,
    defaults: curated.defaults[release] ?? {},
    project: options.overrides ?? {},
    typos: new TypoSearches(options.typoSearchLimit),
  };
  const explain = (debianName: string, context: MapContext = {}): Explanation => {
    const steps: EvidenceStep[] = [];
    const decision = decide(debianName, { ...base, context }, steps);
    steps.push({ layer: decision.layer, detail: decision.reason });
    return { release, decision, steps };
  };
  return {
    release,
    map: (debianName, context) => explain(debianName, context).decision,
    exists: (alpineName) => index.has(alpineName),
    explain,
    commandsOf: (debianName) => commandsOf(stripArch(debianName), curated.packages),
  };
}

function commandsOf(name: string, curated: Env["curated"]["packages"]): string[] {
  // The Debian slice lists the commands of binaries named apart from their source only: for
  // the others (nodejs) a curated table alone would be a partial list, so none is given.
  const shipped = debianBinary(name).commands;
  if (shipped.length === 0) return [];
  const entry = Object.hasOwn(curated, name) ? curated[name] : undefined;
  const tables = [entry?.commands, ...Object.values(entry?.releases ?? {}).map((r) => r.commands)];
  const mapped = tables.flatMap((t) => Object.keys(t ?? {}));
  return [...new Set([...shipped, ...mapped])].sort();
}

function decide(input: string, env: Env, steps: EvidenceStep[]): PackageDecision {
  const trace = { note: (layer: string, detail: string) => steps.push({ layer, detail }) };
  const name = stripArch(input.trim());
  if (!isDebianPackageName(name)) {
    return {
      debian: input,
      alpine: [],
      kind: "unknown",
      layer: "invalid",
      reason: `${JSON.stringify(input)} is not a valid Debian package name`,
    };
  }
  const hit = projectLayer(name, env, trace) ?? runLayers(name, env, trace);
  return finish(input, name, withNotes(hit, input.trim(), name, env));
}

/** What the answer leaves unsaid: a dropped architecture qualifier, a name that is only provided. */
function withNotes(hit: Hit, input: string, name: string, env: Env): Hit {
  const notes: string[] = [];
  if (input !== name) {
    notes.push(
      `the architecture qualifier ${input.slice(name.length)} was dropped (apk installs the image's own architecture; cross builds use xx-apk)`,
    );
  }
  // Reasons that already speak of providers need no second sentence about them.
  for (const n of /provide/.test(hit.reason) ? [] : hit.alpine) {
    const by = env.index.isReal(n) ? [] : env.index.providers(n);
    if (by.length > 0)
      notes.push(`${n} is a name ${by.join(" or ")} provides in Alpine ${env.release}`);
  }
  return notes.length === 0 ? hit : { ...hit, reason: `${hit.reason}; ${notes.join("; ")}` };
}

function runLayers(name: string, env: Env, trace: { note(l: string, d: string): void }): Hit {
  const alias = aliasOf(name);
  if (alias && !env.index.has(name) && !Object.hasOwn(env.curated.packages, name)) {
    trace.note(alias.layer, alias.why);
    const hit = runLayers(alias.name, env, trace);
    // "exact" described the alias, not the name asked about.
    const exact = hit.kind === "exact";
    const layer = exact ? alias.layer : hit.layer;
    const out: Hit = {
      ...hit,
      layer,
      kind: exact ? undefined : hit.kind,
      reason: `${alias.why}; ${hit.reason}`,
    };
    const to = alias.version ? env.defaults[alias.version.family] : undefined;
    if (alias.version && to && to !== alias.version.from && hit.alpine.length > 0) {
      out.versionChange = { ...alias.version, to };
    }
    return out;
  }
  for (const layer of LAYERS) {
    const hit = layer(name, env, trace);
    if (!hit) continue;
    // apk's own names the static index misses count (aspnetcore8-runtime, read as aspnetcore8.0-…).
    const release = { exists: (n: string) => env.index.has(n), release: env.release };
    const missing = hit.alpine.filter((n) => !apkHas(release, n));
    if (missing.length === 0) return withBundledParts(name, hit, env, trace);
    // A layer proposing a name the release lacks is a data gap, never an answer.
    trace.note(
      hit.layer,
      `proposed ${missing.join(", ")}, which Alpine ${env.release} does not have`,
    );
  }
  return unknownLayer(name, env, trace) as Hit;
}

function finish(input: string, name: string, hit: Hit): PackageDecision {
  const decision: PackageDecision = {
    debian: input,
    alpine: hit.alpine,
    kind: hit.kind ?? kindOf(name, hit.alpine),
    reason: hit.reason,
    layer: hit.layer,
  };
  if (hit.candidates?.length) decision.candidates = hit.candidates;
  if (hit.versionChange) decision.versionChange = hit.versionChange;
  return decision;
}

function kindOf(name: string, alpine: readonly string[]): MappingKind {
  if (alpine.length === 0) return "none";
  if (alpine.length > 1) return "split";
  return alpine[0] === name ? "exact" : "renamed";
}
