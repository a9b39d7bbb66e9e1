import type { MigrationContext } from "../migrate/context.js";
import { sourceSpan } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { simpleCommands } from "../shell/script.js";
import type { Stage } from "../stages.js";
import {
  type PackageAccount,
  packageAccount,
  packageAccountNames,
  packageAccountNote,
} from "./package-accounts.js";
import { scriptsUnlessReportedByRun } from "./run-scripts.js";
import type { StageState } from "./scope.js";
import { renamesTo } from "./users-renamed.js";

/** A file span rewritten from the Debian name to Alpine's. */
interface Renamed {
  start: number;
  end: number;
}

/**
 * Rule `users`: a converted stage that installs bind9, memcached, chrony or squid and names the
 * account Debian's package uses (bind, memcache, _chrony, proxy) gets Alpine's name where it is an
 * owner alpinize reads (chown/chgrp operands, USER, COPY/ADD --chown), with a warning naming both;
 * any other mention (`named -u bind`, a config line, an ENV value) is warned at with what to write.
 */
export function renamePackageAccounts(ctx: MigrationContext, state: StageState): void {
  const info = state.info;
  if (!info.alpine || info.already) return;
  const installed = [...state.alpineInstalled, ...state.debianInstalled];
  for (const candidate of packageAccountNames()) {
    const account = packageAccount(candidate.debian, installed);
    if (account !== candidate) continue;
    flagWorkDir(ctx, state, account);
    if (!createsAccount(ctx, info.stage, account.debian)) renameAccount(ctx, state, account);
  }
}

/**
 * Debian's working directory of the package (`/var/cache/bind`) named in the stage: Alpine's
 * package works elsewhere (`/var/bind`). Warned at, not rewritten: the file's own config may set
 * the directory it names.
 */
function flagWorkDir(ctx: MigrationContext, state: StageState, a: PackageAccount): void {
  const dir = a.workDir;
  if (dir === undefined) return;
  const re = new RegExp(`(?<![\\w./-])${dir.debian.replace(/[.]/g, "\\.")}(?![\\w.-])`);
  for (const ins of state.info.stage.body) {
    if (state.removedRuns.has(ins)) continue;
    const text = ctx.text.slice(ins.start, ins.end);
    const m = re.exec(text);
    if (!m) continue;
    ctx.warn(
      "users",
      ins.start + m.index,
      `line ${ins.line} names ${dir.debian}, the working directory of Debian's ${a.debianPackage} (its ${dir.setting}); Alpine's ${a.alpinePackage} package works in ${dir.alpine} and makes no ${dir.debian}: use ${dir.alpine} there, unless your own ${dir.setting.split(" ")[0]} sets ${dir.debian} (this line is not rewritten)`,
    );
  }
}

function renameAccount(ctx: MigrationContext, state: StageState, a: PackageAccount): void {
  const renamed: Renamed[] = [];
  const body = state.info.stage.body.filter((ins) => !state.removedRuns.has(ins));
  for (const ins of body) {
    if (ins.keyword === "USER") renameInArgs(ctx, ins, a, USER_OWNER, renamed);
    else if (ins.keyword === "COPY" || ins.keyword === "ADD")
      renameInArgs(ctx, ins, a, CHOWN_FLAG, renamed);
    else if (ins.keyword === "RUN") renameInRun(ctx, ins, a, renamed);
  }
  const first = renamed[0];
  if (first !== undefined) {
    const lines = [...new Set(renamed.map((r) => ctx.line(r.start)))];
    const where = `${lines.length > 1 ? "lines" : "line"} ${lines.join(", ")}`;
    ctx.warn(
      "users",
      first.start,
      `${packageAccountNote(a)}: renamed ${a.debian} to ${a.alpine} as owner (${where})`,
    );
  }
  for (const ins of body) flagOtherUses(ctx, ins, a, renamed);
}

/** `USER bind[:bind]`: the whole argument. */
const USER_OWNER = /^\s*(\S+)/;
/** `COPY --chown=bind:bind`: the flag's value. */
const CHOWN_FLAG = /--chown=(\S+)/;

function renameInArgs(
  ctx: MigrationContext,
  ins: Instruction,
  a: PackageAccount,
  re: RegExp,
  renamed: Renamed[],
): void {
  const text = ins.args.text;
  const m = re.exec(text);
  if (!m || ins.form === "exec") return;
  const from = m.index + m[0].length - m[1]!.length;
  const owner = renamedOwner(m[1]!, a);
  if (owner === undefined) return;
  const [start, end] = sourceSpan(ins.args, from, from + m[1]!.length);
  if (edit(ctx, start, end, owner)) renamed.push({ start, end });
}

/** `bind`, `bind:bind`, `:bind`, `bind.bind` with Alpine's name for each part that is Debian's. */
function renamedOwner(owner: string, a: PackageAccount): string | undefined {
  const parts = owner.split(/([:.])/);
  if (parts.length > 3) return undefined;
  let changed = false;
  const out = parts.map((p, k) => {
    if (k % 2 === 1 || p !== a.debian) return p;
    changed = true;
    return a.alpine;
  });
  return changed ? out.join("") : undefined;
}

function renameInRun(
  ctx: MigrationContext,
  ins: Instruction,
  a: PackageAccount,
  renamed: Renamed[],
): void {
  if (ins.form === "exec" || !ctx.text.slice(ins.start, ins.end).includes(a.debian)) return;
  const sources = scriptsUnlessReportedByRun(ctx, ins);
  if (!sources) return;
  for (const src of sources) {
    for (const cmd of simpleCommands(src.script)) {
      const name = cmd.name?.replace(/^.*\//, "");
      if (name !== "chown" && name !== "chgrp") continue;
      // The owner is the first operand; an option-only call (--reference) names none.
      const owner = cmd.args.slice(1).find((w) => !(w.value ?? "-").startsWith("-"));
      // Only a plain word is rewritten; a quoted or expanded one is warned at.
      if (owner?.value === undefined || owner.raw !== owner.value) continue;
      const text =
        name === "chgrp"
          ? owner.value === a.debian
            ? a.alpine
            : undefined
          : renamedOwner(owner.value, a);
      if (text === undefined) continue;
      const [start, end] = src.span(owner.start, owner.end);
      if (edit(ctx, start, end, text)) renamed.push({ start, end });
    }
  }
}

/** An edit that no other edit overlaps (applyEdits refuses overlaps): whether it was made. */
function edit(ctx: MigrationContext, start: number, end: number, text: string): boolean {
  if (ctx.edits.some((e) => e.start < end && start < e.end)) return false;
  ctx.edit("users", start, end, text);
  return true;
}

/**
 * Mentions of the Debian name outside the owners renamed: an option (`named -u bind`,
 * `memcached -u memcache`), `su`/`runuser`/gosu's user, a config line, an ENV value.
 */
function flagOtherUses(
  ctx: MigrationContext,
  ins: Instruction,
  a: PackageAccount,
  renamed: readonly Renamed[],
): void {
  if (!["RUN", "CMD", "ENTRYPOINT", "ENV", "USER", "COPY", "ADD"].includes(ins.keyword)) return;
  const text = ctx.text.slice(ins.start, ins.end);
  if (!text.includes(a.debian)) return;
  const re = new RegExp(`(?<![\\w./@$-])${a.debian}(?![\\w/@-])`, "g");
  for (const m of text.matchAll(re)) {
    const at = ins.start + m.index;
    if (renamed.some((r) => r.start <= at && at < r.end)) continue;
    ctx.warn(
      "users",
      at,
      `line ${ins.line} names ${a.debian}: ${packageAccountNote(a)}, so write ${a.alpine} there (this line is not rewritten)`,
    );
    return;
  }
}

/**
 * The stage chain makes the Debian-named account itself, or renames one to it (`usermod -l
 * memcache app`): the name is right there.
 */
function createsAccount(ctx: MigrationContext, stage: Stage, name: string): boolean {
  const re = new RegExp(
    `\\b(?:useradd|adduser|groupadd|addgroup)\\b[^;&|\\n]*\\s${name}(?=\\s|$|;|&)`,
  );
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    if (s.body.some((ins) => ins.keyword === "RUN" && re.test(ins.args.text))) return true;
    if (renamesTo(ctx, s, "user", name) || renamesTo(ctx, s, "group", name)) return true;
  }
  return false;
}
