import {
  accountRename,
  createdAccounts,
  type Instruction,
  knowsAlpineImageAccounts,
  namedAccounts,
  packageAccount,
  packageAccountNote,
  packageCreatesAccount,
  packageMakingAccount,
  shellScriptIndex,
} from "@alpinize/dockerfile";
import { chainFact } from "../dockerfile/chain-fact.js";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { stageLinks } from "../dockerfile/stage-links.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { type AccountState, touchesAccountFiles } from "./accounts.js";
import { rootRepository } from "./debian-layout.js";
import { type DottedOwner, dottedOwnerQuote, dottedUserAdvice } from "./dotted-owner.js";
import { withNested } from "./nested.js";
import { onbuildRuns } from "./onbuild.js";
import { runsWhenReached } from "./unconditional.js";

/**
 * What is known of the users of an Alpine stage at one point of its build, besides what
 * AccountState follows (Alpine's base, the image's, busybox adduser and deluser, renames).
 */
export interface UserState {
  /** The chain starts on an image whose /etc/passwd alpinize knows (plain alpine, python, node…). */
  known: boolean;
  /** Users a step made, under a condition too (`id app || useradd app`, shadow's useradd). */
  made: Set<string>;
  /** Users a step deleted every time it ran (`userdel app`, which AccountState does not follow). */
  gone: Set<string>;
  /**
   * A step ran what check does not read (a script, `curl … | sh`, `eval "$X"`), or wrote or copied
   * in /etc/passwd: any user may be there from then on.
   */
  opaque: boolean;
}

/** Shells that run a file, or what comes in on their standard input, unless given `-c`. */
const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh"]);
/** Programs that run code check does not read, or make users (alpine-conf's setup-user). */
const RUNS_CODE = new Set([".", "source", "setup-user", "xargs"]);
/** Folders of the system's own programs: a program there makes no user (a script elsewhere may). */
const SYSTEM_PATH = /^\/(?:usr\/)?s?bin\/[^/]+$/;

/** The users when the stage's first RUN starts: what the stage it builds on (and its ONBUILD RUNs) left. */
export function usersAtStart(stage: StageInfo, stages: readonly StageInfo[]): UserState {
  const parent = stageLinks(stages).parent(stage);
  return startState(stage, parent && usersLeftBy(parent, stages), stages);
}

function startState(
  stage: StageInfo,
  left: UserState | undefined,
  stages: readonly StageInfo[],
): UserState {
  if (!left) {
    const repo = rootRepository(stage, stages);
    const known = repo !== undefined && knowsAlpineImageAccounts(repo);
    return { known, made: new Set(), gone: new Set(), opaque: false };
  }
  const state = copy(left);
  const parent = stageLinks(stages).parent(stage);
  if (parent) for (const run of onbuildRuns(parent)) replay(state, run);
  return state;
}

const usersLeftBy = chainFact<UserState>((stage, left, stages) => {
  const state = startState(stage, left, stages);
  for (const run of stage.runs) replay(state, run);
  if (firstOpaque(stage) < Number.POSITIVE_INFINITY) state.opaque = true;
  return state;
});

function copy(state: UserState): UserState {
  return {
    known: state.known,
    made: new Set(state.made),
    gone: new Set(state.gone),
    opaque: state.opaque,
  };
}

function replay(state: UserState, run: RunStep): void {
  enterRun(state, run);
  for (const cmd of withNested(run.commands)) recordUsers(cmd, runsWhenReached(run, cmd), state);
}

/**
 * Moves the state to the start of a RUN: unknown from there when the RUN names /etc/passwd, or
 * an instruction of the stage before it (a COPY into /etc or /) put files there.
 */
export function enterRun(state: UserState, run: RunStep, stage?: StageInfo): void {
  if (/\/etc\/passwd\b/.test(run.text)) state.opaque = true;
  if (stage && firstOpaque(stage) < run.line) state.opaque = true;
}

/** Moves the state past an instruction that is no RUN (a COPY of /etc/passwd, of a tree into /). */
export function enterInstruction(state: UserState, stage: StageInfo, line: number): void {
  if (firstOpaque(stage) < line) state.opaque = true;
}

// The first instruction per stage that may put an /etc/passwd in place, found once: asked for
// every RUN, a scan of the body each time would grow with the square of a long stage.
const opaqueLines = new WeakMap<StageInfo, number>();

function firstOpaque(stage: StageInfo): number {
  let line = opaqueLines.get(stage);
  if (line === undefined) {
    const ins = stage.body.find(
      (i) => i.keyword !== "ONBUILD" && (touchesAccountFiles(i) || copiesRoot(i)),
    );
    line = ins?.line ?? Number.POSITIVE_INFINITY;
    opaqueLines.set(stage, line);
  }
  return line;
}

/** `COPY rootfs/ /`, `ADD image.tar /`: a tree into the root may hold etc/passwd. */
function copiesRoot(ins: Pick<Instruction, "keyword" | "args">): boolean {
  return /^(?:COPY|ADD)$/.test(ins.keyword) && /\s\/\s*$/.test(ins.args.text);
}

/**
 * What a command leaves: the users it makes, deletes or renames; unknown after code check does not
 * read. `fails`: the call surely fails (shadow's useradd where the stage surely lacks shadow), so
 * it makes no user, whatever guards it (`useradd app | cat` lets the build go on without one).
 */
export function recordUsers(
  cmd: ShellCommand,
  plain: boolean,
  state: UserState,
  fails = false,
): void {
  if (runsUnreadCode(cmd)) state.opaque = true;
  if (fails) return;
  const tool = baseName(cmd.name);
  const made = createdAccounts(tool, cmd.args).users;
  const renamed = renameOf(tool, cmd.args);
  for (const user of renamed ? [renamed.to] : made) {
    state.made.add(user);
    state.gone.delete(user);
  }
  const always = plain && !cmd.guarded;
  if (renamed && always) {
    state.made.delete(renamed.from);
    state.gone.add(renamed.from);
  }
  if ((tool === "userdel" || tool === "deluser") && always) {
    const users = namedAccounts(tool, cmd.args).users;
    // `deluser USER GROUP` only takes a membership.
    if (users.length === 1 && namedAccounts(tool, cmd.args).groups.length === 0) {
      state.made.delete(users[0]!);
      state.gone.add(users[0]!);
    }
  }
}

function renameOf(tool: string, args: readonly string[]): { from: string; to: string } | undefined {
  const rename = accountRename(tool, args);
  return rename?.kind === "user" ? rename : undefined;
}

/** A script run by its path, a shell reading a file or a pipe, `eval`, `. file`: not read here. */
function runsUnreadCode(cmd: ShellCommand): boolean {
  const name = cmd.name;
  if (name.includes("$") || RUNS_CODE.has(name)) return true;
  // `eval "$SETUP"`: a literal eval's commands are scanned (withNested).
  if (name === "eval") return cmd.args.some((a) => a.includes("$"));
  if (name.includes("/") && !SYSTEM_PATH.test(name)) return true;
  if (!SHELLS.has(baseName(name))) return false;
  // `sh -c '…'`: the scan reads the script itself.
  return shellScriptIndex([name, ...cmd.args]) === undefined;
}

/** Tools whose own words say busybox's (or shadow's) failure for a user that is not there. */
function failureQuote(tool: string, user: string): string | undefined {
  if (/^(?:chown|su|deluser|passwd|addgroup|adduser)$/.test(tool))
    return `${tool}: unknown user ${user}`;
  if (/^(?:usermod|userdel|chsh|chage|gpasswd)$/.test(tool))
    return `${tool}: user '${user}' does not exist`;
  if (tool === "sudo") return `sudo: unknown user ${user}`;
  if (tool === "gosu" || tool === "su-exec") return `unable to find user ${user}`;
  return undefined;
}

/**
 * The users a RUN command names (an owner, the user it runs as, a user tool's operand) that are
 * not there when it runs, with the message to report. None when the stage's image is not one
 * whose /etc/passwd is known, or from the point where it cannot be told (UserState.opaque).
 * A name a rename took away is renamed-uses.ts's to report.
 */
export function unknownUsers(
  cmd: ShellCommand,
  stage: string,
  users: UserState,
  accounts: AccountState,
  packages: ReadonlyMap<string, unknown>,
  owner?: DottedOwner,
): string[] {
  if (!users.known || users.opaque || accounts.opaque) return [];
  const tool = baseName(cmd.name);
  // `delgroup USER GROUP` of a user that is not there prints a note and goes on.
  if (tool === "delgroup") return [];
  if (owner) return dottedUser(owner, stage, users, accounts, packages);
  const out: string[] = [];
  for (const user of new Set(namedAccounts(tool, cmd.args).users)) {
    if (!userMissing(user, users, accounts, packages, tool === "chown")) continue;
    const quote = failureQuote(tool, user);
    const outcome = quote ? `so ${tool} fails with "${quote}"` : "so the build fails here";
    out.push(
      `${tool} in Alpine stage ${stage} names user ${user}, which is not there, ${outcome}: ${unknownUserAdvice(user, packages)}`,
    );
  }
  return out;
}

/** The same for `USER NAME[:GROUP]` and `COPY`/`ADD --chown=NAME[:GROUP]`. */
export function instructionUnknownUser(
  ins: Instruction,
  stage: string,
  users: UserState,
  accounts: AccountState,
  packages: ReadonlyMap<string, unknown>,
): string | undefined {
  if (!users.known || users.opaque || accounts.opaque) return undefined;
  const text = ins.args.text.trim();
  const spec =
    ins.keyword === "USER"
      ? text.split(/\s+/)[0]
      : /^(?:COPY|ADD)$/.test(ins.keyword)
        ? /(?:^|\s)--chown=(\S+)/.exec(text)?.[1]
        : undefined;
  // The builder splits USER:GROUP at the colon only: a dot is part of the name.
  const [user] = namedAccounts("chown", spec === undefined ? [] : [spec]).users;
  if (user === undefined || !nameMissing(user, users, accounts, packages)) return undefined;
  const what = ins.keyword === "USER" ? "USER" : `${ins.keyword} --chown`;
  const outcome =
    ins.keyword === "USER"
      ? `so the container fails to start ("unable to find user ${user}: no matching entries in passwd file")`
      : "so the build fails here (the builder finds no such user in the image's /etc/passwd)";
  return `${what} in Alpine stage ${stage} names user ${user}, which is not there, ${outcome}: ${unknownUserAdvice(user, packages)}`;
}

function userMissing(
  user: string,
  users: UserState,
  accounts: AccountState,
  packages: ReadonlyMap<string, unknown>,
  chown: boolean,
): boolean {
  // GNU chown's old USER.GROUP (`chown app.staff`): the whole name first, else the user is
  // before the dot. busybox's chown always splits there: dottedUser.
  const dot = chown ? user.indexOf(".") : -1;
  if (dot > 0 && !nameMissing(user.slice(0, dot), users, accounts, packages)) return false;
  return nameMissing(user, users, accounts, packages);
}

/**
 * `chown john.doe` where john.doe is a user and john is not: busybox chown cannot name it (its
 * message covers the group doe as well).
 */
export function namesDottedUser(
  owner: DottedOwner,
  users: UserState,
  accounts: AccountState,
  packages: ReadonlyMap<string, unknown>,
): boolean {
  if (!users.known || users.opaque || accounts.opaque) return false;
  const whole = owner.word.split(":")[0]!;
  if (owner.user === "" || whole === owner.user) return false;
  return (
    nameMissing(owner.user, users, accounts, packages) &&
    !nameMissing(whole, users, accounts, packages)
  );
}

/**
 * busybox chown's user in an owner word with a dot (`chown john.doe`: user john): reported when
 * it is not there, also when the whole name is a user, which busybox chown cannot name.
 */
function dottedUser(
  owner: DottedOwner,
  stage: string,
  users: UserState,
  accounts: AccountState,
  packages: ReadonlyMap<string, unknown>,
): string[] {
  const { user } = owner;
  if (user === "" || /^\d+$/.test(user) || !nameMissing(user, users, accounts, packages)) return [];
  const quote = `so chown fails with "${dottedOwnerQuote(owner)}"`;
  const whole = owner.word.split(":")[0]!;
  if (namesDottedUser(owner, users, accounts, packages))
    return [
      `chown in Alpine stage ${stage} names user ${whole}, which busybox chown reads as user ${user} and group ${owner.group} (it turns the first dot into a colon), ${quote}: ${dottedUserAdvice(whole)}`,
    ];
  return [
    `chown in Alpine stage ${stage} names user ${user} (busybox chown reads ${owner.word} as ${owner.read}), which is not there, ${quote}: ${unknownUserAdvice(user, packages)}`,
  ];
}

function nameMissing(
  user: string,
  users: UserState,
  accounts: AccountState,
  packages: ReadonlyMap<string, unknown>,
): boolean {
  // A name a rename took away: renamed-uses.ts says which line and the new name.
  if (accounts.renamed.users.has(user)) return false;
  if (users.made.has(user)) return false;
  if (users.gone.has(user)) return true;
  if (accounts.users.has(user)) return false;
  // Debian's bind9 makes bind, Alpine's bind makes named: the package does not stand in.
  if (packageAccount(user, packages.keys())) return true;
  return !packageMayMakeUser(user, packages);
}

/**
 * An installed package (Alpine names) that makes the user in its pre-install, as far as the table
 * says, or may: one whose name starts with the user's (postgresql16's postgres, tor, nginx).
 */
function packageMayMakeUser(user: string, packages: ReadonlyMap<string, unknown>): boolean {
  if (packageMakingAccount(user, "user", packages.keys()) !== undefined) return true;
  if (packageCreatesAccount(user, packages.keys())) return true;
  for (const pkg of packages.keys()) if (pkg.startsWith(user)) return true;
  return false;
}

/** The fix for a user that is not there. */
function unknownUserAdvice(user: string, packages: ReadonlyMap<string, unknown>): string {
  const account = packageAccount(user, packages.keys());
  if (account) return `${packageAccountNote(account)}: write ${account.alpine}`;
  if (user === "ubuntu")
    return "an image built on Ubuntu 23.04 or later (ubuntu:24.04, eclipse-temurin:*-noble…) has the user ubuntu (UID 1000), Alpine's does not: make it first (addgroup -g 1000 ubuntu && adduser -D -u 1000 -G ubuntu ubuntu), as alpinize migrate does";
  if (user === "www-data")
    return "Alpine's base has the group www-data (GID 82) and no such user: make it first (adduser -u 82 -D -S -H -G www-data www-data), as Alpine's packages and php images do";
  return `${user} is not in Alpine's base /etc/passwd nor the image's, and no earlier step of the stage (adduser, useradd, a package it installs) makes it: make it first (adduser -D ${user}; adduser -S -D -H ${user} for a service account) or use a user that is there`;
}
