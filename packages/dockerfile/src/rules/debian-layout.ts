/**
 * Debian-only paths and glibc-only downloads named in instruction text (RUN, COPY, ADD, ENV,
 * ENTRYPOINT, CMD …). Nothing here can be rewritten safely, so each is flagged with what Alpine
 * uses instead.
 */

import type { RuleId } from "../edits.js";
import { followsWithin } from "./in-order.js";
import { awsCliZips, etcAptAtEnd, nodeTarballs, runnerTarballs } from "./layout-finders.js";
import {
  DEBIAN_JDK_DIR,
  jdkDirNote,
  MULTIARCH_TRIPLET,
  multiarchNote,
  NOTE_JOIN,
  PHP_LAYOUT_NOTE,
} from "./layout-notes.js";
import { commandPosition, rustGnuTarget, wordAt } from "./layout-words.js";

export {
  DEBIAN_JDK_DIR,
  jdkDirNote,
  MULTIARCH_TRIPLET,
  multiarchNote,
  NOTE_JOIN,
  PHP_LAYOUT_NOTE,
} from "./layout-notes.js";
export { commandPosition, rustGnuTarget } from "./layout-words.js";

export interface LayoutHit {
  /** Offset of the first hit in the text. */
  index: number;
  note: string;
  rule: RuleId;
}

interface Where {
  text: string;
  keyword: string | undefined;
  release: string | undefined;
  /** The whole Dockerfile, for notes that another instruction answers. */
  file?: string;
  /** The official image the stage is built on (`nginx`), when known. */
  repo?: string;
}

/**
 * supervisord started with a configuration file of the image's own (`-c /etc/supervisor/conf.d/
 * x.conf`): it is read wherever it is. (Debian's packaged /etc/supervisor/supervisord.conf named
 * that way is still missing on Alpine, so that path is not counted.)
 */
const supervisorExplicit = (text: string) =>
  followsWithin(
    text,
    /supervisord\b/,
    /(?:-c|--configuration)["',\s=]+["']?\/etc\/supervisor\/conf\.d\/[\w.-]+\.conf\b/,
    /\n/,
  );

type Pattern = {
  rule: RuleId;
  /** Keywords the pattern applies to; when set, an unknown keyword skips it. */
  only?: ReadonlySet<string>;
  /** The note for one match, or undefined when this match is no problem. */
  note: (m: RegExpExecArray, where: Where) => string | undefined;
} & (
  | { re: RegExp; find?: undefined }
  // Matches as matchAll of an expression would give them, found without its backtracking.
  | { find: (text: string) => Iterable<RegExpExecArray>; re?: undefined }
);

/**
 * Alpine's python3 minor per release: the version of aports main/python3 in the shared corpus's
 * aports index (3.12.7, 3.12.10, 3.12.12, 3.14.5). Kept here, in a module that imports no rule,
 * so that python-version.ts reads the same table without an import cycle.
 */
export const ALPINE_PYTHON: Readonly<Record<string, string>> = {
  "3.21": "3.12",
  "3.22": "3.12",
  "3.23": "3.12",
  "3.24": "3.14",
};

/** The PHP versions each release's community repository packages (phpNN), from the aports index. */
const ALPINE_PHPS: Readonly<Record<string, readonly string[]>> = {
  "3.21": ["82", "83", "84"],
  "3.22": ["82", "83", "84"],
  "3.23": ["83", "84", "85"],
  "3.24": ["83", "84", "85"],
};

/** Alpine's default PHP per release (the phpNN packages `php-*` names map to). */
const ALPINE_PHP: Readonly<Record<string, string>> = {
  "3.21": "83",
  "3.22": "84",
  "3.23": "84",
  "3.24": "85",
};

/** Whether Alpine `release` (when known) ships this python minor, so the path exists there too. */
function alpinePython(minor: string | undefined, release: string | undefined): boolean {
  return release !== undefined && ALPINE_PYTHON[release] === minor;
}

function fixed(note: string): Pattern["note"] {
  return (m) => `${m[0]} is ${note}`;
}

const COPY_ADD = new Set(["COPY", "ADD"]);
const RUN_ONLY = new Set(["RUN"]);

const PATTERNS: readonly Pattern[] = [
  {
    re: new RegExp(`/usr/lib/${MULTIARCH_TRIPLET}\\b`, "g"),
    rule: "apt",
    note: (m) => multiarchNote(m[0]),
  },
  { re: DEBIAN_JDK_DIR, rule: "apt", note: (m) => jdkDirNote(m[0]) },
  {
    re: /\/etc\/nginx\/sites-(?:available|enabled)\b/g,
    rule: "apt",
    // One note for both directories; the official nginx images read conf.d on either base.
    note: (_m, { repo }) =>
      repo === "nginx"
        ? "/etc/nginx/sites-available and sites-enabled are the Debian nginx package's layout; the nginx image (Debian and Alpine alike) includes /etc/nginx/conf.d/*.conf"
        : "/etc/nginx/sites-available and sites-enabled are Debian's nginx layout; Alpine's nginx includes /etc/nginx/http.d/*.conf",
  },
  {
    re: /\/etc\/apache2\/(?:sites|mods|conf)-(?:available|enabled)\b/g,
    rule: "apt",
    note: fixed(
      "Debian's apache2 layout; Alpine's apache2 reads /etc/apache2/httpd.conf and /etc/apache2/conf.d",
    ),
  },
  {
    re: /\/etc\/php\/(\d)\.(\d+)\//g,
    rule: "apt",
    note: (m, { release }) => {
      const asked = `${m[1]}${m[2]}`;
      const shipped = release ? ALPINE_PHPS[release] : undefined;
      const nn = shipped?.includes(asked) ? asked : release ? ALPINE_PHP[release] : undefined;
      return `${PHP_LAYOUT_NOTE}; Alpine's is /etc/phpNN, for the PHP the package names (${nn ? `/etc/php${nn} for php${nn} on Alpine ${release}` : "e.g. /etc/php84"})`;
    },
  },
  {
    re: /\/usr\/share\/postgresql\/(?:\d+\/)?postgresql\.conf\.sample\b/g,
    rule: "apt",
    note: fixed(
      "the Debian postgres image's sample configuration; postgres:*-alpine keeps it in /usr/local/share/postgresql/postgresql.conf.sample (Alpine's own postgresqlNN package in /usr/share/postgresqlNN)",
    ),
  },
  {
    re: /\/etc\/supervisor\/supervisord\.conf\b/g,
    rule: "apt",
    note: fixed("Debian's supervisor layout; Alpine's supervisor reads /etc/supervisord.conf"),
  },
  {
    re: /\/etc\/supervisor\/conf\.d\b/g,
    rule: "apt",
    note: (m, { file }) =>
      file && supervisorExplicit(file)
        ? undefined
        : `${m[0]} is Debian's supervisor include directory; Alpine's supervisord includes /etc/supervisor.d/*.ini: put the program sections there, in files named .ini`,
  },
  {
    re: /\/etc\/ImageMagick-6\b/g,
    rule: "apt",
    note: fixed(
      "Debian's ImageMagick 6 configuration directory; Alpine's imagemagick is ImageMagick 7, configured in /etc/ImageMagick-7 (policy.xml keeps its format)",
    ),
  },
  {
    re: /\/etc\/bash\.bashrc\b/g,
    rule: "apt",
    note: fixed(
      "Debian's system-wide bashrc; Alpine's bash reads /etc/bash/bashrc (which sources /etc/bash/*.sh) for interactive shells, and /etc/profile (/etc/profile.d/*.sh) for login shells",
    ),
  },
  {
    re: /\/etc\/debian_version\b/g,
    rule: "apt",
    note: fixed(
      "a file only Debian has: a test of it is false on Alpine (its marker is /etc/alpine-release)",
    ),
  },
  {
    re: /\/usr(?:\/local)?\/lib\/python3(?:\.\d+)?\/dist-packages\b/g,
    rule: "apt",
    note: fixed(
      "Debian's Python layout; Alpine's python3 (its own version) uses site-packages: /usr/lib/python3.N/site-packages for apk's python3, /usr/local/lib/python3.N/site-packages in python:*-alpine",
    ),
  },
  {
    re: /\/usr\/lib\/python(3\.\d+)\/EXTERNALLY-MANAGED\b/g,
    rule: "apt",
    note: (m, { release }) =>
      alpinePython(m[1], release)
        ? undefined
        : `${m[0]} is Debian's python${m[1]} marker; ${alpinePythonText(release)}: its file is /usr/lib/python${ALPINE_PYTHON[release ?? ""] ?? "3.N"}/EXTERNALLY-MANAGED (rm -f /usr/lib/python3*/EXTERNALLY-MANAGED matches any version)`,
  },
  {
    re: /\/usr\/bin\/python(3\.\d+)(?![\w.-])/g,
    rule: "apt",
    note: (m, { text, release }) =>
      alpinePython(m[1], release) || commandPosition(text, m.index)
        ? undefined
        : `${m[0]} is Debian's python${m[1]}; ${alpinePythonText(release)}: use /usr/bin/python3`,
  },
  {
    re: /\/etc\/postgresql\/\d+(?:\/[\w.-]+)?/g,
    rule: "apt",
    note: fixed(
      "Debian's postgresql-common cluster configuration; Alpine's postgresqlNN (and postgres:*-alpine) keep postgresql.conf, pg_hba.conf and pg_ident.conf in the data directory (PGDATA): copy them there, or pass -c config_file=… and -c hba_file=… to postgres",
    ),
  },
  {
    re: /\/usr\/lib\/postgresql\/(\d+)\/bin\b/g,
    rule: "apt",
    note: (m) =>
      `${m[0]} is Debian's per-version program directory; on Alpine the programs are on PATH: postgresql${m[1]} installs them in /usr/libexec/postgresql${m[1]}, linked into /usr/bin; postgres:*-alpine has them in /usr/local/bin`,
  },
  {
    // The destination of a COPY/ADD: apk never reads what lands under /etc/apt.
    find: etcAptAtEnd,
    rule: "apt-repos",
    only: COPY_ADD,
    note: (m, { keyword }) =>
      `${keyword} writes ${m[0]}, apt's configuration, which apk does not read: delete it; Alpine's repositories are listed in /etc/apk/repositories (signing keys in /etc/apk/keys)`,
  },
  {
    // The asset name may hold a command substitution with spaces (`tini-$(dpkg --print-architecture)`).
    re: /\/krallin\/tini\/releases\/download\/[^/\s"']+\/(tini(?:-(?:\$\([^()]*\)|[^\s"'/$]|\$(?!\())*)?)(?=["'\s\]]|$)/g,
    rule: "glibc",
    note: (m) =>
      /^tini-(?:static|muslc)|\.(?:asc|sha\d+sum|deb|rpm)$/.test(m[1]!)
        ? undefined
        : `${m[1]} is tini's glibc-linked build: download tini-static-<arch> (e.g. tini-static-\${TARGETARCH}) instead, or apk add tini and run /sbin/tini`,
  },
  {
    // Official Node.js binaries are glibc builds; musl ones are on unofficial-builds.nodejs.org.
    find: nodeTarballs,
    rule: "glibc",
    note: (m) =>
      m[1]!.includes("-musl")
        ? undefined
        : `${m[1]} is Node.js's glibc build: apk add nodejs, use a node:*-alpine image, or fetch the -musl tarball from unofficial-builds.nodejs.org`,
  },
  {
    // nvm fetches nodejs.org's binaries, which are glibc builds (it has no musl variant).
    re: /\bnvm\s+install\b/g,
    rule: "glibc",
    only: RUN_ONLY,
    note: () =>
      "nvm install downloads Node.js's glibc build, which does not run on musl: apk add nodejs npm, or build FROM a node:*-alpine image",
  },
  {
    // node-build (Rails' Dockerfile; nodenv install runs it) fetches nodejs.org's binaries by
    // `uname`: glibc builds.
    re: /\bnode-build\b|\bnodenv\s+install\b/g,
    rule: "glibc",
    only: RUN_ONLY,
    note: () =>
      "node-build (also behind nodenv install) installs Node.js's official builds, for glibc, which do not run on musl: apk add nodejs npm (check the version Alpine's release ships against the one asked for), build FROM a node:*-alpine image, or fetch the -musl tarball from unofficial-builds.nodejs.org; node-build and nodenv are bash scripts (bash is added while they stay)",
  },
  {
    // AWS CLI v2's installer bundles its own Python, built and linked against glibc.
    find: awsCliZips,
    rule: "glibc",
    note: (m) =>
      `${m[0]} is the AWS CLI v2 installer, a glibc build that does not run on musl: apk add aws-cli (AWS CLI v2, in Alpine's community repository) instead of the download and ./aws/install`,
  },
  {
    re: /(?<![\w/.$-])(?:[\w.-]*\/)*aws\/install(?![\w.-])/g,
    rule: "glibc",
    only: RUN_ONLY,
    note: (m, { text }) =>
      /\bawscli-exe-linux-/.test(text)
        ? undefined
        : `${m[0]} runs the AWS CLI v2 installer, a glibc build that does not run on musl: apk add aws-cli (AWS CLI v2, in Alpine's community repository) instead of the download and the installer`,
  },
  {
    find: runnerTarballs,
    rule: "glibc",
    note: (m) =>
      `${m[0]} is the GitHub Actions runner, a .NET build for glibc with no Alpine (musl) release: keep this stage on a Debian or Ubuntu base`,
  },
  {
    re: /-unknown-linux-gnu/g,
    rule: "glibc",
    note: (m, where) => {
      // A word naming the triple many times is read once, not once per time.
      const last = lastTripleWord.get(where);
      if (last && m.index >= last.start && m.index < last.end) return last.note;
      const { start, word } = wordAt(where.text, m.index);
      const note = tripleNote(rustGnuTarget(word));
      lastTripleWord.set(where, { start, end: start + word.length, note });
      return note;
    },
  },
];

/** Per text, the last word read for a triple: the matches of one word come one after another. */
const lastTripleWord = new WeakMap<
  Where,
  { start: number; end: number; note: string | undefined }
>();

function tripleNote(triple: string | undefined): string | undefined {
  if (!triple) return undefined;
  const musl = triple.replace(/-gnu/, "-musl");
  return `${triple} is a glibc target triple (Rust's, or a release asset's); on Alpine (rust:*-alpine) the host target is ${musl}: build or download for that (cargo --target ${musl} writes target/${musl}/…; without --target, target/release/…)`;
}

function alpinePythonText(release: string | undefined): string {
  const minor = release ? ALPINE_PYTHON[release] : undefined;
  return minor ? `Alpine ${release}'s python3 is ${minor}` : "Alpine's python3 has its own version";
}

function matches(p: Pattern, where: Where): LayoutHit[] {
  const hits: LayoutHit[] = [];
  const seen = new Set<string>();
  const wordStart = wordStarts(where.text);
  for (const m of p.find ? p.find(where.text) : where.text.matchAll(p.re)) {
    const note = p.note(m as RegExpExecArray, where);
    if (note === undefined || seen.has(note)) continue;
    seen.add(note);
    const index = p.rule === "glibc" ? wordStart(m.index) : m.index;
    hits.push({ index, note, rule: p.rule });
  }
  return hits;
}

/**
 * wordAt(text, i).start for growing `i`, reading the text once: many matches in one long word
 * would each walk back to its start.
 */
function wordStarts(text: string): (index: number) => number {
  let read = 0;
  let start = 0;
  return (index) => {
    for (; read < index; read++) if (/[\s"'=,[]/.test(text[read] as string)) start = read + 1;
    return start;
  };
}

/**
 * Every glibc build the instruction text names (rule `glibc` of the table: Node.js tarballs,
 * tini's plain assets, Rust `-gnu` triples, the AWS CLI v2 installer…), in order, one per note:
 * what debianPathNote reports of them, also where a hit of another rule comes first.
 */
export function glibcLayoutHits(text: string, keyword: string, release?: string): LayoutHit[] {
  const where: Where = { text, keyword, release };
  const hits: LayoutHit[] = [];
  for (const p of PATTERNS) {
    if (p.rule !== "glibc" || (p.only && !p.only.has(keyword))) continue;
    for (const h of matches(p, where)) hits.push(h);
  }
  return hits.sort((a, b) => a.index - b.index);
}

/**
 * What the instruction text names that Debian alone has, or that needs glibc: the first hit,
 * with the notes of later hits of the same rule appended. `keyword` (RUN, COPY …) enables the
 * checks of one instruction kind; `release` (X.Y) spares paths Alpine's release has too.
 */
export function debianPathNote(
  text: string,
  keyword?: string,
  release?: string,
  file?: string,
  repo?: string,
): LayoutHit | undefined {
  const where: Where = {
    text,
    keyword,
    release,
    ...(file !== undefined ? { file } : {}),
    ...(repo !== undefined ? { repo } : {}),
  };
  const hits: LayoutHit[] = [];
  for (const p of PATTERNS) {
    if (p.only && (keyword === undefined || !p.only.has(keyword))) continue;
    // A loop, not push(...): a long RUN can name more words than a call takes arguments.
    for (const h of matches(p, where)) hits.push(h);
  }
  hits.sort((a, b) => a.index - b.index);
  const first = hits[0];
  if (!first) return undefined;
  const more = hits.slice(1).filter((h) => h.rule === first.rule);
  return more.length === 0
    ? first
    : { ...first, note: [first.note, ...more.map((h) => h.note)].join(NOTE_JOIN) };
}
