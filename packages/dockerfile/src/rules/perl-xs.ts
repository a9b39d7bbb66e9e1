import type { Instruction } from "../parse/types.js";
import type { StageState } from "./scope.js";

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
 * Whether the stage (or a stage built FROM it) installs Perl modules from source, asked only when
 * a companion rule needs it: the family's RUN lines are read at most once.
 */
export function perlModuleBuilds(
  runs: () => readonly Instruction[],
  commands: ReadonlySet<string>,
): () => boolean {
  let known: boolean | undefined;
  return () => {
    known ??=
      PERL_INSTALLERS.some((c) => commands.has(c)) ||
      runs().some((ins) => PERL_MODULE_BUILD.test(ins.args.text));
    return known;
  };
}

/** C compilers and toolchains, by Debian or Alpine name (`gcc-12` included). */
const COMPILER = /^(?:gcc|g\+\+|clang)(?:-?\d+)?$|^build-(?:essential|base)$/;

/**
 * The stage can compile XS: a compiler in the same install (`names`), installed earlier in the
 * stage or in a stage it is built FROM.
 */
export function compilesPerlXs(stage: StageState, names: readonly string[]): boolean {
  if (!stage.perlModules?.()) return false;
  return [names, stage.debianInstalled, stage.alpineInstalled].some((set) =>
    [...set].some((n) => COMPILER.test(n)),
  );
}
