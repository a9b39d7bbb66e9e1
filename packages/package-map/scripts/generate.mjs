#!/usr/bin/env node
// Derives data/alpine-<release>.json for every release from the aports index TSVs and the
// committed Debian facts (data/debian-bookworm.json). Reads ../shared only here, never at run time.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir, pushTo, writeJsonAtomic } from "./lib/io.mjs";
import { normaliseUrl, projectFromSource, stemName } from "./lib/upstream.mjs";

const RELEASES = ["3.21", "3.22", "3.23", "3.24"];
// `--out DIR` writes somewhere else (the freshness test compares that with the committed data).
const outIndex = process.argv.indexOf("--out");
const outDir = outIndex > 0 ? process.argv[outIndex + 1] : dataDir;
if (!outDir) throw new Error("--out needs a directory");
const corpus =
  process.env.APORTS_INDEX_DIR ??
  join(dataDir, "..", "..", "..", "..", "shared", "corpus", "aports-index");

function readAports(release) {
  const file = join(corpus, `aports-${release}.0-packages.tsv`);
  if (!existsSync(file))
    throw new Error(`missing ${file}; set APORTS_INDEX_DIR to the aports-index folder`);
  const origins = new Map();
  const [header, ...rows] = readFileSync(file, "utf8").split("\n");
  if (!header?.startsWith("repo\torigin\tpkgname")) throw new Error(`${file}: unexpected header`);
  for (const row of rows) {
    const [repo, origin, pkgname, , version, , url, source0, provides] = row.split("\t");
    // testing/ is not shipped in stable releases.
    if (!repo || !origin || !pkgname || repo === "testing" || origin.endsWith("-loongarch"))
      continue;
    const o = origins.get(origin) ?? {
      repo,
      url: url ?? "",
      source0: source0 ?? "",
      names: [],
      provides: {},
      version: pkgname === origin ? (version ?? "").replace(/-r\d+$/, "") : "",
    };
    o.names.push(pkgname);
    for (const token of (provides ?? "").split(/\s+/)) {
      const name = token.split(/[=<>~]/)[0];
      if (
        name &&
        /^[a-z0-9][a-z0-9+._-]*$/i.test(name) &&
        !name.includes(":") &&
        name !== pkgname
      ) {
        pushTo(o.provides, name, pkgname);
      }
    }
    origins.set(origin, o);
  }
  addLoopSubpackages(origins, release);
  return origins;
}

// PHP's APKBUILD adds one subpackage per extension in a shell loop, which the static aports
// index cannot see. The list is the phpNN APKBUILD's _extensions (imap and pspell left core in 8.4;
// from 8.5 OPcache is always compiled in, so php85's list has no opcache).
const PHP_EXTENSIONS =
  "bcmath bz2 calendar ctype curl dba dom enchant exif ffi fileinfo ftp gd gettext gmp iconv intl ldap mbstring mysqli mysqlnd odbc opcache openssl pcntl pdo pdo_dblib pdo_mysql pdo_odbc pdo_pgsql pdo_sqlite pgsql phar posix session shmop simplexml snmp soap sockets sodium sqlite3 sysvmsg sysvsem sysvshm tidy tokenizer xml xmlreader xmlwriter xsl zip".split(
    " ",
  );

// nginx's APKBUILD adds one nginx-mod-NAME subpackage per dynamic module in a loop too, so the
// index holds only the placeholder "nginx-mod-". The names are nginx's own dynamic modules (its
// `--with-…=dynamic` configure options) and the third-party ones the APKBUILD adds, from the
// aport and `apk search nginx-mod-` listings of recent releases (not read from the index, which
// cannot see them); one release may lack a few of them.
const NGINX_MODULES =
  `devel-kit http-accounting http-array-var http-auth-jwt http-brotli http-cache-purge
  http-cookie-flag http-dav-ext http-echo http-encrypted-session http-fancyindex http-geoip
  http-geoip2 http-headers-more http-image-filter http-js http-keyval http-log-zmq http-lua
  http-lua-upstream http-naxsi http-nchan http-perl http-redis2 http-set-misc http-shibboleth
  http-untar http-upload-progress http-upstream-fair http-upstream-jdomain http-vod http-vts
  http-xslt-filter http-zip http-zstd mail rtmp stream stream-geoip stream-geoip2 stream-js
  stream-keyval`.split(/\s+/);

// libreoffice's APKBUILD adds one libreoffice-lang-CODE subpackage per language with add_lang,
// which the static index cannot see. The codes are its add_lang calls, read in aports'
// community/libreoffice/APKBUILD at 7.6.7.2-r1 (3.21.0 ships -r2), 25.2.1.2-r1 (3.22.0 ships
// 25.2.3.2, the list is the same before and after it) and 25.8.1.1-r3 (3.23.0 ships -r5): the
// three name the same languages. 3.24's 25.8.7.3 was not read, so it gets none.
const LIBREOFFICE_LANGS =
  `af am ar as ast be bg bn bn_in bo br brx bs ca ca_valencia ckb cs cy da de dgo dsb dz el en_gb
  en_us en_za eo es et eu fa fi fr fur fy ga gd gl gu gug he hi hr hsb hu id is it ja ka kab kk km
  kmr_latn kn ko kok ks lb lo lt lv mai mk ml mn mni mr my nb ne nl nn nr nso oc om or pa_in pl pt
  pt_br ro ru rw sa_in sat sd si sid sk sl sq sr sr_latn ss st sv sw_tz ta te tg th tn tr ts tt ug
  uk uz ve vec vi xh zh_cn zh_tw zu`.split(/\s+/);
const LIBREOFFICE_LANG_RELEASES = ["3.21", "3.22", "3.23"];

function addLoopSubpackages(origins, release) {
  const libreoffice = origins.get("libreoffice");
  if (libreoffice && LIBREOFFICE_LANG_RELEASES.includes(release)) {
    for (const lang of LIBREOFFICE_LANGS)
      if (!libreoffice.names.includes(`libreoffice-lang-${lang}`))
        libreoffice.names.push(`libreoffice-lang-${lang}`);
  }
  const nginx = origins.get("nginx");
  if (nginx?.names.includes("nginx-mod-")) {
    nginx.names = nginx.names.filter((n) => n !== "nginx-mod-");
    for (const mod of NGINX_MODULES)
      if (!nginx.names.includes(`nginx-mod-${mod}`)) nginx.names.push(`nginx-mod-${mod}`);
  }
  for (const [origin, o] of origins) {
    const m = /^php(\d)(\d)$/.exec(origin);
    if (!m) continue;
    const version = Number(`${m[1]}${m[2]}`);
    const extra = version < 84 ? ["imap", "pspell"] : [];
    const shared = version >= 85 ? PHP_EXTENSIONS.filter((e) => e !== "opcache") : PHP_EXTENSIONS;
    for (const ext of [...shared, ...extra]) {
      if (!o.names.includes(`${origin}-${ext}`)) o.names.push(`${origin}-${ext}`);
    }
  }
}

// Sources whose only Alpine build of the same upstream is one part of it: joining would send every
// other binary to that part (libudev1, systemd-timesyncd → systemd-boot; inetutils-traceroute →
// inetutils-syslogd). Their binaries go to curated entries, name rules, or unknown.
const PARTIAL_ORIGINS = {
  systemd: "Alpine builds only the UEFI boot loader (systemd-boot) from systemd's source",
  inetutils: "Alpine builds single inetutils tools as their own origins (ftp, syslogd, telnet)",
};

/** Debian source → Alpine origin, by the strongest key that names exactly one origin. */
function joinSources(debian, origins) {
  const byStem = new Map();
  const byHome = new Map();
  const byProject = new Map();
  const add = (map, key, origin) => {
    if (!key) return;
    const set = map.get(key) ?? new Set();
    set.add(origin);
    map.set(key, set);
  };
  for (const [origin, o] of origins) {
    add(byStem, stemName(origin), origin);
    add(byHome, normaliseUrl(o.url), origin);
    add(byProject, projectFromSource(o.source0), origin);
  }
  // A stem of one or two letters (libx86 → libx) would join unrelated projects.
  const stemSet = (stem) => (stem.replace(/^lib/, "").length >= 3 ? byStem.get(stem) : undefined);
  const pick = (set, stem, version) => {
    if (!set) return undefined;
    if (set.size === 1) return [...set][0];
    const same = [...set].filter((o) => stemName(o) === stem).sort(byVersion);
    // Same major as Debian's (openjdk-17 → openjdk17), else the unversioned origin (tcl8.6 → tcl),
    // else the newest versioned one, which is the release's default stream (postgresql-15 → 18).
    const major = version?.split(".")[0];
    const sameMajor = same.find((o) => major && new RegExp(`\\D${major}$`).test(o));
    if (sameMajor) return sameMajor;
    if (same.includes(stem)) return stem;
    if (same.length > 0) return same[same.length - 1];
    // One upstream, several origins (procps-ng, procps-compat): the one with most packages.
    const related = [...set].filter((o) => o.startsWith(stem));
    if (related.length !== set.size) return undefined;
    return related.sort((a, b) => origins.get(b).names.length - origins.get(a).names.length)[0];
  };
  const join = {};
  for (const [src, [homepage, tarball]] of Object.entries(debian.sources)) {
    if (origins.has(src)) continue; // same name: the engine finds it without a table entry
    if (Object.hasOwn(PARTIAL_ORIGINS, src)) continue;
    const stem = stemName(tarball || src);
    const version = /[-.]?(\d+(?:\.\d+)*)$/.exec(src)?.[1];
    const bare = src.startsWith("lib") ? stemName(src.slice(3)) : "";
    const hit =
      (origins.has(tarball) && [tarball, "tarball"]) ||
      ((o) => o && [o, "name"])(pick(stemSet(stemName(src)), stemName(src), version)) ||
      ((o) => o && [o, "tarball"])(pick(stemSet(stem), stem, version)) ||
      ((o) => o && [o, "homepage"])(pick(byHome.get(normaliseUrl(homepage)), stem, version)) ||
      ((o) => o && [o, "source-url"])(
        pick(stem.replace(/^lib/, "").length >= 3 ? byProject.get(stem) : undefined, stem, version),
      ) ||
      ((o) => o && [o, "name"])(
        bare && !/^\d/.test(bare) ? pick(stemSet(bare), bare, version) : undefined,
      );
    if (hit) join[src] = hit[1] === "name" ? hit[0] : hit;
  }
  return join;
}

function byVersion(a, b) {
  const n = (s) => Number((/(\d+(?:\.\d+)?)$/.exec(s) ?? [null, "0"])[1]);
  return n(a) - n(b);
}

// Toolchains Alpine ships one stream of per release under a plain name, whose version a Debian
// name pinned to another (golang-1.22-go) is compared with. Read from the index, so a new
// release needs no hand-written default.
const VERSIONED_ORIGINS = ["go"];

function originVersions(origins) {
  const out = {};
  for (const origin of VERSIONED_ORIGINS) {
    const version = origins.get(origin)?.version;
    if (version) out[origin] = version;
  }
  return out;
}

function compactOrigins(origins) {
  const out = {};
  for (const [origin, o] of [...origins].sort(([a], [b]) => a.localeCompare(b))) {
    const names = o.names.map((n) =>
      n === origin ? "=" : n.startsWith(`${origin}-`) ? n.slice(origin.length) : n,
    );
    out[origin] = [o.repo === "main" ? "m" : "c", ...names];
  }
  return out;
}

function compactProvides(origins) {
  const out = {};
  // The aports index misses provides set in helper functions (PROVENANCE caveat): every
  // postgresqlNN-dev provides postgresql-dev, the way postgresqlNN-client provides postgresql-client.
  for (const [origin, o] of origins) {
    if (/^postgresql\d+$/.test(origin) && o.names.includes(`${origin}-dev`))
      pushTo(out, "postgresql-dev", `${origin}-dev`);
    // The default lldNN provides lld as well as lld-dev (only lld-dev is in the APKBUILD's
    // top-level provides); Charon's Alpine 3.23 Dockerfile installs plain `lld`.
    if (/^lld\d+$/.test(origin) && o.provides["lld-dev"]) pushTo(out, "lld", origin);
  }
  const real = new Set([...origins.values()].flatMap((o) => o.names));
  for (const o of origins.values()) {
    for (const [name, providers] of Object.entries(o.provides)) {
      if (real.has(name)) continue;
      out[name] = [...new Set([...(out[name] ?? []), ...providers])].sort();
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

const debian = JSON.parse(readFileSync(join(dataDir, "debian-bookworm.json"), "utf8"));
writeDebianIndex(debian);
for (const release of RELEASES) {
  const origins = readAports(release);
  const data = {
    release,
    about: `Alpine ${release}.0 main+community from the aports index at the release commit. origins: origin -> [repo m|c, names ('=' origin itself, '-x' origin-x)]; provides: virtual -> providers; join: Debian source -> origin or [origin, key] (key: tarball|homepage|source-url); versions: origin -> pkgver, for single-stream toolchains.`,
    origins: compactOrigins(origins),
    provides: compactProvides(origins),
    join: joinSources(debian, origins),
    versions: originVersions(origins),
  };
  writeJsonAtomic(join(outDir, `alpine-${release}.json`), data);
  console.log(
    `alpine-${release}.json: ${origins.size} origins, ${Object.keys(data.join).length} joined Debian sources`,
  );
}

/**
 * The runtime slice of the Debian facts: binary → source where they differ, and the commands of
 * binaries that are not their source's main package (the only ones whose role needs them).
 */
function writeDebianIndex(debian) {
  const binaries = {};
  for (const [bin, [source, ...commands]] of Object.entries(debian.binaries)) {
    const keep = source && source !== bin ? commands : [];
    if (!source && keep.length === 0) continue;
    binaries[bin] = [source, ...keep];
  }
  writeJsonAtomic(join(outDir, "debian-index.json"), {
    about:
      "Runtime slice of debian-bookworm.json: binary -> [source, commands...] for binaries whose source has another name; absent = source of the same name.",
    binaries,
  });
  console.log(`debian-index.json: ${Object.keys(binaries).length} binaries`);
}
