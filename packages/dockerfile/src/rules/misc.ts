import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { baseRepository } from "./base-image.js";
import { rustGnuTarget } from "./debian-layout.js";
import { onlyFeeds, pipelineFacts } from "./pipeline-facts.js";
import type { ScriptScope } from "./scope.js";
import { SETUP_SCRIPT, setupScriptAdvice } from "./setup-scripts.js";
import { linkLocaltime } from "./zoneinfo-reconfigure.js";

const LOCALE_TOOLS = new Set(["locale-gen", "localedef", "update-locale"]);
const DEBCONF_TOOLS = new Set(["debconf-set-selections", "dpkg-reconfigure"]);
const REPO_TEXT =
  /apt-key|add-apt-repository|\/etc\/apt\/(?:sources\.list|keyrings|trusted\.gpg)|\/usr\/share\/keyrings|signed-by=/;
// Adoptium's JDK assets: `…_x64_linux_hotspot_…` is the glibc build, `…_x64_alpine-linux_…` musl.
const GLIBC =
  /linux-gnu|glibc|manylinux|\.deb(?:$|[?#"'\s])|_(?:x64|aarch64|ppc64le|s390x|riscv64|arm)_linux_hotspot/i;

/** The pipeline's words, without `sh -c` strings already converted as scripts of their own. */
function words(p: Pipeline, scope?: ScriptScope): string[] {
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

/** apt's sources lists, keyrings and configuration. */
const APT_SOURCES = /^\/etc\/apt(?:\/|$)|^\/usr\/share\/keyrings(?:\/|$)/;
/**
 * apt's own files: those, and the state and cache directories the apt rule's
 * `rm -rf /var/lib/apt/lists/*` removal covers (so one rm naming both goes whole).
 */
const APT_FILE =
  /^\/etc\/apt(?:\/|$)|^\/usr\/share\/keyrings(?:\/|$)|^\/var\/(?:lib\/apt|cache\/apt|cache\/debconf|log\/apt|log\/dpkg\.log|lib\/dpkg)(?:\/|$)/;

/**
 * `rm -rf /etc/apt/sources.list.d/*`, `rm /usr/share/keyrings/x.gpg`: removing files Alpine never
 * has sets nothing up; the operands go like `rm -rf /var/lib/apt/lists/*` (a plain `rm` of a
 * missing file would even fail there); so does a find that deletes them. Undefined when the
 * pipeline is no such removal; else whether it went whole (false: other operands stay, for the
 * other rules to see).
 */
function dropAptFileRemoval(scope: ScriptScope, pipeline: Pipeline): boolean | undefined {
  const [cmd, ...rest] = pipeline.commands;
  if (!cmd || rest.length > 0) return undefined;
  const name = (cmd.name ?? "").replace(/^.*\//, "");
  if (name === "find")
    return findDeletesAptFiles(cmd) ? scope.deletePipeline(pipeline, "apt") : undefined;
  if (name !== "rm") return undefined;
  const targets = cmd.args.slice(1).filter((w) => !(w.value ?? "").startsWith("-"));
  const apt = targets.filter((w) => APT_FILE.test(aptPath(w)));
  if (apt.length === 0) return undefined;
  const whole = apt.length === targets.length;
  if (whole && !scope.deletePipeline(pipeline, "apt")) return false;
  if (!whole) for (const w of apt) scope.deleteWord(cmd, w, "apt");
  // The docker-clean hook and cache-mount settings change what a build keeps: say why they go.
  if (apt.some((w) => APT_CONF.test(aptPath(w))))
    scope.warn("apt", pipeline.start, APT_CONF_REMOVED);
  return whole;
}

/** `"/etc/apt/sources.list.d/${NAME}.list"`: the path is literal up to the variable. */
function aptPath(w: Word): string {
  return w.value ?? w.raw.replace(/^["']/, "");
}

/**
 * `find /etc/apt/sources.list.d -name '*.list' -delete` (or `-exec rm`): every starting point is
 * apt's sources or keyrings, and the expression deletes. On Alpine the directory is missing and find would fail.
 */
function findDeletesAptFiles(cmd: SimpleCommand): boolean {
  const args = cmd.args.slice(1);
  const first = args.findIndex((w) => /^[-(!]/.test(w.value ?? w.raw));
  const starts = first === -1 ? args : args.slice(0, first);
  const expression = first === -1 ? [] : args.slice(first).map((w) => w.value ?? w.raw);
  const deletes = expression.some(
    (w, i) =>
      w === "-delete" ||
      (/^-exec(?:dir)?$/.test(w) && /^(?:.*\/)?rm$/.test(expression[i + 1] ?? "")),
  );
  // apt's state directories (`find /var/lib/apt/lists -delete`) are flagged by flagDebianPaths.
  return deletes && starts.length > 0 && starts.every((w) => APT_SOURCES.test(aptPath(w)));
}

/** Rule 11: third-party apt repositories are flagged and kept, never dropped silently. */
export function flagRepositories(scope: ScriptScope, pipeline: Pipeline): boolean {
  const removal = dropAptFileRemoval(scope, pipeline);
  if (removal !== undefined) return removal;
  const all = words(pipeline, scope);
  const repo = all.some((w) => REPO_TEXT.test(w));
  // The script's URL, in a step that fetches or runs it (curl, wget, or a shell given the URL).
  const setupUrl = pipeline.commands.some((c) => SETUP_TOOLS.test(baseName(c.name ?? "")))
    ? all.find((w) => SETUP_SCRIPT.test(w))
    : undefined;
  const setup = setupUrl !== undefined;
  if (!repo && !setup) {
    if (!all.some((w) => /\/etc\/apt\//.test(w))) return false;
    if (dropAptConf(scope, pipeline, all)) return true;
    scope.warn(
      "apt-repos",
      pipeline.start,
      "this writes apt configuration under /etc/apt, which does not exist on Alpine; delete the step (apk does not read it; its own settings live in /etc/apk)",
    );
    return true;
  }
  const distro = !setup && all.some((w) => DISTRO_REPO.test(w));
  const kind = sourcesKind(pipeline, all);
  // One note per RUN: a vendor's setup is often three steps (script or key, list, update).
  if (!distro && !kind && !scope.ctx.firstTime(`apt-repos:${scope.instruction.start}`)) return true;
  // `echo "deb http://deb.debian.org/debian bookworm-backports main" > …/backports.list`: only
  // Debian's own archive, written to a file: the step goes (there is no /etc/apt to write to).
  if (
    distro &&
    !all.some((w) => /apt-key|add-apt-repository|keyring|signed-by|gpg/.test(w)) &&
    pipeline.commands.every((c) => FILE_WRITERS.has(c.name ?? "")) &&
    scope.deletePipeline(pipeline, "apt")
  ) {
    scope.warn("apt-repos", pipeline.start, kind === "deb-src" ? DEB_SRC.removed : DISTRO.removed);
    return true;
  }
  const note = kind === "deb-src" ? DEB_SRC.kept : kind === "mirror" ? MIRROR : undefined;
  scope.warn(
    "apt-repos",
    pipeline.start,
    note ?? (distro ? DISTRO.kept : setupUrl && !repo ? setupNote(setupUrl) : THIRD_PARTY),
  );
  return true;
}

/** Commands that fetch a vendor's setup script or run it. */
const SETUP_TOOLS = /^(?:curl|wget|sh|bash|dash)$/;

function baseName(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}

/** A vendor's setup script whose advice is its own (Docker's); the others get THIRD_PARTY. */
function setupNote(url: string): string {
  const advice = setupScriptAdvice(url);
  if (advice.kind === "apt") return THIRD_PARTY;
  return `${advice.what} left in place: ${advice.why}; ${advice.instead}, then delete this`;
}

const THIRD_PARTY =
  "third-party apt repository setup left in place: it cannot work on Alpine; install the package from Alpine main/community (e.g. nodejs, docker-cli, postgresql-client) or use the vendor's Alpine instructions, then delete this";

/** What a step that writes or edits apt's sources does, when it is not adding a repository. */
type SourcesKind = "deb-src" | "mirror";

const DISTRO = {
  kept: "Debian/Ubuntu apt repository setup (backports, another suite) left in place: it cannot work on Alpine, whose main and community repositories carry one version of each package; delete this step",
  removed:
    "Debian/Ubuntu apt repository (backports, another suite) removed: Alpine's main and community repositories carry one version of each package; check the versions it installs are new enough",
};

const DEB_SRC = {
  kept: "this enables apt's source packages (deb-src, for apt-get source and build-dep), which cannot work on Alpine: apk has no source packages (build from the aports APKBUILD or the upstream tarball, with the -dev packages installed by apk add); delete this step",
  removed:
    "apt's source-package list (deb-src) removed: it only served apt-get source and build-dep, and apk has no source packages (build from the aports APKBUILD or the upstream tarball)",
};

const MIRROR =
  "this points apt at another mirror (it rewrites the Debian/Ubuntu archive host in apt's sources), which cannot work on Alpine: apk reads /etc/apk/repositories; to use a mirror there, rewrite its host instead (sed -i 's#dl-cdn.alpinelinux.org#<mirror>#' /etc/apk/repositories), else delete this step";

/**
 * A step that enables deb-src lines (written, or uncommented/added with sed), or a sed that swaps
 * the archive host in apt's sources for a mirror: neither adds a repository.
 */
function sourcesKind(pipeline: Pipeline, all: readonly string[]): SourcesKind | undefined {
  if (all.some((w) => /\bdeb-src\b/.test(w))) return "deb-src";
  const sed = pipeline.commands.some((c) => (c.name ?? "").replace(/^.*\//, "") === "sed");
  if (
    sed &&
    all.some((w) => DISTRO_HOST.test(w)) &&
    all.some((w) => /\/etc\/apt\/sources\.list/.test(w))
  )
    return "mirror";
  return undefined;
}

/** Debian's and Ubuntu's own archives, and their suites (`bookworm-backports`). */
const DISTRO_HOST =
  /\b(?:deb|security|ftp(?:\.\w+)?|archive)\.debian\.org\b|\b(?:archive|security|ports)\.ubuntu\.com\b/;
const DISTRO_REPO = new RegExp(`${DISTRO_HOST.source}|-backports\\b`);
/** Commands that only write, copy or remove a file. */
const FILE_WRITERS = new Set(["echo", "printf", "rm", "tee", "cat", "touch", "true", ":"]);

/**
 * Files under /etc/apt/apt.conf.d (Keep-Downloaded-Packages for cache mounts, the docker-clean
 * hook, Install-Recommends) only steer apt: the step goes. A proxy setting is kept and flagged:
 * apk reads http_proxy/https_proxy from the environment instead.
 */
function dropAptConf(scope: ScriptScope, pipeline: Pipeline, all: readonly string[]): boolean {
  const aptPaths = all.filter((w) => /\/etc\/apt\//.test(w));
  if (!aptPaths.every((w) => APT_CONF.test(w))) return false;
  // `{ echo …; } > /etc/apt/preferences.d/x`: the group's redirection is a step of its own here.
  const writes = (c: Pipeline["commands"][number]) =>
    FILE_WRITERS.has(c.name ?? "") || (c.name === undefined && c.redirects.length > 0);
  if (!pipeline.commands.every(writes)) return false;
  if (all.some((w) => /proxy/i.test(w))) {
    scope.warn(
      "apt-repos",
      pipeline.start,
      "apt proxy setting left in place: apk does not read /etc/apt; pass the proxy as the http_proxy/https_proxy build args (predefined in BuildKit) and delete this step",
    );
    return true;
  }
  if (!scope.deletePipeline(pipeline, "apt")) return false;
  scope.warn("apt", pipeline.start, APT_CONF_REMOVED);
  return true;
}

const APT_CONF = /\/etc\/apt\/(?:apt\.conf|preferences)(?:\.d\/|$)/;
const APT_CONF_REMOVED =
  "apt configuration step removed: apk does not read /etc/apt (apt.conf.d settings, preferences pins; apk add --no-cache keeps no package cache to preserve)";

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
    // Removing a file (apt's cached .debs) is no download; a .deb given to apt/dpkg has its own,
    // more precise, warning from the apt rule.
    if (cmd.name === "rm") continue;
    const installer = /^(?:apt-get|apt|aptitude|dpkg|gdebi)$/.test(cmd.name ?? "");
    for (const w of [...cmd.assignments, ...cmd.args.slice(1)]) {
      if (scope.convertedStrings.has(w)) continue;
      // A local path (/usr/lib/x86_64-linux-gnu) is Debian's layout, flagged as such elsewhere.
      if (w.raw.startsWith("/")) continue;
      // A Rust -gnu target outside a download name is flagged, with its musl twin, by debianPathNote.
      if (rustGnuTarget(w.raw)) continue;
      if (installer && /\.deb$/.test(w.value ?? w.raw)) continue;
      if (!GLIBC.test(w.raw) || !/[/.]/.test(w.raw)) continue;
      scope.warn(
        "glibc",
        w.start,
        `${truncate(w.raw)} looks like a glibc build: use the musl (linux-musl, musllinux) asset, or add gcompat`,
      );
      return;
    }
  }
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
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
