import type { StageState } from "./scope.js";
import type { StageInfo } from "./stage-info.js";

/**
 * Installs of Perl modules from source, which build their XS (C) parts when they have any: cpanm,
 * `cpan MODULE` / `cpan -i`, `perl -MCPAN`, cpm, `carton install` (or bare `carton`), and a
 * distribution's own `perl Makefile.PL` / `perl Build.PL`. Called by name or by path.
 */
const PERL_MODULE_BUILD = new RegExp(
  String.raw`(?:^|[\s;&|(])(?:[^\s;&|()'"]*\/)?(?:` +
    [
      String.raw`cpanm\b`,
      String.raw`cpan\s+[\w:-]`,
      String.raw`cpm\s+install\b`,
      String.raw`carton(?:\s+install\b|\s*(?:$|[;&|)]))`,
      String.raw`perl(?:\s+-\S+)*\s+(?:-MCPAN\b|(?:\S*\/)?(?:Makefile|Build)\.PL\b)`,
    ].join("|") +
    ")",
  "m",
);

/** Commands that, found in a COPYed script the stage runs, install modules from source. */
const PERL_INSTALLERS = ["cpanm", "cpm", "carton"];

/**
 * Whether the stage or a stage built FROM it installs Perl modules from source (its own COPYed
 * scripts included, by their `commands`).
 */
export function perlModuleBuilds(
  info: StageInfo,
  all: readonly StageInfo[],
  commands: ReadonlySet<string>,
): boolean {
  return PERL_INSTALLERS.some((c) => commands.has(c)) || familyBuilds(all).get(info) === true;
}

// Keyed by the migration's own stage list: each RUN is read once per migration, and each stage's
// answer folds in those of the stages built FROM it (later in the file), last to first.
const families = new WeakMap<readonly StageInfo[], ReadonlyMap<StageInfo, boolean>>();

function familyBuilds(all: readonly StageInfo[]): ReadonlyMap<StageInfo, boolean> {
  let found = families.get(all);
  if (found) return found;
  const byStage = new Map(all.map((info, k) => [info.stage, k]));
  const builds = all.map((info) =>
    info.stage.body.some((ins) => ins.keyword === "RUN" && PERL_MODULE_BUILD.test(ins.args.text)),
  );
  for (let k = all.length - 1; k >= 0; k--) {
    const parent = all[k]!.stage.parent;
    const at = parent ? byStage.get(parent) : undefined;
    if (builds[k] && at !== undefined) builds[at] = true;
  }
  found = new Map(all.map((info, k) => [info, builds[k]!]));
  families.set(all, found);
  return found;
}

/** C compilers and toolchains, by Debian or Alpine name (`gcc-12` included). */
const COMPILER = /^(?:gcc|g\+\+|clang)(?:-?\d+)?$|^build-(?:essential|base)$/;

/**
 * The stage can compile XS: a compiler in the same install (`names`), installed earlier in the
 * stage or in a stage it is built FROM.
 */
export function compilesPerlXs(stage: StageState, names: readonly string[]): boolean {
  if (!stage.perlModules) return false;
  return [names, stage.debianInstalled, stage.alpineInstalled].some((set) =>
    [...set].some((n) => COMPILER.test(n)),
  );
}
