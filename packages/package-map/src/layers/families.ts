import { alpineExtension } from "../php-parts.js";
import type { Env, Hit, Layer } from "./types.js";

// Versioned families: Debian puts the major in the name, Alpine in the origin. When the asked
// major is not in the release, the release's default stream is used and the reason says so.

interface Family {
  pattern: RegExp;
  /** Default-major key in curated.json `defaults`. */
  family: string;
  target: (major: string, m: RegExpExecArray) => string;
  /** Debian's major → Alpine's (php 8.4 → 84). */
  major?: (m: RegExpExecArray) => string;
  /** What the Alpine package leaves out that Debian's carries, appended to the reason. */
  note?: (alpine: string, env: Env, m: RegExpExecArray) => string | undefined;
}

const FAMILIES: Family[] = [
  {
    pattern: /^openjdk-(\d+)-(jdk|jre)-headless$/,
    family: "java",
    // Alpine's headless Java 8 runtime is openjdk8-jre-base; later majors say -jre-headless.
    target: (v, m) =>
      m[2] === "jdk"
        ? `openjdk${v}-jdk`
        : v === "8"
          ? "openjdk8-jre-base"
          : `openjdk${v}-jre-headless`,
  },
  { pattern: /^openjdk-(\d+)-(jdk|jre)$/, family: "java", target: (v, m) => `openjdk${v}-${m[2]}` },
  {
    pattern: /^postgresql-(\d+)$/,
    family: "postgresql",
    target: (v) => `postgresql${v}`,
    note: (alpine, env) =>
      env.index.has(`${alpine}-contrib`)
        ? `Debian's server package also carries the contrib extensions, which Alpine ships as ${alpine}-contrib`
        : undefined,
  },
  {
    pattern: /^postgresql-client-(\d+)$/,
    family: "postgresql",
    target: (v) => `postgresql${v}-client`,
  },
  {
    pattern: /^postgresql-server-dev-(\d+)$/,
    family: "postgresql",
    target: (v) => `postgresql${v}-dev`,
  },
  { pattern: /^postgresql-(\d+)-jit$/, family: "postgresql", target: (v) => `postgresql${v}-jit` },
  {
    pattern: /^postgresql-contrib-(\d+)$/,
    family: "postgresql",
    target: (v) => `postgresql${v}-contrib`,
  },
  { pattern: /^clang-(\d+)$/, family: "clang", target: (v) => `clang${v}` },
  { pattern: /^libclang-(\d+)-dev$/, family: "clang", target: (v) => `clang${v}-dev` },
  // libclang1-N is libclang.so alone, not the compiler.
  { pattern: /^libclang1-(\d+)$/, family: "clang", target: (v) => `clang${v}-libclang` },
  {
    pattern: /^clang-(?:format|tidy|tools)-(\d+)$/,
    family: "clang",
    target: (v) => `clang${v}-extra-tools`,
  },
  { pattern: /^llvm-(\d+)$/, family: "llvm", target: (v) => `llvm${v}` },
  { pattern: /^llvm-(\d+)-dev$/, family: "llvm", target: (v) => `llvm${v}-dev` },
  { pattern: /^lld-(\d+)$/, family: "llvm", target: (v) => `lld${v}` },
  { pattern: /^liblld-(\d+)$/, family: "llvm", target: (v) => `lld${v}-libs` },
  { pattern: /^liblld-(\d+)-dev$/, family: "llvm", target: (v) => `lld${v}-dev` },
  { pattern: /^libllvm-?(\d+)$/, family: "llvm", target: (v) => `llvm${v}-libs` },
  {
    pattern: /^php(\d)\.(\d)-(\w[\w-]*)$/,
    family: "php",
    major: (m) => `${m[1]}${m[2]}`,
    target: (v, m) => phpExtension(v, m[3] ?? ""),
    note: phpBuiltInNote,
  },
  {
    pattern: /^libapache2-mod-php(\d)\.(\d)$/,
    family: "php",
    major: (m) => `${m[1]}${m[2]}`,
    target: (v) => `php${v}-apache2`,
  },
  {
    // Ubuntu PPAs (ondrej/php) and Debian name the interpreter's meta package php8.3.
    pattern: /^php(\d)\.(\d)$/,
    family: "php",
    major: (m) => `${m[1]}${m[2]}`,
    target: (v) => `php${v}`,
  },
  {
    pattern: /^php-(\w[\w-]*)$/,
    family: "php",
    major: () => "",
    target: (v, m) => phpExtension(v, m[1] ?? ""),
    note: phpBuiltInNote,
  },
];

// Alpine ships one GCC per release, not one per major as Debian and Ubuntu do.
const GCC_TOOLS: Record<string, string> = {
  gcc: "gcc",
  "g++": "g++",
  gfortran: "gfortran",
  gccgo: "gcc-go",
  gdc: "gcc-gdc",
  gnat: "gcc-gnat",
};

export const familyLayer: Layer = (name, env, trace) => {
  const gcc = /^(gcc|g\+\+|gfortran|gccgo|gdc|gnat)-(\d+)$/.exec(name);
  const tool = gcc ? GCC_TOOLS[gcc[1] as string] : undefined;
  if (gcc && tool && env.index.has(tool)) {
    const shipped = env.defaults.gcc;
    const hit: Hit = {
      alpine: [tool],
      layer: "versioned",
      reason: `Alpine ${env.release} ships one GCC${shipped ? ` (${shipped})` : ""}, not one per major: ${gcc[1]} ${gcc[2]} is ${tool}`,
    };
    if (shipped && shipped !== gcc[2])
      hit.versionChange = { family: "gcc", from: gcc[2]!, to: shipped };
    return hit;
  }
  for (const f of FAMILIES) {
    const m = f.pattern.exec(name);
    if (!m) continue;
    const asked = f.major ? f.major(m) : (m[1] ?? "");
    const fallback = env.defaults[f.family];
    const shown = (v: string) => (f.family === "php" ? phpVersion(v) : v);
    const target = asked ? f.target(asked, m) : undefined;
    // The asked PHP's pecl build (php82-pecl-imagick) beats another PHP's: PHP 8.2 loads no
    // php84 extension.
    const direct = target && (env.index.has(target) ? target : phpPecl(target, env));
    if (direct) {
      return {
        alpine: [direct],
        layer: "versioned",
        reason: withNote(
          f,
          direct,
          env,
          m,
          `${f.family} ${shown(asked)} is packaged in Alpine ${env.release} as ${direct}`,
        ),
      };
    }
    if (!fallback) return undefined;
    const alt = phpPecl(f.target(fallback, m), env) ?? unversionedDefault(f, fallback, m, env);
    if (!alt) {
      trace.note("versioned", `${target ?? name} is not in Alpine ${env.release}`);
      return undefined;
    }
    const plain = alt.includes(fallback) ? "" : ", packaged without the major";
    const why =
      asked && asked !== fallback
        ? `${f.family} ${shown(asked)} is not in Alpine ${env.release}; its default ${f.family} ${shown(fallback)} is ${alt}${plain ? ` (${plain.slice(2)})` : ""}`
        : `Alpine ${env.release}'s default ${f.family} is ${shown(fallback)}${plain}: ${alt}`;
    const hit: Hit = { alpine: [alt], layer: "versioned", reason: withNote(f, alt, env, m, why) };
    if (asked && asked !== fallback) {
      hit.versionChange = { family: f.family, from: shown(asked), to: shown(fallback) };
    }
    return hit;
  }
  return undefined;
};

/**
 * Alpine 3.21 builds its default LLVM's lld without the major (lld, lld-libs), beside older
 * versioned streams (lld18): the default's name with the major dropped.
 */
function unversionedDefault(
  f: Family,
  fallback: string,
  m: RegExpExecArray,
  env: Env,
): string | undefined {
  if (f.family !== "llvm" && f.family !== "clang") return undefined;
  const plain = f.target(fallback, m).replace(new RegExp(`${fallback}(?=-|$)`), "");
  return env.index.isReal(plain) ? plain : undefined;
}

function withNote(f: Family, alpine: string, env: Env, m: RegExpExecArray, reason: string): string {
  const note = f.note?.(alpine, env, m);
  return note ? `${reason}; ${note}` : reason;
}

/**
 * Extensions Alpine builds into phpNN itself, so there is no phpNN-<ext>: readline (Alpine
 * configures --with-libedit; Debian's phpX.Y-readline is a shared extension the CLI depends on)
 * and, from PHP 8.5, OPcache (always compiled in upstream; php85 has no php85-opcache).
 */
function phpExtension(v: string, debianExt: string): string {
  const ext = alpineExtension(debianExt);
  return phpBuiltIn(v, ext) ? `php${v}` : `php${v}-${ext}`;
}

function phpBuiltIn(v: string, ext: string): boolean {
  return ext === "readline" || (ext === "opcache" && Number(v) >= 85);
}

function phpBuiltInNote(alpine: string, _env: Env, m: RegExpExecArray): string | undefined {
  const ext = m[m.length - 1] ?? "";
  const v = /^php(\d+)$/.exec(alpine)?.[1];
  if (!v || !phpBuiltIn(v, ext)) return undefined;
  return ext === "readline"
    ? `Alpine builds the readline extension (with libedit) into ${alpine} itself`
    : `PHP ${phpVersion(v)} always compiles OPcache in, so ${alpine} has it and there is no ${alpine}-opcache`;
}

/** Alpine's PHP major.minor as people write it: 84 → 8.4. */
function phpVersion(v: string): string {
  return /^\d\d$/.test(v) ? `${v[0]}.${v[1]}` : v;
}

/** php-redis is packaged as phpNN-pecl-redis; a real package beats a virtual one. */
function phpPecl(target: string, env: Env): string | undefined {
  const pecl = target.replace(/^(php\d+)-/, "$1-pecl-");
  return (
    [target, pecl].find((n) => env.index.isReal(n)) ?? [target, pecl].find((n) => env.index.has(n))
  );
}
