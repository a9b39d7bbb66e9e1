import { debianBinary, debianSiblingSource } from "../debian-facts.js";
import { isLibraryName, libraryStems } from "../names.js";
import { dataKind } from "./data-kinds.js";
import type { Env, Hit, Layer, Trace } from "./types.js";
import { firstExisting } from "./types.js";

/**
 * Debian source ↔ Alpine origin (joined by the generator on name, tarball, homepage or source
 * URL), then the binary's role picks the subpackage inside the origin.
 */
export const upstreamLayer: Layer = (name, env, trace) => {
  const facts = debianBinary(name);
  const sibling =
    facts.source === name && name.startsWith("lib")
      ? [name, ...libraryStems(name)].map(debianSiblingSource).find(Boolean)
      : undefined;
  if (sibling) {
    trace.note(
      "upstream",
      `${name} is not a bookworm name; ${sibling.binary} is built from ${sibling.source}`,
    );
  }
  const source = sibling?.source ?? facts.source;
  const joined =
    env.index.joinSource(source) ??
    (source === name ? env.index.joinSource(guessSource(name)) : undefined);
  if (!joined) {
    trace.note("upstream", `Debian source ${source} has no Alpine origin in ${env.release}`);
    return undefined;
  }
  const origin = apiSibling(name, joined.origin, env) ?? joined.origin;
  const how =
    origin === joined.origin
      ? `Debian source ${source} ↔ Alpine origin ${joined.origin} (${joined.key})`
      : `Debian source ${source} ↔ Alpine origin ${joined.origin} (${joined.key}), whose API ${origin.slice(origin.lastIndexOf("-") + 1)} named in ${name} is built as ${origin}`;
  const role = pickRole(name, origin, facts.commands, env, trace);
  if (!role) return undefined;
  return { ...role, layer: "upstream", reason: `${how}; ${role.reason}` };
};

/**
 * One source, one origin per API (webkit2gtk-4.1, webkit2gtk-6.0): the join names one of them,
 * and an API version in the binary's name (libwebkit2gtk-4.1-0) picks its own.
 */
function apiSibling(name: string, origin: string, env: Env): string | undefined {
  const family = /^(.*[a-z+])-\d+\.\d+$/.exec(origin)?.[1];
  if (!family) return undefined;
  for (const m of name.matchAll(/-(\d+\.\d+)(?=-|$)/g)) {
    const sibling = `${family}-${m[1]}`;
    if (sibling !== origin && env.index.isOrigin(sibling)) return sibling;
  }
  return undefined;
}

function guessSource(name: string): string {
  return name.replace(/-(dev|doc|utils|tools|bin|common|data)$/, "").replace(/t64$/, "");
}

type Role = Omit<Hit, "layer">;

function pickRole(
  name: string,
  origin: string,
  commands: string[],
  env: Env,
  trace: Trace,
): Role | undefined {
  const names = env.index.names(origin);
  const sub = (suffix: string) =>
    names.includes(`${origin}${suffix}`) ? `${origin}${suffix}` : undefined;
  if (name.endsWith("-dev")) {
    // boost1.84 also builds boost-dev: the unversioned name outlives the release.
    const unversioned = `${origin.replace(/\d+(\.\d+)*$/, "")}-dev`;
    const dev =
      (unversioned !== `${origin}-dev` && names.includes(unversioned) ? unversioned : undefined) ??
      sub("-dev") ??
      firstExisting(
        env,
        libraryStems(name.slice(0, -4)).map((s) => `${s}-dev`),
      );
    return dev ? { alpine: [dev], reason: `headers and link libraries are in ${dev}` } : undefined;
  }
  const data = dataKind(name, commands);
  if (data && !data.alpine.test(origin)) {
    const hit = data.subs.map(sub).find(Boolean);
    if (hit) return { alpine: [hit], reason: `${hit} holds the ${data.what} of ${origin}` };
    trace.note(
      "upstream",
      `${name} holds ${data.what} only; Alpine's ${origin} is no package of ${data.what} and has no subpackage of them: not the whole of ${origin}`,
    );
    return undefined;
  }
  // Only the project's own shared files: python3-stack-data is a module, not data.
  if (/-(common|data)$/.test(name) && name.startsWith(origin.replace(/\d+(\.\d+)*$/, ""))) {
    return { alpine: [origin], kind: "merged", reason: `shared files are part of ${origin}` };
  }
  if (isLibraryName(name)) return libraryRole(name, origin, names, env);
  const part = namedPart(name, origin, names);
  if (part) return { alpine: [part], reason: `that part of ${origin} is packaged as ${part}` };
  const tools = toolRole(name, origin, names, commands, env);
  if (tools) return tools;
  if (names.includes(name.replace(/-(bin|utils|tools|progs)$/, ""))) {
    trace.note("upstream", `no ${origin} subpackage for ${name}'s role; using the main package`);
  }
  return { alpine: [origin], reason: `${origin} is the main package of the same upstream` };
}

function libraryRole(name: string, origin: string, names: string[], env: Env): Role | undefined {
  const stem = libraryStems(name).find((s) => env.index.isReal(s));
  // libmemcached11 → libmemcached-libs: when the stem is the whole origin, its -libs is smaller.
  if (stem && !(stem === origin && names.includes(`${origin}-libs`))) {
    return { alpine: [stem], reason: `the shared library is packaged as ${stem}` };
  }
  // mesa's libgbm is mesa-gbm: the origin plus the library's bare name.
  const family = origin.replace(/\d+(\.\d+)*$/, "");
  const bare = libraryStems(name).flatMap((s) => [
    `${origin}-${s.replace(/^lib/, "")}`,
    `${origin}-${s}`,
    `${origin}-${s.replace(/^lib/, "").replace(`${family}-`, "")}`,
  ]);
  // lapack's libblas3 is blas: a subpackage named after the library without its lib prefix.
  const plain = libraryStems(name)
    .map((s) => s.replace(/^lib/, ""))
    .filter((n) => n !== origin);
  const order = [
    ...bare,
    ...spelled(name, origin, family),
    ...plain,
    `${origin}-libs`,
    `lib${origin}`,
    `${origin}-lib`,
    origin,
  ];
  const pick = order.find((n) => names.includes(n));
  return pick
    ? { alpine: [pick], reason: `the shared library of ${origin} is in ${pick}` }
    : undefined;
}

/**
 * Alpine's spellings of one library of a split origin: boost1.84-program_options,
 * wayland-libs-client, fftw-double-libs, libcom_err, boost1.84-python3.
 */
function spelled(name: string, origin: string, family: string): string[] {
  const out: string[] = [];
  for (const stem of libraryStems(name)) {
    const base = stem.replace(/^lib/, "");
    // Only a whole word after the family: libvaladoc is not vala's doc.
    const rest = base.startsWith(family) ? /^[\d.]*-(.+)$/.exec(base.slice(family.length)) : null;
    for (const part of [base, rest?.[1] ?? ""].filter(Boolean)) {
      for (const v of new Set([part, part.replace(/-/g, "_")])) {
        out.push(`${origin}-${v}`, `${origin}-libs-${v}`, `${origin}-${v}-libs`, `lib${v}`);
        if (/python$/.test(v)) out.push(`${origin}-${v}3`);
      }
    }
  }
  // The origin itself stays last: libmemcached11 → libmemcached-libs, not libmemcached.
  return out.filter((n) => n !== origin);
}

/** `*-bin`/`*-utils` and friends: the subpackage that ships the tool, smallest when usage is known. */
function toolRole(
  name: string,
  origin: string,
  names: string[],
  commands: string[],
  env: Env,
): Role | undefined {
  const asked = (env.context.commands ?? []).filter((c) => commands.includes(c));
  // Without usage, a package whose every command has its own subpackage (librsvg2-bin ships only
  // rsvg-convert) maps to those subpackages.
  const used = asked.length > 0 ? asked : commands;
  if (used.length > 0) {
    const per = used.map((c) =>
      [`${origin}-${c}`, c, `${origin.replace(/^lib/, "")}-${c}`].find((n) => names.includes(n)),
    );
    if (per.every(Boolean)) {
      const alpine = [...new Set(per as string[])];
      return {
        alpine,
        reason: `smallest package${alpine.length > 1 ? "s" : ""} shipping the commands used (${used.join(", ")})`,
      };
    }
  }
  const suffix = /-(bin|utils|tools|progs|client|server|runtime)$/.exec(name)?.[1];
  if (!suffix) return libraryOriginTools(name, origin, names, commands);
  // A Debian -bin that ships the origin's own program (apache2-bin has apache2) is the main
  // package; one that ships other programs (gdal-bin) meets Alpine's tool subpackages.
  const main = suffix === "bin" && commands.some((c) => c === origin || c === name.slice(0, -4));
  if (main) return undefined;
  // A server or runtime is never the origin's client tools (tigervnc-standalone-server).
  const roles =
    suffix === "server" || suffix === "runtime"
      ? [suffix]
      : [suffix, "utils", "tools", "progs", "bin", "client", "clients"];
  const alts = roles.map((s) => `${origin}-${s}`);
  const hit = alts.find((n) => names.includes(n));
  return hit
    ? {
        alpine: [hit],
        reason: `the ${suffix === "bin" ? "programs" : suffix} of ${origin} are in ${hit}`,
      }
    : undefined;
}

/**
 * A Debian binary of programs named after a library's project (`webp`, with cwebp and dwebp, from
 * libwebp): where Alpine's origin is the library (`lib…`), its main package has no programs and
 * they are in the tools subpackage (`libwebp-tools`), not in the origin the join names.
 */
function libraryOriginTools(
  name: string,
  origin: string,
  names: string[],
  commands: string[],
): Role | undefined {
  if (commands.length === 0 || !origin.startsWith("lib") || name.startsWith("lib"))
    return undefined;
  const hit = ["tools", "utils", "progs", "bin"]
    .map((s) => `${origin}-${s}`)
    .find((n) => names.includes(n));
  return hit
    ? {
        alpine: [hit],
        reason: `Alpine's ${origin} is the library alone and its programs are in ${hit} (Debian's ${name} ships ${commands.join(", ")})`,
      }
    : undefined;
}

/** `uwsgi-plugin-python3` → `uwsgi-python3`: a subpackage named after the rest of the name. */
function namedPart(name: string, origin: string, names: string[]): string | undefined {
  const family = origin.replace(/\d+(\.\d+)*$/, "");
  const prefix = [origin, family].find((p) => name.startsWith(`${p}-`));
  if (!prefix) return undefined;
  const rest = name.slice(prefix.length + 1);
  const bare = rest.replace(/^(plugin|plugins|mod|module|modules|ext)-/, "");
  return [`${origin}-${rest}`, `${origin}-${bare}`].find((n) => names.includes(n));
}
