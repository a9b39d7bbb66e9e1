import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import { type SimpleCommand, simpleCommands } from "../shell/script.js";
import type { Stage } from "../stages.js";
import { parseAptArgs } from "./apt.js";
import { inOrder } from "./in-order.js";
import { scriptsUnlessReportedByRun } from "./run-scripts.js";
import type { StageState } from "./scope.js";
import type { StageInfo } from "./stage-info.js";

/** What a gosu download step may install: fetch and signature tools, nothing the image keeps. */
const FETCH_PACKAGES = new Set([
  "ca-certificates",
  "dirmngr",
  "gnupg",
  "gnupg2",
  "gpg",
  "gpg-agent",
  "wget",
  "curl",
]);
/** Commands that only fetch, check or clean up after a download. */
const NEUTRAL = new Set([
  "set",
  "export",
  ":",
  "true",
  "[",
  "test",
  "exit",
  "echo",
  "gpg",
  "gpgv",
  "gpgconf",
  "sha256sum",
  "sha512sum",
  "gosu",
  "apt-mark",
]);
const CASE_WORDS = new Set(["case", "in", "esac"]);
const APT = new Set(["apt-get", "apt", "aptitude"]);

/** A word that names gosu: its release URL, the binary, its signature, its key directory. */
function aboutGosu(raw: string): boolean {
  return /gosu|GNUPGHOME|\/var\/lib\/apt/.test(raw);
}

function argsOf(cmd: SimpleCommand): string[] {
  return cmd.args.slice(1).map((w) => w.raw);
}

function operands(cmd: SimpleCommand): string[] {
  return argsOf(cmd).filter((r) => !r.startsWith("-"));
}

/** A curl/wget call that fetches a gosu release binary (or its `.asc`). */
function fetchesGosu(cmd: SimpleCommand): boolean {
  const name = (cmd.name ?? "").replace(/^.*\//, "");
  return (name === "wget" || name === "curl") && argsOf(cmd).some((r) => /gosu/.test(r));
}

/** Whether one command belongs to a gosu download step and nothing else. */
function gosuOnly(cmd: SimpleCommand): boolean {
  const name = (cmd.name ?? "").replace(/^.*\//, "");
  if (cmd.args.length === 0) return true;
  // Output only to the terminal or nowhere: `> /dev/null`, `>&2`.
  if (!cmd.redirects.every((r) => /\/dev\/null|>&\d$/.test(r.raw))) return false;
  if (name === "command") return argsOf(cmd)[0] === "-v";
  if (NEUTRAL.has(name)) return true;
  if (name === "wget" || name === "curl") return fetchesGosu(cmd);
  if (name === "chmod" || name === "rm") {
    const targets = operands(cmd).slice(name === "chmod" ? 1 : 0);
    const mode = name === "chmod" ? operands(cmd)[0] : "";
    return (
      targets.length > 0 &&
      targets.every(aboutGosu) &&
      (mode === "" || mode === "+x" || /^0?755$/.test(mode ?? ""))
    );
  }
  if (APT.has(name)) {
    const apt = parseAptArgs(cmd);
    const sub = apt.sub?.value ?? "";
    if (sub !== "install") return sub !== "";
    return apt.operands.every((w) => w.value !== undefined && FETCH_PACKAGES.has(w.value));
  }
  return false;
}

/**
 * Whether a RUN text installs gosu with apt in one command: `apt-get`, `apt` or `aptitude`, then
 * `install`, then `gosu`, with no `;`, `&`, `|` or line break between.
 */
export function aptInstallsGosu(text: string): boolean {
  return inOrder(text, /[;&|\n]/, [/\b(?:apt-get|apt|aptitude)\b/, /\binstall\b/, /\bgosu\b/]);
}

/**
 * Rule 8 for gosu fetched from its GitHub releases: when a RUN does nothing but download,
 * verify and install gosu (with the fetch tools it installs and purges for that), the whole
 * command becomes `apk add --no-cache su-exec`, Alpine's packaged drop-in. A gosu download
 * mixed with other work is kept (the release binaries are static and run on musl) and flagged.
 * Returns true when the RUN was replaced and needs no other rule.
 */
export function migrateGosuDownload(
  ctx: MigrationContext,
  stage: StageState,
  ins: Instruction,
): boolean {
  // Already on Alpine: its gosu download was chosen there, not carried over from Debian.
  if (ins.form === "exec" || stage.info.already) return false;
  const scripts = scriptsUnlessReportedByRun(ctx, ins);
  if (!scripts) return false;
  const src = scripts.find((x) => simpleCommands(x.script).some(fetchesGosu));
  if (!src) return false;
  const commands = simpleCommands(src.script);
  const fetch = commands.find(fetchesGosu)!;
  // One plain command line (no heredoc bodies, no if/for/while): replacing it whole is exact.
  const pure =
    ins.heredocs.length === 0 &&
    src.script.items.every((i) => i.kind !== "keyword" || CASE_WORDS.has(i.word));
  const offset = src.span(fetch.start, fetch.start)[0];
  if (!pure || !commands.every(gosuOnly) || !ctx.packageMap.exists("su-exec")) {
    ctx.warn(
      "tini-gosu",
      offset,
      "gosu release download kept: this RUN does more than fetch and verify gosu, so alpinize leaves it (gosu's static binaries run on musl); for Alpine's su-exec, replace the download, verification and chmod with `apk add --no-cache su-exec` and call su-exec instead of gosu",
    );
    return false;
  }
  if (ctx.gosuDownload === "keep") {
    ctx.warn(
      "tini-gosu",
      offset,
      'gosu release download kept (its static binaries run on musl, and docker-library\'s Alpine images still fetch it); Alpine\'s own su-exec package does the same job without the download and key check: replace this RUN with `apk add --no-cache su-exec` and gosu calls with su-exec, or let alpinize do it (`alpinize migrate --gosu su-exec`, "migrate": {"gosu": "su-exec"} in alpinize.config.json, or gosuDownload: "su-exec" in @alpinize/dockerfile)',
    );
    return false;
  }
  const { rest } = splitFlags(ins.args.text);
  const from = ins.args.map[rest] ?? ins.args.end;
  ctx.edit("tini-gosu", from, ins.end, "apk add --no-cache su-exec");
  dropGosuVersion(ctx, stage, ins);
  stage.debianInstalled.add("gosu");
  stage.alpineInstalled.add("su-exec");
  stage.lasting.add("su-exec");
  stage.apkAdds.push({
    rule: "tini-gosu",
    from: ins.start,
    at: ins.end,
    temporary: false,
    nested: false,
  });
  ctx.packages.push({
    debian: "gosu",
    alpine: ["su-exec"],
    written: ["su-exec"],
    kind: "renamed",
    layer: "migrate-rule",
    reason:
      "rule 8: gosu downloaded from its releases (with the fetch and signature tools installed only for that) becomes Alpine's su-exec package, the same step-down tool (su-exec USER CMD...) with no download or key check",
    line: ctx.line(offset),
    tool: "apt",
  });
  ctx.warn(
    "tini-gosu",
    offset,
    `${stepsDone(commands)} replaced by \`apk add --no-cache su-exec\`; scripts that call gosu need the same change (alpinize entrypoint)`,
  );
  return true;
}

/**
 * The steps the replaced RUN took, in words: a download alone is not called a signature check
 * (docker-library's RUN verifies with gpg; many others only fetch and chmod).
 */
function stepsDone(commands: SimpleCommand[]): string {
  const names = new Set(commands.map((c) => (c.name ?? "").replace(/^.*\//, "")));
  const steps = ["gosu download"];
  if (names.has("gpg") || names.has("gpgv")) steps.push("signature check");
  if (names.has("sha256sum") || names.has("sha512sum")) steps.push("checksum check");
  if (names.has("chmod")) steps.push("chmod");
  const last = steps.pop()!;
  return steps.length === 0 ? last : `${steps.join(", ")} and ${last}`;
}

/** `ENV GOSU_VERSION 1.17` (or ARG) that only the replaced download read goes with it. */
function dropGosuVersion(ctx: MigrationContext, stage: StageState, run: Instruction): void {
  const decl = stage.info.stage.body.find(
    (i) =>
      (i.keyword === "ENV" || i.keyword === "ARG") &&
      i.start < run.start &&
      /^GOSU_VERSION(?:[= ]\s*\S+)?$/.test(i.args.text.trim()),
  );
  if (!decl) return;
  const outside =
    ctx.text.slice(0, decl.start) + ctx.text.slice(decl.end, run.start) + ctx.text.slice(run.end);
  if (/\bGOSU_VERSION\b/.test(outside)) return;
  ctx.deleteInstruction(decl, "tini-gosu");
}

/** The nearest ENTRYPOINT or CMD a stage runs with: its own, or one it inherits. */
function nearestEntry(stage: Stage, keyword: "ENTRYPOINT" | "CMD") {
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    const own = s.body.findLast((i) => i.keyword === keyword);
    if (own) return { stage: s, ins: own };
  }
  return undefined;
}

/**
 * Rule 8 across stages: a child whose apt gosu became su-exec still runs the gosu its parent's
 * CMD or ENTRYPOINT names; on Debian the child's install made that work, on Alpine nothing
 * provides gosu there. Flagged at the inherited line (the parent itself is left alone).
 */
export function flagInheritedGosu(ctx: MigrationContext, infos: readonly StageInfo[]): void {
  for (const child of infos) {
    if (!child.alpine || !child.stage.parent) continue;
    if (!ctx.lastingByStage.get(child.stage.index)?.has("su-exec")) continue;
    for (const keyword of ["ENTRYPOINT", "CMD"] as const) {
      const found = nearestEntry(child.stage, keyword);
      if (!found || found.stage === child.stage || !/\bgosu\b/.test(found.ins.args.text)) continue;
      if (ctx.lastingByStage.get(found.stage.index)?.has("su-exec")) continue;
      // A parent that fetches gosu itself passes the binary down: the call still works.
      if (ancestorsFetchGosu(child.stage.parent)) continue;
      const name = child.stage.alias ?? String(child.stage.index);
      ctx.warn(
        "tini-gosu",
        found.ins.start,
        `stage ${name} inherits this ${keyword}, but there gosu was replaced by su-exec and no gosu is installed: give stage ${name} its own ${keyword} calling su-exec`,
      );
    }
  }
}

function ancestorsFetchGosu(stage: Stage | undefined): boolean {
  for (let s = stage; s; s = s.parent) {
    if (s.body.some((i) => i.keyword === "RUN" && /gosu/.test(i.args.text))) return true;
  }
  return false;
}
