import { isLibraryName, libraryStems } from "../names.js";
import { nearestNames } from "../nearest.js";
import { type Env, firstExisting, type Layer } from "./types.js";

/** Name-only rules for packages with no upstream join: each candidate must exist. */
export const nameRuleLayer: Layer = (name, env) => {
  if (name.endsWith("-dev")) {
    const base = name.slice(0, -4);
    const stems = [base, ...libraryStems(base)];
    const hit = firstExisting(
      env,
      stems.flatMap((s) => [`${s}-dev`, `${s.replace(/^lib/, "")}-dev`]),
    );
    if (hit) return { alpine: [hit], layer: "name-rule", reason: `headers by name: ${hit}` };
  }
  if (isLibraryName(name)) {
    for (const stem of libraryStems(name)) {
      // The bare stem only when it is a library's package: libzzz1 is not the zzz tool.
      const hit = firstExisting(
        env,
        [stem, `${stem.replace(/^lib/, "")}-libs`, stem.replace(/^lib/, "")].filter(
          (n) => env.index.has(n) && env.index.isLibraryPackage(n),
        ),
      );
      if (hit)
        return { alpine: [hit], layer: "name-rule", reason: `shared library by name: ${hit}` };
    }
  }
  // sg3-utils is sg3_utils on Alpine.
  const underscored = name.replace(/-/g, "_");
  if (underscored !== name && env.index.has(underscored)) {
    return {
      alpine: [underscored],
      layer: "name-rule",
      reason: `spelled ${underscored} on Alpine`,
    };
  }
  const tool = /^(.+)-(bin|utils|tools|progs)$/.exec(name);
  if (tool?.[1]) {
    const hit = firstExisting(env, [
      `${tool[1]}-${tool[2]}`,
      `${tool[1]}-utils`,
      `${tool[1]}-tools`,
      tool[1],
    ]);
    if (hit) return { alpine: [hit], layer: "name-rule", reason: `tools by name: ${hit}` };
  }
  return undefined;
};

/** No layer decided: say so, with the closest names that do exist. */
export const unknownLayer: Layer = (name, env) => {
  const near = env.typos.candidates(name, (n) => typoCandidates(n, env));
  const stem = (libraryStems(name)[0] ?? name)
    .replace(/^lib/, "")
    .replace(/-(dev|bin|utils|tools)$/, "");
  const prefixed =
    stem.length >= 3
      ? [stem, `lib${stem}`, `py3-${stem}`, `perl-${stem}`]
          .flatMap((prefix) => env.index.withPrefix(prefix, 20))
          .filter((n) => !NOISE.test(n))
          .sort((a, b) => a.length - b.length || a.localeCompare(b))
      : [];
  return {
    alpine: [],
    kind: "unknown",
    layer: "unknown",
    reason: `no Alpine ${env.release} package found for ${name}${languageHint(name)}${near ? "" : `; no typo search for it (${env.typos.limitText()})`}`,
    candidates: [...new Set([...(near ?? []), ...prefixed])].slice(0, MAX_CANDIDATES),
  };
};

const MAX_CANDIDATES = 5;
const NOISE = /-(doc|dbg|lang|openrc|static|pyc|[a-z]+-completion)$/;

/**
 * Names a few edits away from the Debian name and from its Alpine spellings (python3-x → py3-x,
 * libx-perl → perl-x, libfoo1 → libfoo, foo-libs): what a typo such as python3-requets or
 * libpng-devv most likely meant.
 */
function typoCandidates(name: string, env: Env): string[] {
  const queries = new Set([name]);
  const py = /^python3?-(.+)$/.exec(name)?.[1];
  if (py) queries.add(`py3-${py}`);
  const perl = /^lib(.+)-perl$/.exec(name)?.[1];
  if (perl) queries.add(`perl-${perl}`);
  if (isLibraryName(name)) {
    for (const stem of libraryStems(name).slice(0, 2)) {
      queries.add(stem);
      queries.add(`${stem.replace(/^lib/, "")}-libs`);
    }
  }
  const hits = [...queries].flatMap((q) =>
    nearestNames(q, (n, first) => env.index.namesStarting(n, first), MAX_CANDIDATES * 2),
  );
  hits.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  const noisy = NOISE.test(name);
  return [...new Set(hits.map((h) => h.name))]
    .filter((n) => noisy || !NOISE.test(n))
    .slice(0, MAX_CANDIDATES);
}

/** Where Alpine has no package of a language module, the language's installer usually does. */
function languageHint(name: string): string {
  if (/^python3?-/.test(name)) return "; install it with pip (py3-pip) instead";
  if (/^lib.+-perl$/.test(name)) return "; install it with cpanm (perl-app-cpanminus) instead";
  if (/^ruby-/.test(name)) return "; install it with gem (ruby) instead";
  if (/^php-/.test(name)) return "; install it with pecl or composer instead";
  return "";
}
