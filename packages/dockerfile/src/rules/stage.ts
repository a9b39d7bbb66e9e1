import type { MigrationContext } from "../migrate/context.js";
import { sourceSpan, splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import type { ShellSource } from "../shell/source.js";
import { baseRepository } from "./base-image.js";
import { followBaseLabel } from "./base-label.js";
import { checkBaseUsers } from "./base-users.js";
import { addBuildpackTools } from "./buildpack.js";
import { wgetUse } from "./busybox.js";
import { copiedFiles, scriptCommands } from "./context-files.js";
import { flagGlibcCopies } from "./copy-glibc.js";
import { rewriteCronStart } from "./cron-start.js";
import { addCxxRuntime } from "./cxx-runtime.js";
import { flagScriptEchoes } from "./dash-echo-scripts.js";
import { rewriteStartedEchoes } from "./dash-echo-strings.js";
import { addDash } from "./dash-needs.js";
import { startShell, trackShell } from "./dash-sh.js";
import { debianPathNote, debianProgramNote } from "./debian-programs.js";
import { DEBIAN_TOOLS } from "./debian-tools.js";
import { addDotnetGlobalization } from "./dotnet-icu.js";
import { flagDotnetRid } from "./dotnet-rid.js";
import { flagGlibcAdd } from "./glibc-add.js";
import { addGnuTools } from "./gnu-stage.js";
import { addGoToolchain } from "./go-cgo.js";
import { addGoDns } from "./go-dns.js";
import { aptInstallsGosu, migrateGosuDownload } from "./gosu.js";
import { scriptKeepsGosu } from "./gosu-scripts.js";
import { rewriteJavaHome } from "./java-home.js";
import { addRuntimeModules } from "./modules.js";
import { rewriteMultiarchLibs } from "./multiarch-libs.js";
import { addGnuIconv } from "./musl-iconv.js";
import { addNativeToolchain } from "./native-toolchain.js";
import { renamePackageAccounts } from "./package-accounts-rename.js";
import { flagBrowserDownloads, flagGlibcWheels, flagSystemPip } from "./pep668.js";
import { perlModuleBuilds } from "./perl-xs.js";
import { rewritePhpLayout } from "./php-paths.js";
import { addPhpizeDeps } from "./php-pecl.js";
import { apkRunLine } from "./place.js";
import { migrateRun } from "./run.js";
import { dropAptCacheMounts } from "./run-flags.js";
import type { StageState, ValueSpan } from "./scope.js";
import { addScriptShadow } from "./shadow-scripts.js";
import { addShadowTools } from "./shadow-tools.js";
import { linksShToBash, migrateShell, noteInstalledByApk } from "./shell.js";
import { stageCommands } from "./stage-commands.js";
import type { StageInfo } from "./stage-info.js";
import { stageTree, withCopiedScripts } from "./stage-tree.js";
import { startedCalls } from "./started-commands.js";
import { alpineTiniPath, DEBIAN_TINI } from "./tini-path.js";
import { mountGids, ownerGroupInInstruction } from "./users-owner-groups.js";
import { flagRenamedNames } from "./users-renamed.js";
import { addZoneinfo } from "./zoneinfo.js";

/** Runs the per-instruction rules over one stage, then the rules that need the whole stage. */
export function migrateStage(ctx: MigrationContext, info: StageInfo, all: StageInfo[]): void {
  if (!info.alpine) return;
  const body = info.stage.body;
  const copied = copiedFiles(ctx, info.stage);
  const tree = stageTree(ctx, all);
  const family = tree.facts(info);
  const commands = new Set([...stageCommands(ctx, body), ...scriptCommands(copied)]);
  const state: StageState = {
    info,
    commands,
    copied,
    // A child stage runs the parent's programs: its ENTRYPOINT follows tini's and gosu's moves.
    debianInstalled: new Set(
      info.stage.parent ? ctx.debianByStage.get(info.stage.parent.index) : [],
    ),
    // A stage built FROM another has what that one installed for good.
    alpineInstalled: new Set(inherited(ctx, info)),
    lasting: new Set(inherited(ctx, info)),
    preamble: [],
    apkAdds: [],
    bashNeeds: [],
    removedRuns: new Set(),
    values: collectValues(ctx, body),
    mappedValues: new Set(),
    usesDpkgTools: family.dpkgTools,
    buildsFromSource: family.buildsFromSource,
    compilesExtensions: family.extensions,
    // Read only for a stage that sets a SHELL itself (migrateShell): the others get none, so a
    // long chain of stages without SHELL is not walked again for each of them.
    inheritedRuns: body.some((ins) => ins.keyword === "SHELL") ? tree.inheritingRuns(info) : [],
    staticRust: !info.already && baseRepository(ctx, info.stage) === "rust" && family.cargo,
    staticXxRust: !info.already && baseRepository(ctx, info.stage) === "rust" && family.xxCargo,
    wget: withCopiedScripts(family.wget, wgetUse(ctx, [], copied)),
    ships: tree.ships(info),
    // The perl image's perl is its own build in /usr/local, headers included: no perl-dev there.
    perlModules:
      baseRepository(ctx, info.stage) !== "perl" && perlModuleBuilds(info, all, commands),
    // A gosu call before the install that becomes su-exec follows it too (a second run sees
    // su-exec installed and would change the call then).
    aptGosu:
      !scriptKeepsGosu(ctx, copied) &&
      body.some((ins) => ins.keyword === "RUN" && aptInstallsGosu(ins.args.text)),
    shell: startShell(ctx, info),
    shLinkedRuns: new Set(),
  };
  const repo = baseRepository(ctx, info.stage);
  // What a container starts runs under the stage's final /bin/sh, and CMD/ENTRYPOINT under the
  // SHELL of their instruction (HEALTHCHECK under the image's: the last one).
  const started: { ins: Instruction; shell?: StageState["shell"]["shell"] }[] = [];
  const runShells = new Map<Instruction, StageState["shell"]>();
  for (const ins of body) {
    if (ins.keyword === "RUN") runShells.set(ins, state.shell);
    if (ins.keyword === "HEALTHCHECK") started.push({ ins });
    else if (ins.keyword === "CMD" || ins.keyword === "ENTRYPOINT")
      started.push({ ins, shell: state.shell.shell });
    flagDebianLayout(ctx, ins, repo);
    flagGlibcAdd(ctx, ins);
    if (ins.keyword === "ENV" || ins.keyword === "ARG") dropDebianFrontend(ctx, ins);
    else if (ins.keyword === "RUN") {
      mountGids(ctx, state, ins);
      if (migrateGosuDownload(ctx, state, ins)) {
        dropAptCacheMounts(ctx, ins);
        continue;
      }
      noteInstalledByApk(ctx, state, ins);
      // A RUN removed whole takes its mounts along: no separate edit for them.
      if (migrateRun(ctx, state, ins)) {
        deleteInstruction(ctx, ins, "apt");
        state.removedRuns.add(ins);
      } else dropAptCacheMounts(ctx, ins);
    } else if (ins.keyword === "ENTRYPOINT" || ins.keyword === "CMD") entryPaths(ctx, state, ins);
    else if (ins.keyword === "LABEL" && !info.already) followBaseLabel(ctx, info, ins);
    else if (ins.keyword === "COPY" || ins.keyword === "ADD" || ins.keyword === "USER")
      ownerGroupInInstruction(ctx, state, ins);
    else if (ins.keyword === "ONBUILD" && DEBIAN_TOOLS.test(ins.args.text)) {
      ctx.warn(
        "apt",
        ins.start,
        "ONBUILD instructions are not rewritten, and this one runs Debian tools in the images built FROM this one: convert it by hand",
      );
    }
    trackShell(state, ins, ins.keyword === "RUN" && linksShToBash(ctx, ins));
  }
  for (const s of started) rewriteStartedEchoes(ctx, state, s.ins, s.shell ?? state.shell.shell);
  flagScriptEchoes(ctx, state, runShells);
  migrateShell(ctx, state);
  addDash(ctx, state);
  addRuntimeModules(ctx, state);
  addGnuTools(ctx, state);
  addZoneinfo(ctx, state, all);
  addDotnetGlobalization(ctx, state, all);
  addCxxRuntime(ctx, state, all);
  addPhpizeDeps(ctx, state);
  addGoToolchain(ctx, state);
  addNativeToolchain(ctx, state, all);
  renamePackageAccounts(ctx, state);
  checkBaseUsers(ctx, state);
  flagRenamedNames(ctx, state, all);
  addShadowTools(ctx, state);
  addScriptShadow(ctx, state);
  flagGlibcCopies(ctx, info, all);
  flagDotnetRid(ctx, state);
  flagSystemPip(ctx, state);
  flagGlibcWheels(ctx, state);
  flagBrowserDownloads(ctx, state);
  addGnuIconv(ctx, state);
  // Only a stage that was on buildpack-deps reads the family's RUN lines; such a stage starts a
  // chain (FROM an image), so each RUN is gathered for one stage at most.
  addBuildpackTools(ctx, state, info.buildpack ? tree.familyRuns(info) : []);
  writePreamble(ctx, state);
  addGoDns(ctx, info, all, state.alpineInstalled);
  rewriteJavaHome(ctx, state);
  rewriteMultiarchLibs(ctx, state);
  rewritePhpLayout(ctx, state);
  ctx.lastingByStage.set(info.stage.index, state.lasting);
  ctx.debianByStage.set(info.stage.index, state.debianInstalled);
  ctx.shellByStage.set(info.stage.index, state.shell);
}

function inherited(ctx: MigrationContext, info: StageInfo): ReadonlySet<string> {
  const parent = info.stage.parent;
  return (parent && ctx.lastingByStage.get(parent.index)) ?? new Set();
}

/** One `apk add` right after FROM for what the stage needs before its first RUN can add it. */
function writePreamble(ctx: MigrationContext, state: StageState): void {
  if (state.preamble.length === 0) return;
  const at = state.info.stage.from.end;
  const line = apkRunLine(state.info.stage, at, state.preamble.join(" "), ctx.doc.eol);
  ctx.edit("from", at, at, `${ctx.doc.eol}${line}`);
}

/** Removes an instruction's whole lines. */
export function deleteInstruction(
  ctx: MigrationContext,
  ins: Instruction,
  rule: "apt" | "debian-frontend",
): void {
  ctx.deleteInstruction(ins, rule);
}

function argsSource(ctx: MigrationContext, ins: Instruction): ShellSource {
  return {
    script: { text: ins.args.text, items: [] },
    file: ctx.text,
    escapeChar: ctx.doc.escape,
    span: (from, to) => sourceSpan(ins.args, from, to),
    direct: false,
  };
}

/** ENV/ARG values in the stage, for package lists held in variables (`$PHPIZE_DEPS`). */
function collectValues(ctx: MigrationContext, body: Instruction[]): Map<string, ValueSpan> {
  const values = new Map<string, ValueSpan>();
  for (const ins of body) {
    if (ins.keyword !== "ENV" && ins.keyword !== "ARG") continue;
    const src = argsSource(ctx, ins);
    const words = splitWords(ins.args.text);
    const first = words[0];
    if (!first) continue;
    if (ins.keyword === "ENV" && !first.text.includes("=")) {
      const rest = words[1];
      if (rest)
        values.set(first.text, { src, from: rest.start, to: ins.args.text.trimEnd().length });
      continue;
    }
    for (const w of words) {
      const eq = w.text.indexOf("=");
      if (eq <= 0) continue;
      let from = w.start + eq + 1;
      let to = w.end;
      const q = w.text[eq + 1];
      if ((q === '"' || q === "'") && w.text.endsWith(q) && w.text.length > eq + 2) {
        from++;
        to--;
      }
      values.set(w.text.slice(0, eq), { src, from, to });
    }
  }
  return values;
}

/** Rule 7: `DEBIAN_FRONTEND` in ENV/ARG means nothing on Alpine. */
export function dropDebianFrontend(ctx: MigrationContext, ins: Instruction): void {
  const words = splitWords(ins.args.text);
  const isDf = (t: string) => /^DEBIAN_FRONTEND(?:=|$)/.test(t);
  if (!words.some((w) => isDf(w.text))) return;
  const legacy =
    ins.keyword === "ENV" && words[0] && isDf(words[0].text) && !words[0].text.includes("=");
  if (legacy || words.every((w) => isDf(w.text))) {
    deleteInstruction(ctx, ins, "debian-frontend");
    return;
  }
  words.forEach((w, k) => {
    if (!isDf(w.text)) return;
    const prev = words[k - 1];
    const next = words[k + 1];
    const [s, e] = prev
      ? sourceSpan(ins.args, prev.end, w.end)
      : sourceSpan(ins.args, w.start, next ? next.start : w.end);
    ctx.edit("debian-frontend", s, e, "");
  });
}

const LAYOUT_KEYWORDS = new Set([
  "RUN",
  "COPY",
  "ADD",
  "ENV",
  "ARG",
  "WORKDIR",
  "VOLUME",
  "ENTRYPOINT",
  "CMD",
]);

/** Debian-only paths (multiarch lib dirs, sites-available, /etc/debian_version …), flagged. */
function flagDebianLayout(ctx: MigrationContext, ins: Instruction, repo?: string): void {
  if (!LAYOUT_KEYWORDS.has(ins.keyword)) return;
  const hit = debianPathNote(ins.args.text, ins.keyword, ctx.release, ctx.text, repo);
  if (hit) ctx.warn(hit.rule, sourceSpan(ins.args, hit.index, hit.index)[0], hit.note);
}

/** Rule 8: Alpine's tini lives in /sbin (tini-path.ts); gosu calls follow a gosu → su-exec swap. */
function entryPaths(ctx: MigrationContext, state: StageState, ins: Instruction): void {
  const text = ins.args.text;
  for (const call of startedCalls(ins)) {
    if (rewriteCronStart(ctx, ins, call)) continue;
    const note = debianProgramNote(call.name, ctx.release);
    const at = sourceSpan(ins.args, call.at, call.at)[0];
    if (note) ctx.warn("apt", at, `${ins.keyword} starts ${call.name}: ${note}`);
  }
  for (const m of text.matchAll(DEBIAN_TINI)) {
    const to = alpineTiniPath(state, m[1]!);
    if (!to) continue;
    const [s, e] = sourceSpan(ins.args, m.index, m.index + m[0].length);
    ctx.edit("tini-gosu", s, e, to);
  }
  if (state.alpineInstalled.has("su-exec") && state.debianInstalled.has("gosu")) {
    // `gosu`, or by path (`/usr/sbin/gosu`, `/usr/local/bin/gosu`): su-exec is on PATH.
    for (const m of text.matchAll(/(?<=^|["\s[])(?:\/usr(?:\/local)?\/s?bin\/)?gosu(?=["\s,])/g)) {
      const [s, e] = sourceSpan(ins.args, m.index, m.index + m[0].length);
      ctx.edit("tini-gosu", s, e, "su-exec");
    }
  }
  const installed = state.alpineInstalled;
  if (/\bgosu\b/.test(text) && !installed.has("su-exec") && !installed.has("gosu")) {
    ctx.warn(
      "tini-gosu",
      ins.start,
      "gosu kept: make sure the gosu binary is installed or built for musl (or switch to su-exec)",
    );
  }
}

/** Rule 7: a final stage shipping a Go binary resolves DNS in pure Go, as it did with glibc's NSS files. */
