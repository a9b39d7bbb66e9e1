#!/usr/bin/env node
// Corpus scoreboard for `alpinize migrate`: converts every Debian Dockerfile in
// ../shared/corpus/pairs/ and compares it with the expert's alpine.Dockerfile.
//
// Per pair: final stage on Alpine, Debian tools left, apk package precision and recall.
// "Debian tools left" is migrate's own `debianToolsLeft` (what `migrate --check` fails on): each
// call of a Debian tool (apt-get, dpkg-divert, useradd…, `isDebianTool` in @alpinize/dockerfile)
// that a RUN of a stage on Alpine still makes in the output, behind wrappers, in `sh -c` strings
// and `$( )` too, less dpkg's and shadow's programs where apk installs their package (for good,
// or in a virtual package of the same RUN). One definition, so the scoreboard and --check agree.
// The apk set of a file (ours and the expert's, extracted the same way) is every literal operand
// of `apk add` / `xx-apk add` in any RUN of any stage, with `$VAR`/`${VAR}` expanded from ENV/ARG
// values in the file and from assignments earlier in the same RUN; options and their values
// (`--virtual .x`, `-t .x`, `--repository URL`), virtual names (`.x`), `so:`/`cmd:`/`pc:`
// dependencies and version constraints (`=1.2`, `>1`, `~1`) are removed. A name that is not a
// package of that Alpine release but is provided by exactly one package (`libc-dev` is provided
// by `musl-dev`) is counted as that provider, on both sides, using ../shared/corpus/aports-index.
// Precision = |ours ∩ expert| / |ours|, recall = |ours ∩ expert| / |expert|, pooled over the
// parallel pairs (all but postgres, node, nginx*, temurin, which install vendor packages on
// Debian and build from source on Alpine). Each pair is converted with --alpine set to the
// release in the expert's FROM lines when it names a known one (alpine:3.23, -alpine3.23), and
// with the gosu choice the expert made: `gosuDownload: "su-exec"` (the CLI's `--gosu su-exec`) when
// the expert's file installs su-exec and fetches no gosu release, as a user would choose it.
// Where the expert rewrote the entrypoint too (the pair keeps a separate alpine.entrypoint.sh),
// the conversion is told the scripts are migrated with it (`migratesScripts`), which is what
// `alpinize migrate DIR` does; otherwise a copied script that calls gosu keeps gosu installed.
// As the CLI does, the converter may read the COPYed build-context files: the pairs keep the
// entrypoint script as entrypoint.sh (or debian.entrypoint.sh when the variants differ), which is
// what a `COPY docker-entrypoint.sh` / `COPY entrypoint.sh` of the Debian file reads.
//
// Runs from built dist (pnpm build first). Exit 0 unless a conversion crashes (70), or the
// corpus or the build is missing (2).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The shared corpus sits beside the clone (../shared/corpus); ALPINIZE_CORPUS_DIR names another.
const corpusRoot = process.env.ALPINIZE_CORPUS_DIR || join(root, "..", "shared", "corpus");
const corpus = join(corpusRoot, "pairs");
const dist = join(root, "packages", "dockerfile", "dist", "index.js");
const mapDist = join(root, "packages", "package-map", "dist", "index.js");

// A scoreboard that scored nothing must not read as a pass (CI runs this after the tests).
const WHERE =
  "it lives next to the repository as ../shared/corpus; or set ALPINIZE_CORPUS_DIR to the folder holding pairs/";
if (!existsSync(corpus)) {
  console.error(`corpus: ${corpus} not found, nothing was scored (${WHERE})`);
  process.exit(2);
}
if (!statSync(corpus).isDirectory()) {
  console.error(`corpus: ${corpus} is not a folder, nothing was scored (${WHERE})`);
  process.exit(2);
}
if (!existsSync(dist) || !existsSync(mapDist)) {
  console.error("corpus: build first (pnpm build): packages/dockerfile/dist is missing");
  process.exit(2);
}
const { migrateDockerfile, parseDockerfile, parseScript, analyzeStages } = await import(dist);
const { createPackageMap, DEFAULT_RELEASE, KNOWN_RELEASES } = await import(mapDist);

const NOT_PARALLEL = /^(?:postgres|node|nginx|temurin)/;
const TARGETS = { precision: 0.9, recall: 0.8 };

function runTexts(doc, ins) {
  if (ins.heredocs.length > 0 && /^\s*(?:--\S+\s+)*<</.test(ins.args.text)) {
    return ins.heredocs.map((h) => doc.text.slice(h.bodyStart, h.bodyEnd));
  }
  return [ins.args.text.replace(/^(?:\s*--\S+)*\s*/, "")];
}

function fileValues(doc) {
  const values = new Map();
  for (const ins of doc.instructions) {
    if (ins.keyword !== "ENV" && ins.keyword !== "ARG") continue;
    const text = ins.args.text.trim();
    const legacy = /^([A-Za-z_]\w*)\s+(.*)$/s.exec(text);
    if (ins.keyword === "ENV" && legacy && !legacy[1].includes("=")) {
      values.set(legacy[1], legacy[2]);
      continue;
    }
    for (const m of text.matchAll(/([A-Za-z_]\w*)=("([^"]*)"|'([^']*)'|(\S*))/g)) {
      values.set(m[1], m[3] ?? m[4] ?? m[5] ?? "");
    }
  }
  return values;
}

/** The apk package set a Dockerfile installs (see the header for the exact definition). */
export function apkSet(text) {
  const doc = parseDockerfile(text);
  const values = fileValues(doc);
  const out = new Set();
  for (const ins of doc.instructions) {
    if (ins.keyword !== "RUN" || ins.form === "exec") continue;
    for (const body of runTexts(doc, ins)) {
      let script;
      try {
        script = parseScript(body);
      } catch {
        continue;
      }
      const local = new Map();
      for (const item of script.items) {
        if (item.kind !== "pipeline") continue;
        for (const cmd of item.commands) {
          for (const a of cmd.assignments) {
            const eq = a.raw.indexOf("=");
            if (a.value !== undefined) local.set(a.raw.slice(0, eq), a.value.slice(eq + 1));
          }
          addApkOperands(cmd, local, values, out);
        }
      }
    }
  }
  return out;
}

function addApkOperands(cmd, local, values, out) {
  const [tool, sub, ...rest] = cmd.args;
  if (!tool || !/^(?:xx-)?apk$/.test(tool.value ?? "") || sub?.value !== "add") return;
  for (let k = 0; k < rest.length; k++) {
    const w = rest[k];
    const v = w.value ?? w.raw;
    if (/^(?:--virtual|-t|--repository|-X|--arch|--root|-p|--cache-dir)$/.test(v)) {
      k++;
      continue;
    }
    if (v.startsWith("-")) continue;
    const variable = /^"?\$\{?([A-Za-z_]\w*)\}?"?$/.exec(w.raw);
    const words = variable
      ? (local.get(variable[1]) ?? values.get(variable[1]) ?? "").split(/\s+/)
      : [v];
    for (const name of words) {
      const clean = name.replace(/[=<>~].*$/, "");
      if (!clean || clean.startsWith(".") || /^(?:so|cmd|pc):/.test(clean) || clean.includes("$"))
        continue;
      out.add(clean);
    }
  }
}

function finalStageAlpine(text) {
  const doc = parseDockerfile(text);
  const { stages, globalArgs } = analyzeStages(doc);
  let stage = stages[stages.length - 1];
  while (stage?.parent) stage = stage.parent;
  if (!stage) return false;
  let image = stage.image;
  const v = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(image);
  if (v) image = [...globalArgs].reverse().find((a) => a.name === v[1])?.value ?? image;
  const [name, tag = "latest"] = image.replace(/@.*$/, "").split(/:(?=[^/]*$)/);
  return /(?:^|\/)alpine$/.test(name) || /(?:^|-)alpine/.test(tag);
}

function expertRelease(text) {
  for (const m of text.matchAll(/^FROM\s+(?:--\S+\s+)*(\S+)/gm)) {
    const r = /(?:^|\/)alpine:(\d+\.\d+)|-alpine(\d+\.\d+)/.exec(m[1]);
    const rel = r?.[1] ?? r?.[2];
    if (rel && KNOWN_RELEASES.includes(rel)) return rel;
  }
  return DEFAULT_RELEASE;
}

/** name → providing package, for names that are only provided (virtuals), per release. */
const providerCache = new Map();
function providers(release) {
  if (providerCache.has(release)) return providerCache.get(release);
  const file = join(corpusRoot, "aports-index", `aports-${release}.0-packages.tsv`);
  const names = new Set();
  const provided = new Map();
  if (existsSync(file)) {
    const lines = readFileSync(file, "utf8").split("\n").slice(1);
    for (const line of lines) {
      const cols = line.split("\t");
      if (cols.length < 9) continue;
      names.add(cols[2]);
      for (const p of (cols[8] ?? "").split(/\s+/)) {
        const n = p.replace(/[=<>~].*$/, "");
        if (!n || n.includes(":")) continue;
        provided.set(n, provided.has(n) && provided.get(n) !== cols[2] ? null : cols[2]);
      }
    }
  }
  const resolve = (n) => (names.has(n) ? n : (provided.get(n) ?? n));
  providerCache.set(release, resolve);
  return resolve;
}

const normalize = (set, release) => new Set([...set].map(providers(release)));

const maps = new Map();
const mapFor = (release) => {
  if (!maps.has(release)) maps.set(release, createPackageMap({ release }));
  return maps.get(release);
};

/** The expert replaced gosu's release download with Alpine's su-exec package. */
function expertUsesSuExec(text) {
  return /\bsu-exec\b/.test(text) && !/tianon\/gosu\/releases/.test(text);
}

/** The pair's copy of a build-context entrypoint script, or undefined. */
function contextFile(dir, path) {
  if (!/^(?:\.\/)?(?:docker-)?entrypoint\.sh$/.test(path)) return undefined;
  for (const file of ["debian.entrypoint.sh", "entrypoint.sh"]) {
    if (existsSync(join(dir, file))) return readFileSync(join(dir, file), "utf8");
  }
  return undefined;
}

const rows = [];
let crashed = false;
for (const name of readdirSync(corpus).sort()) {
  const debianPath = join(corpus, name, "debian.Dockerfile");
  const alpinePath = join(corpus, name, "alpine.Dockerfile");
  if (!existsSync(debianPath) || !existsSync(alpinePath)) continue;
  const expertText = readFileSync(alpinePath, "utf8");
  const release = expertRelease(expertText);
  const gosuDownload = expertUsesSuExec(expertText) ? "su-exec" : "keep";
  let result;
  try {
    result = migrateDockerfile(readFileSync(debianPath, "utf8"), {
      release,
      gosuDownload,
      migratesScripts: existsSync(join(corpus, name, "alpine.entrypoint.sh")),
      packageMap: mapFor(release),
      fileName: `${name}/debian.Dockerfile`,
      readContextFile: (path) => contextFile(join(corpus, name), path),
    });
  } catch (err) {
    crashed = crashed || !(err && err.exitCode === 2);
    console.log(`${name}: conversion failed: ${err?.message ?? err}`);
    continue;
  }
  const ours = normalize(apkSet(result.output), release);
  const expert = normalize(apkSet(expertText), release);
  const hit = [...ours].filter((p) => expert.has(p));
  rows.push({
    name,
    release,
    parallel: !NOT_PARALLEL.test(name),
    alpine: finalStageAlpine(result.output),
    toolsLeft: result.debianToolsLeft.length,
    tools: result.debianToolsLeft.map((t) => `${t.tool}@${t.outputLine}`),
    ours: ours.size,
    expert: expert.size,
    hit: hit.length,
    extra: [...ours].filter((p) => !expert.has(p)),
    missed: [...expert].filter((p) => !ours.has(p)),
  });
}

const pct = (n, d) => (d === 0 ? "  -  " : (n / d).toFixed(2));
console.log(
  "pair                          alpine  final-on-alpine  debian-tools-left  precision  recall  (ours/expert/common)",
);
for (const r of rows) {
  console.log(
    `${(r.parallel ? "" : "*") + r.name}`.padEnd(30) +
      `${r.release}`.padEnd(8) +
      `${r.alpine ? "yes" : "NO"}`.padEnd(17) +
      `${r.toolsLeft}`.padEnd(19) +
      `${pct(r.hit, r.ours)}`.padEnd(11) +
      `${pct(r.hit, r.expert)}`.padEnd(8) +
      `(${r.ours}/${r.expert}/${r.hit})`,
  );
  if (process.argv.includes("--verbose")) {
    if (r.extra.length) console.log(`    only ours:   ${r.extra.join(" ")}`);
    if (r.missed.length) console.log(`    only expert: ${r.missed.join(" ")}`);
    if (r.tools.length) console.log(`    tools left:  ${r.tools.join(" ")} (tool@output line)`);
  }
}
if (rows.length === 0) {
  console.error(
    `corpus: no pair in ${corpus} (a folder with debian.Dockerfile and alpine.Dockerfile), nothing was scored`,
  );
  process.exit(2);
}
const par = rows.filter((r) => r.parallel);
const sum = (f) => par.reduce((a, r) => a + f(r), 0);
const precision =
  sum((r) => r.hit) /
  Math.max(
    1,
    sum((r) => r.ours),
  );
const recall =
  sum((r) => r.hit) /
  Math.max(
    1,
    sum((r) => r.expert),
  );
const allAlpine = rows.every((r) => r.alpine);
const noTools = par.every((r) => r.toolsLeft === 0);
console.log("");
console.log(
  "* = not a parallel pair (vendor packages on Debian, built from source on Alpine): not in the totals",
);
console.log(
  `total over ${par.length} parallel pairs: final stage on Alpine ${par.filter((r) => r.alpine).length}/${par.length}, ` +
    `Debian tools left ${sum((r) => r.toolsLeft)}, precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)}`,
);
console.log(
  `all ${rows.length} pairs: final stage on Alpine ${rows.filter((r) => r.alpine).length}/${rows.length}`,
);
const met = allAlpine && noTools && precision >= TARGETS.precision && recall >= TARGETS.recall;
console.log(
  `targets (final stage Alpine everywhere, no Debian tools left, precision >= ${TARGETS.precision}, recall >= ${TARGETS.recall}): ${met ? "MET" : "NOT MET"}`,
);
process.exit(crashed ? 70 : 0);
