import { quoted } from "@alpinize/errors";
import type { RuleId } from "../edits.js";
import { mayNotRun } from "../shell/conditional-spans.js";
import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import type { AptCommand } from "./apt-command.js";
import { baseRepository, PHP_BASED } from "./base-image.js";
import { mapPackages, type PackageToken } from "./packages.js";
import { linkPhpPrograms } from "./php-version.js";
import type { ScriptScope } from "./scope.js";
import { variablePackages } from "./variables.js";

/** `-t bookworm-backports`: the packages came from another suite; Alpine has one version each. */
function warnTargetRelease(
  scope: ScriptScope,
  cmd: SimpleCommand,
  apt: AptCommand,
  rule: RuleId,
): void {
  const words = apt.options.map((w) => w.value ?? w.raw);
  const k = words.findIndex((w) => w === "-t" || w === "--target-release");
  const joined = words.find((w) => /^(?:--target-release=|-t\S)/.test(w));
  const suite = k >= 0 ? words[k + 1] : joined?.replace(/^(?:--target-release=|-t)/, "");
  if (!suite) return;
  scope.warn(
    rule,
    cmd.start,
    `-t ${suite} dropped: these packages came from ${suite} on Debian; Alpine ${scope.ctx.release} has one version of each: check it is new enough`,
  );
}

/** apt installs Recommends unless told not to (Debian's images do not turn them off). */
function installsRecommends(apt: AptCommand): boolean {
  const words = apt.options.map((w) => w.value ?? "");
  return !words.some(
    (w, k) =>
      w === "--no-install-recommends" ||
      /Install-Recommends=(?:false|0|no)/i.test(w) ||
      (w === "-o" && /Install-Recommends=(?:false|0|no)/i.test(words[k + 1] ?? "")),
  );
}

/** `apt-get install …` → `apk add --no-cache …` (in a virtual package when purged later). */
export function installApt(
  scope: ScriptScope,
  pipeline: Pipeline,
  cmd: SimpleCommand,
  apt: AptCommand,
  xx: boolean,
  rule: RuleId,
): void {
  const { ctx, stage } = scope;
  warnTargetRelease(scope, cmd, apt, rule);
  const debFile = apt.operands.find(
    (w) => w.value !== undefined && /\.deb$|^\.{0,2}\//.test(w.value),
  );
  if (debFile) {
    scope.warn(
      "glibc",
      debFile.start,
      `${cmd.name} install of a .deb file (${debFile.raw}) left as is: .deb packages are built for Debian and glibc; build an Alpine package or use the musl build`,
    );
    return;
  }
  // `dpkg -i x.deb || apt-get install -f`: the repair of a .deb install. Removing it would turn
  // the fallback into `|| true` and hide the failed install: kept, so the build stops there.
  const fixBroken = apt.options.some((w) => fixBrokenOption(w.value ?? ""));
  if (fixBroken && apt.operands.length === 0) {
    scope.warn(
      "glibc",
      cmd.start,
      `${cmd.name} install -f repairs a dpkg -i of a .deb, which cannot work on Alpine: left as is so the build stops here; install the software from Alpine packages or a musl build, then delete both`,
    );
    return;
  }
  const seen = new Set<string>();
  const literal = apt.operands.filter((w) => w.value !== undefined);
  const tokens: PackageToken[] = literal.map((w) => ({
    value: w.value!,
    offset: scope.fileOffset(w.start),
  }));
  const temporary = wantsVirtual(scope, apt);
  const outcomes = mapPackages(
    ctx,
    stage,
    tokens,
    seen,
    xx ? "xx-apt" : "apt",
    rule,
    temporary ? "build-deps" : "install",
    scope.markedManual,
    installsRecommends(apt),
  );
  if (temporary) flagManual(scope, literal);
  let remaining = 0;
  literal.forEach((w, k) => {
    const o = outcomes[k]!;
    if (o.action === "delete") scope.deleteWord(cmd, w, rule);
    else {
      remaining++;
      if (o.action === "replace") scope.replaceWord(cmd, w, o.text, rule);
    }
  });
  for (const w of apt.operands) {
    if (w.value !== undefined) continue;
    remaining++;
    if (
      !variablePackages(scope, w, seen, xx ? "xx-apt" : "apt", rule, temporary) &&
      !imageAlpineList(scope, w)
    ) {
      scope.warn(
        rule,
        w.start,
        `package list ${quoted(w.raw)} is not a literal alpinize can map; check its names on Alpine`,
      );
    }
  }
  if (remaining === 0) {
    // Nothing left to install: the purge of these names later in the RUN has nothing to remove.
    if (temporary) for (const w of apt.operands) scope.droppedTemporary.add(w.raw);
    scope.deletePipeline(pipeline, rule);
    return;
  }
  const virtual = temporary ? nextVirtual(scope) : undefined;
  const dpkg = !xx && keepDpkgArch(scope, seen, cmd.start, literal[0]?.start ?? cmd.start);
  scope.replaceWord(cmd, apt.tool, xx ? "xx-apk" : "apk", rule);
  scope.replaceWord(
    cmd,
    apt.sub!,
    `add --no-cache${virtual ? ` --virtual ${virtual}` : ""}${dpkg ? " dpkg" : ""}`,
    rule,
  );
  for (const w of apt.options) scope.deleteWord(cmd, w, rule);
  noteApkAdd(scope, rule, apt, virtual !== undefined);
  // Also for a build-deps install: the call it serves runs in the same RUN (a link left dangling
  // after apk del is harmless).
  if (!xx) linkPhpPrograms(scope, cmd, seen);
}

/**
 * A gosu download names its asset with `dpkg --print-architecture | awk -F- …` (Debian names):
 * Alpine's dpkg in the virtual package keeps that working, as docker-library's Alpine images do.
 * Not when the name is computed before this install (`call` is where it starts): dpkg would come
 * too late, so the arch rule maps `apk --print-arch` back with sed there instead.
 */
function keepDpkgArch(scope: ScriptScope, seen: Set<string>, call: number, at: number): boolean {
  const { ctx, stage } = scope;
  const awk = [...scope.gosuArchVars].some((v) => !scope.gosuArchRaw.has(v));
  if (!awk || scope.dpkgKept || scope.gosuArchAt < call || !ctx.packageMap.exists("dpkg")) {
    return false;
  }
  scope.dpkgKept = true;
  if (seen.has("dpkg")) return false;
  seen.add("dpkg");
  stage.alpineInstalled.add("dpkg");
  ctx.packages.push({
    debian: "dpkg",
    alpine: ["dpkg"],
    written: ["dpkg"],
    kind: "exact",
    layer: "migrate-rule",
    reason:
      "the gosu download names its release asset (gosu-amd64, gosu-arm64, …) with dpkg --print-architecture | awk -F-; Alpine's dpkg prints musl-linux-<debian arch>, so that line stays as it is and dpkg joins the build deps (dpkg is Essential on Debian)",
    line: ctx.line(scope.fileOffset(at)),
    tool: "apt",
  });
  return true;
}

function noteApkAdd(scope: ScriptScope, rule: RuleId, apt: AptCommand, temporary: boolean): void {
  const last = apt.operands[apt.operands.length - 1] ?? apt.sub!;
  const nested = mayNotRun(scope.src.script, last.start);
  scope.stage.apkAdds.push({
    rule,
    from: scope.fileOffset(apt.tool.start),
    at: scope.src.span(last.start, last.end)[1],
    temporary,
    nested,
  });
}

function wantsVirtual(scope: ScriptScope, apt: AptCommand): boolean {
  if (scope.buildDeps) return true;
  const raws = apt.operands.map((w) => w.raw);
  return raws.length > 0 && raws.every((r) => scope.purgedLater.has(r));
}

function nextVirtual(scope: ScriptScope): string {
  scope.virtualCount++;
  const name = scope.virtualCount === 1 ? ".build-deps" : `.build-deps-${scope.virtualCount}`;
  scope.virtuals.push(name);
  return name;
}

/**
 * `apt-mark manual NAME` after a build-deps install keeps NAME on Debian when the rest is purged;
 * in `.build-deps` apk would remove it with the virtual package.
 */
function flagManual(scope: ScriptScope, literal: readonly Word[]): void {
  for (const w of literal) {
    if (!scope.markedManual.has(w.value!)) continue;
    scope.warn(
      "apt",
      w.start,
      `${w.value} is marked manual (kept after the purge) on Debian, but apk del removes it with the virtual package: install it in a separate apk add --no-cache`,
    );
  }
}

/**
 * `-f`, `--fix-broken`, or short options with f among them (`-yf`). Read as "only word characters
 * after the dash, an f among them": `-\w*f\w*$` backtracks through every f of a long word.
 */
export function fixBrokenOption(word: string): boolean {
  return word === "--fix-broken" || (/^-\w*$/.test(word) && word.includes("f"));
}

/**
 * `$PHPIZE_DEPS` on a php-based image (php, wordpress, …): the image's own ENV, which its
 * `-alpine` tag sets to Alpine names (autoconf, dpkg-dev, g++, make, pkgconf, re2c …), so apk
 * reads it as it is. A stage's own ENV or ARG of that name is mapped before this is asked.
 */
function imageAlpineList(scope: ScriptScope, w: Word): boolean {
  if (!/^\$\{?PHPIZE_DEPS\}?$/.test(w.raw)) return false;
  const repo = baseRepository(scope.ctx, scope.stage.info.stage);
  return repo !== undefined && PHP_BASED.has(repo);
}
