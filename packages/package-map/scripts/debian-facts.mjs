#!/usr/bin/env node
// Reads Debian bookworm's own metadata through apt (Packages, Sources, apt-file Contents) and
// writes data/debian-bookworm.json: the facts the generator and the engine join on. Run by hand
// on a Debian bookworm machine with apt-file installed and updated; the output is committed so
// neither CI nor users ever need apt.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { dataDir, pushTo, writeJsonAtomic } from "./lib/io.mjs";

const LISTS = "/var/lib/apt/lists";
// Language-ecosystem and toolchain-internal families that Dockerfiles install by other means
// (cargo, go modules, npm, cabal, CRAN); the engine handles their prefixes by rule.
const SKIP =
  /^(librust-|golang-|libghc-|ghc-|r-cran-|r-bioc-|node-|texlive-|elpa-|libocaml-|ocaml-|libjs-|php-horde-|hunspell-|myspell-|aspell-|hyphen-|mythes-|firefox-esr-l10n-|thunderbird-l10n-|libreoffice-l10n-|libreoffice-help-)|(-dbg|-dbgsym|-doc|-l10n)$/;

function catLists(pattern) {
  const files = readdirSync(LISTS).filter((f) => pattern.test(f));
  if (files.length === 0)
    throw new Error(`no apt list matching ${pattern} in ${LISTS}; run apt-get update`);
  return files.map((f) =>
    execFileSync("/usr/lib/apt/apt-helper", ["cat-file", join(LISTS, f)], {
      maxBuffer: 1 << 30,
    }).toString(),
  );
}

function* stanzas(text) {
  for (const block of text.split(/\n\n+/)) {
    const fields = {};
    let last = "";
    for (const line of block.split("\n")) {
      if (/^\s/.test(line)) fields[last] += `\n${line.trim()}`;
      else {
        const i = line.indexOf(":");
        if (i > 0) {
          last = line.slice(0, i);
          fields[last] = line.slice(i + 1).trim();
        }
      }
    }
    if (fields.Package) yield fields;
  }
}

const binaries = {};
const sourceOfBinary = new Map();
const homepage = new Map();
const virtuals = {};
for (const text of catLists(
  /^deb\.debian\.org_debian(-security)?_dists_bookworm(-updates|-security)?_main_binary-amd64_Packages/,
)) {
  for (const s of stanzas(text)) {
    const src = (s.Source ?? s.Package).split(" ")[0];
    for (const p of (s.Provides ?? "").split(",")) {
      const v = p.trim().split(" ")[0];
      if (v && v !== s.Package) pushTo(virtuals, v, s.Package);
    }
    if (SKIP.test(s.Package)) continue;
    sourceOfBinary.set(s.Package, src);
    if (s.Homepage && !homepage.has(src)) homepage.set(src, s.Homepage);
  }
}

const tarball = new Map();
for (const text of catLists(/^deb\.debian\.org_debian_dists_bookworm_main_source_Sources/)) {
  for (const s of stanzas(text)) {
    const orig = /\s(\S+?)_[^_\s]+\.orig\.tar\.\w+/.exec(s.Files ?? "");
    if (orig?.[1] && orig[1] !== s.Package) tarball.set(s.Package, orig[1]);
    if (s.Homepage && !homepage.has(s.Package)) homepage.set(s.Package, s.Homepage);
  }
}

const commands = new Map();
const found = execFileSync("apt-file", ["search", "-x", "^/(usr/)?s?bin/[^/]+$"], {
  maxBuffer: 1 << 30,
}).toString();
for (const line of found.split("\n")) {
  const m = /^(\S+): \/(?:usr\/)?s?bin\/(\S+)\s*$/.exec(line);
  if (!m?.[1] || !m[2] || !sourceOfBinary.has(m[1])) continue;
  const list = commands.get(m[1]) ?? [];
  if (list.length < 60) list.push(m[2]);
  commands.set(m[1], list);
}

const usedSources = new Set(sourceOfBinary.values());
for (const [bin, src] of [...sourceOfBinary].sort(([a], [b]) => a.localeCompare(b))) {
  const cmds = [...new Set(commands.get(bin) ?? [])].sort();
  binaries[bin] = [src === bin ? "" : src, ...cmds];
}
const sources = {};
for (const src of [...usedSources].sort())
  sources[src] = [homepage.get(src) ?? "", tarball.get(src) ?? ""];
const virtualOut = {};
for (const [v, set] of Object.entries(virtuals).sort(([a], [b]) => a.localeCompare(b))) {
  const kept = [...new Set(set)].filter((p) => sourceOfBinary.has(p)).sort();
  if (
    !sourceOfBinary.has(v) &&
    kept.length > 0 &&
    !/^(python3|perl|lib.*-perl|ruby|php)-|-abi-|^debconf-2|\.so/.test(v)
  )
    virtualOut[v] = kept;
}

writeJsonAtomic(join(dataDir, "debian-bookworm.json"), {
  about:
    "Debian bookworm main (amd64) facts from apt Packages/Sources and apt-file Contents. binaries: name -> [source ('' = same name), commands in /bin,/sbin,/usr/bin,/usr/sbin...]; sources: name -> [homepage, upstream tarball name if it differs]; virtuals: provided name -> providers.",
  binaries,
  sources,
  virtuals: virtualOut,
});
console.log(
  `debian-bookworm.json: ${Object.keys(binaries).length} binaries, ${Object.keys(sources).length} sources, ${Object.keys(virtualOut).length} virtuals`,
);
