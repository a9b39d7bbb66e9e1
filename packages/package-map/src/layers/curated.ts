import type { CuratedEntry } from "../data.js";
import { debianBinary } from "../debian-facts.js";
import type { Env, Hit, Layer } from "./types.js";

/** Curated entries, each with its evidence; `{clang}`-style holes take the release's default major. */
export const curatedLayer: Layer = (name, env) => {
  const base = Object.hasOwn(env.curated.packages, name) ? env.curated.packages[name] : undefined;
  if (!base) return undefined;
  const entry: CuratedEntry = { ...base, ...(base.releases?.[env.release] ?? {}) };
  const fill = (names: readonly string[]) =>
    names.map((n) => n.replace(/\{(\w+)\}/g, (_, f: string) => env.defaults[f] ?? f));
  const used = pickByCommands(name, entry, env);
  const alpine = fill(used?.alpine ?? entry.alpine);
  const why = fill([entry.why])[0] ?? entry.why;
  const hit: Hit = {
    alpine,
    // A command that adds a package to an entry Alpine otherwise needs nothing for (locale).
    layer: used && entry.alpine.length === 0 ? "override" : (entry.layer ?? "override"),
    reason: used ? `${used.why}; ${why}` : why,
  };
  if (entry.kind && !used) hit.kind = entry.kind;
  return hit;
};

function pickByCommands(
  name: string,
  entry: CuratedEntry,
  env: Env,
): { alpine: string[]; why: string } | undefined {
  const table = entry.commands;
  const usedCommands = env.context.commands;
  if (!table || !usedCommands) return undefined;
  const relevant = usedCommands.filter((c) => Object.hasOwn(table, c));
  if (relevant.length === 0) return undefined;
  const alpine = [...new Set(relevant.flatMap((c) => table[c] ?? []))];
  const extra = alpine.filter((n) => !entry.alpine.includes(n));
  // A command Debian's package bundles and Alpine's lacks (npm with nodejs) adds its package.
  if (extra.length > 0 && entry.alpine.every((n) => alpine.includes(n))) {
    return {
      alpine,
      why: `the script runs ${relevant.join(", ")}, which Alpine ships in ${extra.join(", ")}`,
    };
  }
  // Narrow only when every command the script uses from this package has a smaller home:
  // envsubst and gettext together still need all of gettext.
  const shipped = debianBinary(name).commands;
  if (usedCommands.some((c) => shipped.includes(c) && !Object.hasOwn(table, c))) return undefined;
  return { alpine, why: `smallest package for the commands used (${relevant.join(", ")})` };
}
