import type { RuleId } from "../edits.js";
import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import type { AptCommand } from "./apt-command.js";
import { installApt } from "./apt-install.js";
import { warnUnscannedBuild } from "./build-deps-scan.js";
import { mapPackages } from "./packages.js";
import type { ScriptScope } from "./scope.js";

export const APT_TOOLS = new Set(["apt-get", "apt", "aptitude"]);
export const XX_APT_TOOLS = new Set(["xx-apt", "xx-apt-get"]);
const VALUE_OPTIONS = new Set([
  "-o",
  "-t",
  "-c",
  "-a",
  "--option",
  "--target-release",
  "--config-file",
  "--host-architecture",
]);
const DROP = new Set([
  "update",
  "clean",
  "dist-clean",
  "distclean",
  "autoclean",
  "auto-clean",
  "autoremove",
  "auto-remove",
  "check",
]);
const UPGRADE = new Set(["upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade"]);
const REMOVE = new Set(["remove", "purge"]);
const APT_PATH =
  /^\/var\/(?:lib\/apt|cache\/apt|cache\/debconf|log\/apt|log\/dpkg\.log|lib\/dpkg)(?:\/|$)/;

export function parseAptArgs(cmd: SimpleCommand): AptCommand {
  const [tool, ...rest] = cmd.args;
  const options: Word[] = [];
  const operands: Word[] = [];
  let sub: Word | undefined;
  for (let k = 0; k < rest.length; k++) {
    const w = rest[k]!;
    const v = w.value ?? w.raw;
    if (v.startsWith("-")) {
      options.push(w);
      if (VALUE_OPTIONS.has(v) && rest[k + 1]) options.push(rest[++k]!);
    } else if (!sub) sub = w;
    else operands.push(w);
  }
  return { tool: tool!, sub, options, operands };
}

/** True for `apt-get update`, `apt-get clean` and the like: steps migrate removes whole. */
export function aptStepRemoved(cmd: SimpleCommand): boolean {
  const sub = parseAptArgs(cmd).sub;
  return sub?.value !== undefined && DROP.has(sub.value);
}

/** Rules 2 and 3: apt-get/apt/aptitude and xx-apt(-get) become apk and xx-apk. */
export function migrateApt(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): void {
  const xx = XX_APT_TOOLS.has(cmd.name ?? "");
  const rule: RuleId = xx ? "xx-apt" : "apt";
  const apt = parseAptArgs(cmd);
  const sub = apt.sub?.value;
  if (sub === undefined) {
    scope.warn(rule, cmd.start, `${cmd.name} without a literal subcommand left as is`);
    return;
  }
  if (DROP.has(sub)) {
    // `apt-get update 2>&1 | grep -v W:`: the rest only reads this output, so all of it goes
    // (`true | grep …` would fail on no input).
    if (
      pipeline.commands[0] === cmd &&
      pipeline.commands.slice(1).every(isFilter) &&
      !statusUsed(scope, pipeline)
    ) {
      scope.deletePipeline(pipeline, rule);
      return;
    }
    if (pipeline.commands.length > 1) {
      // `A | apt-get clean`: the other commands of the pipe still run; this one becomes `true`.
      const [first, ...rest] = cmd.args;
      scope.replaceWord(cmd, first!, "true", rule);
      for (const w of [...cmd.assignments, ...rest]) scope.deleteWord(cmd, w, rule);
      return;
    }
    scope.deletePipeline(pipeline, rule);
    return;
  }
  const dropAssignments = () => {
    for (const a of cmd.assignments)
      if (/^DEBIAN_FRONTEND=/.test(a.raw)) scope.deleteWord(cmd, a, "debian-frontend");
  };
  if (sub === "install") {
    dropAssignments();
    installApt(scope, pipeline, cmd, apt, xx, rule);
  } else if (UPGRADE.has(sub)) {
    dropAssignments();
    scope.replaceWord(cmd, apt.tool, xx ? "xx-apk" : "apk", rule);
    scope.replaceWord(cmd, apt.sub!, "upgrade --no-cache", rule);
    for (const w of [...apt.options, ...apt.operands]) scope.deleteWord(cmd, w, rule);
  } else if (REMOVE.has(sub)) {
    dropAssignments();
    remove(scope, pipeline, cmd, apt, xx, rule);
  } else {
    scope.warn(
      rule,
      cmd.start,
      `${cmd.name} ${sub} has no apk equivalent alpinize knows; left as is`,
    );
  }
}

/** Commands that only read and reshape their input (no effect besides their output; not tee). */
const FILTERS = new Set([
  "grep",
  "egrep",
  "fgrep",
  "sed",
  "awk",
  "cat",
  "head",
  "tail",
  "cut",
  "sort",
  "uniq",
  "tr",
  "wc",
]);

/**
 * Whether something reads the pipeline's exit status: an `&&`/`||` next to it, a `!` before it, or
 * an `if`/`while`/`until`/`elif` it is the condition of. Then `grep -q …` decides, and the
 * pipeline cannot go whole.
 */
function statusUsed(scope: ScriptScope, pipeline: Pipeline): boolean {
  const items = scope.src.script.items;
  const k = items.indexOf(pipeline);
  const prev = items[k - 1];
  const next = items[k + 1];
  const andOr = (it: (typeof items)[number] | undefined) =>
    it?.kind === "op" && (it.op === "&&" || it.op === "||");
  const guard = prev?.kind === "keyword" && /^(?:!|if|elif|while|until)$/.test(prev.word);
  return andOr(prev) || andOr(next) || guard;
}

function isFilter(c: SimpleCommand): boolean {
  return FILTERS.has(c.name?.replace(/^.*\//, "") ?? "");
}

function remove(
  scope: ScriptScope,
  pipeline: Pipeline,
  cmd: SimpleCommand,
  apt: AptCommand,
  xx: boolean,
  rule: RuleId,
): void {
  const tool = xx ? "xx-apk" : "apk";
  const raws = apt.operands.map((w) => w.raw);
  const ofVirtual = raws.length === 0 || raws.every((r) => scope.purgedLater.has(r));
  if (ofVirtual && scope.virtuals.length > 0) {
    scope.replaceWord(cmd, apt.tool, tool, rule);
    scope.replaceWord(cmd, apt.sub!, `del --no-network ${scope.virtuals.join(" ")}`, rule);
    for (const w of [...apt.options, ...apt.operands]) scope.deleteWord(cmd, w, rule);
    warnUnscannedBuild(scope, cmd);
    return;
  }
  if (raws.length === 0 || raws.every((r) => scope.droppedTemporary.has(r))) {
    scope.deletePipeline(pipeline, rule);
    return;
  }
  const literal = apt.operands.filter((w) => w.value !== undefined);
  const tokens = literal.map((w) => ({ value: w.value!, offset: scope.fileOffset(w.start) }));
  const outcomes = mapPackages(
    scope.ctx,
    scope.stage,
    tokens,
    new Set(),
    xx ? "xx-apt" : "apt",
    rule,
    "remove",
  );
  literal.forEach((w, k) => {
    const o = outcomes[k]!;
    if (o.action === "delete") scope.deleteWord(cmd, w, rule);
    else if (o.action === "replace") scope.replaceWord(cmd, w, o.text, rule);
  });
  scope.replaceWord(cmd, apt.tool, tool, rule);
  scope.replaceWord(cmd, apt.sub!, "del", rule);
  for (const w of apt.options) scope.deleteWord(cmd, w, rule);
}

/**
 * Operand words of every remove/purge in the script, so the matching install can go virtual,
 * and the literal names `apt-mark manual` keeps.
 */
export function collectPurged(scope: ScriptScope): void {
  for (const item of scope.src.script.items) {
    if (item.kind !== "pipeline") continue;
    for (const cmd of item.commands) {
      if (cmd.name === "apt-mark" && cmd.args[1]?.value === "manual") {
        for (const w of cmd.args.slice(2))
          if (w.value !== undefined && /^[a-z0-9][a-z0-9+.-]+$/.test(w.value))
            scope.markedManual.add(w.value);
      }
      if (!APT_TOOLS.has(cmd.name ?? "") && !XX_APT_TOOLS.has(cmd.name ?? "")) continue;
      const apt = parseAptArgs(cmd);
      if (apt.sub?.value && REMOVE.has(apt.sub.value))
        for (const w of apt.operands) scope.purgedLater.add(w.raw);
    }
  }
}

/** `rm -rf /var/lib/apt/lists/*` and friends: apk with --no-cache leaves nothing to clean. */
export function migrateRm(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): void {
  const targets = cmd.args.slice(1).filter((w) => !(w.value ?? "").startsWith("-"));
  const aptPaths = targets.filter((w) => w.value !== undefined && APT_PATH.test(w.value));
  if (aptPaths.length === 0) return;
  if (aptPaths.length === targets.length && pipeline.commands.length === 1) {
    scope.deletePipeline(pipeline, "apt");
    return;
  }
  for (const w of aptPaths) scope.deleteWord(cmd, w, "apt");
}
