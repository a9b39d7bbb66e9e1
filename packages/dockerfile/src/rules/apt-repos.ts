import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { words } from "./misc.js";
import type { ScriptScope } from "./scope.js";
import { SETUP_SCRIPT, setupScriptAdvice } from "./setup-scripts.js";

// Rule 11: third-party apt repositories, vendor setup scripts and apt's own files (sources lists,
// keyrings, apt.conf): flagged or, where the step only touches what Alpine never has, removed.

const REPO_TEXT =
  /apt-key|add-apt-repository|\/etc\/apt\/(?:sources\.list|keyrings|trusted\.gpg)|\/usr\/share\/keyrings|signed-by=/;
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
