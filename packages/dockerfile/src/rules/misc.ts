import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { baseRepository } from "./base-image.js";
import { migrateDashSh } from "./dash-sh.js";
import { glibcDownloadNote, glibcDownloadWord } from "./glibc-download.js";
import { onlyFeeds, pipelineFacts } from "./pipeline-facts.js";
import type { ScriptScope } from "./scope.js";
import { linkLocaltime } from "./zoneinfo-reconfigure.js";

const LOCALE_TOOLS = new Set(["locale-gen", "localedef", "update-locale"]);
const DEBCONF_TOOLS = new Set(["debconf-set-selections", "dpkg-reconfigure"]);

/** The pipeline's words, without `sh -c` strings already converted as scripts of their own. */
export function words(p: Pipeline, scope?: ScriptScope): string[] {
  const converted = scope?.convertedStrings;
  return p.commands.flatMap((c) =>
    [...c.assignments, ...c.args, ...c.redirects]
      .filter((w) => !converted?.has(w as Word))
      .map((w) => w.raw),
  );
}

/** Rule 10: glibc locale generation is meaningless on musl. */
export function migrateLocales(
  scope: ScriptScope,
  pipeline: Pipeline,
  cmd: SimpleCommand,
): boolean {
  const { touchesLocaleGen, localeGenEditor } = pipelineFacts(pipeline);
  const isTool = LOCALE_TOOLS.has(cmd.name ?? "");
  const reconfigure =
    cmd.name === "dpkg-reconfigure" && cmd.args.some((a) => a.value === "locales");
  if (!isTool && !touchesLocaleGen && !reconfigure) return false;
  // `echo x >> /etc/locale.gen | tee log`: the other commands must only feed the edit, too.
  const editor = touchesLocaleGen && !isTool && !reconfigure ? localeGenEditor : cmd;
  if (!onlyFeeds(pipeline, editor ?? cmd)) {
    const tool = isTool || reconfigure;
    scope.warn(
      "locales",
      tool ? cmd.start : pipeline.start,
      `${tool ? cmd.name : "editing /etc/locale.gen"} is not needed on musl, but this pipeline does other work: left as is; remove ${tool ? cmd.name : "that edit"} from it by hand`,
    );
    return true;
  }
  if (!scope.deletePipeline(pipeline, "locales")) return true;
  const what = isTool || reconfigure ? cmd.name : "editing /etc/locale.gen";
  const at = scope.fileOffset(cmd.start);
  const line = scope.ctx.line(at);
  // `echo x | tee -a /etc/locale.gen` is one edit, met once per command of the pipeline.
  if (!scope.ctx.firstTime(`locales:${line}:${what}`)) return true;
  // The long note once per RUN (`sed … /etc/locale.gen && locale-gen` removes two steps).
  const full = scope.ctx.warnOnce(
    `locales:run:${scope.instruction.start}`,
    "locales",
    at,
    `${what} removed: musl needs no generated locales (UTF-8 text works as is), but it does not collate or format by locale either, so sorting follows byte order${onPostgres(scope) ? `; for PostgreSQL, initialise with ICU (POSTGRES_INITDB_ARGS="--locale-provider=icu --icu-locale=${icuLocale(cmd)}")` : ""}; musl-locales only adds translated messages`,
  );
  if (!full) scope.warn("locales", cmd.start, `${what} removed too (see the note above)`);
  return true;
}

/** `de_DE.UTF-8` among the call's words → ICU's `de-DE`. */
function icuLocale(cmd: SimpleCommand): string {
  for (const a of cmd.args) {
    const m = /^([a-z]{2,3})_([A-Z]{2})\b/.exec(a.value ?? "");
    if (m) return `${m[1]}-${m[2]}`;
  }
  return "<language>-<REGION>";
}

/** Whether the stage is built on the postgres image (its database collation follows the locale). */
function onPostgres(scope: ScriptScope): boolean {
  return baseRepository(scope.ctx, scope.stage.info.stage) === "postgres";
}

/** Debian's debconf has no Alpine counterpart. */
export function migrateDebconf(
  scope: ScriptScope,
  pipeline: Pipeline,
  cmd: SimpleCommand,
): boolean {
  if (!DEBCONF_TOOLS.has(cmd.name ?? "")) return false;
  if (!onlyFeeds(pipeline, cmd)) {
    scope.warn(
      "apt",
      cmd.start,
      `${cmd.name} has no Alpine counterpart (no debconf), and this pipeline does other work: left as is; remove ${cmd.name} from it by hand`,
    );
    return true;
  }
  if (cmd.name === "dpkg-reconfigure" && linkLocaltime(scope, pipeline, cmd)) return true;
  if (migrateDashSh(scope, pipeline, cmd)) return true;
  if (!scope.deletePipeline(pipeline, "apt")) return true;
  // `dpkg-reconfigure tzdata` turned /etc/timezone into /etc/localtime; musl reads only the latter.
  const tz = cmd.args.some((a) => a.value === "tzdata");
  if (tz) {
    scope.warn(
      "apt",
      cmd.start,
      `${cmd.name} tzdata removed: Alpine has no debconf, and musl reads the zone from /etc/localtime (or TZ), not /etc/timezone: ln -sf /usr/share/zoneinfo/<Area>/<City> /etc/localtime (tzdata installed), or set ENV TZ=<Area>/<City>`,
    );
    return true;
  }
  // Answers are usually preseeded one per line: the removed lines are in the diff, one note is enough.
  scope.ctx.warnOnce(
    `debconf:run:${scope.instruction.start}:${cmd.name}`,
    "apt",
    scope.fileOffset(cmd.start),
    `${cmd.name} removed (each call in this RUN): Alpine has no debconf; configure the package through its files`,
  );
  return true;
}

/** Installers and channels of conda: every package they bring is built for glibc. */
const CONDA_URL =
  /micro\.mamba\.pm|\b(?:Miniforge|Mambaforge|Miniconda|Anaconda)\d?-|repo\.anaconda\.com|conda\.anaconda\.org/i;
const CONDA_TOOLS = /^(?:conda|mamba|micromamba)$/;

/**
 * Rule 9: conda (Miniforge, Miniconda, micromamba, conda-forge) ships glibc builds only; nothing
 * it installs runs on musl. One warning per RUN.
 */
function flagConda(scope: ScriptScope, pipeline: Pipeline): boolean {
  const hit = pipeline.commands.find(
    (c) =>
      c.args.some((w) => CONDA_URL.test(w.raw)) ||
      (CONDA_TOOLS.test((c.name ?? "").replace(/^.*\//, "")) &&
        /^(?:install|create|env|update)$/.test(c.args[1]?.value ?? "")),
  );
  if (!hit) return false;
  if (scope.ctx.firstTime(`conda:${scope.instruction.start}`))
    scope.warn(
      "glibc",
      hit.start,
      "conda (Miniforge, Miniconda, micromamba, conda-forge) ships packages built for glibc only; they do not run on Alpine (musl), even with gcompat: keep this stage on a glibc base (debian:<suite>-slim, or a conda image), or install with apk and pip instead",
    );
  return true;
}

/**
 * Installers that are bash scripts, run by path (their shebang picks bash): while the step stays
 * (its glibc download is flagged by debianPathNote), the stage needs bash.
 */
const BASH_INSTALLERS = new Set(["node-build", "nodenv"]);

function needBashFor(scope: ScriptScope, pipeline: Pipeline): void {
  if (scope.stage.info.already) return;
  for (const cmd of pipeline.commands) {
    const name = (cmd.name ?? "").replace(/^.*\//, "");
    if (!BASH_INSTALLERS.has(name)) continue;
    scope.stage.bashNeeds.push({
      offset: scope.fileOffset(cmd.start),
      reason: `${name} is a bash script`,
    });
  }
}

/** Rule 9: downloads built against glibc. */
export function flagGlibc(scope: ScriptScope, pipeline: Pipeline): void {
  needBashFor(scope, pipeline);
  if (flagConda(scope, pipeline)) return;
  for (const cmd of pipeline.commands) {
    const w = glibcDownloadWord(cmd, (w) => scope.convertedStrings.has(w));
    if (!w) continue;
    scope.warn("glibc", w.start, glibcDownloadNote(w.raw));
    return;
  }
}

/** Rule 8 (gosu part): a gosu installed from apt became su-exec, so its calls follow. */
export function migrateGosuCall(scope: ScriptScope, cmd: SimpleCommand): void {
  if (cmd.name !== "gosu") return;
  if (!scope.stage.alpineInstalled.has("su-exec") && !scope.stage.aptGosu) return;
  scope.replaceWord(cmd, cmd.args[0]!, "su-exec", "tini-gosu");
}

/**
 * Paths only Debian's tools use, outside the steps other rules remove: musl's loader does not read
 * ld.so.conf, and apt's directories do not exist on Alpine.
 */
export function flagDebianPaths(scope: ScriptScope, pipeline: Pipeline): void {
  const all = words(pipeline, scope);
  if (all.some((w) => /\/etc\/ld\.so\.conf/.test(w))) {
    scope.warn(
      "glibc",
      pipeline.start,
      "musl's loader does not read /etc/ld.so.conf or ld.so.conf.d: list the directory in /etc/ld-musl-$(apk --print-arch).path, or use LD_LIBRARY_PATH or an rpath",
    );
  }
  // Text an echo/printf writes out is data, not a use of the directory.
  const rm = pipeline.commands.every(
    (c) => c.name === "rm" || c.name === "echo" || c.name === "printf",
  );
  if (!rm && all.some((w) => /\/var\/(?:lib|cache)\/apt\b/.test(w))) {
    scope.warn(
      "apt",
      pipeline.start,
      "this uses apt's directories (/var/lib/apt, /var/cache/apt), which do not exist on Alpine; delete the step",
    );
  }
}
