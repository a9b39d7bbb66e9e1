import type { MigrationContext } from "../migrate/context.js";
import { officialImage } from "../official-images.js";
import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import { simpleCommands } from "../shell/script.js";
import type { Stage } from "../stages.js";
import { accountRename, createdAccounts, createdIds, namedAccounts } from "./account-names.js";
import { baseRepository } from "./base-image.js";
import { debianRelease, releaseHasUbuntuUser, ubuntuVersionNumber } from "./debian-releases.js";
import { familiarRepository, splitReference } from "./images.js";
import { asRoot } from "./place.js";
import { rootReference } from "./python-version.js";
import { scriptsUnlessReportedByRun } from "./run-scripts.js";
import type { StageState } from "./scope.js";
import { usesUser } from "./user-uses.js";

/**
 * Ubuntu's images from 23.04 on have a login account for a non-root default: /etc/passwd
 * `ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash`, /etc/group `ubuntu:x:1000:`, and the home.
 * So do the images built on them (`eclipse-temurin:21-jdk-noble`, `buildpack-deps:noble`,
 * `mcr.microsoft.com/dotnet/aspnet:8.0-noble`), but not the chiseled .NET ones, which chisel
 * builds from scratch with root and app only. Alpine's base has neither the user nor UID/GID 1000.
 */
const CHISELED = /(?:^|-)chiseled(?:-|$)/i;

/**
 * Whether the image `reference` names has the user ubuntu: a tag naming an Ubuntu release from
 * 23.04 on; a release before that (`22.04`, `jammy`) or Debian's, not. A tag naming none is a
 * moving one: `ubuntu`'s (`latest`, `rolling`, or one alpinize cannot read) counts as new, and so
 * do the official images built on Ubuntu (`eclipse-temurin:21-jre`, `maven:3.9-eclipse-temurin-21`),
 * whose default tags are 24.04 now.
 */
export function ubuntuImageHasUser(
  reference: string,
  repo = familiarRepository(splitReference(reference).name),
): boolean {
  const tag = splitReference(reference).tag;
  if (tag !== undefined && CHISELED.test(tag)) return false;
  const release = debianRelease(reference);
  if (release) return releaseHasUbuntuUser(release);
  if (repo !== "ubuntu") return officialImage(repo)?.base === "ubuntu";
  // `ubuntu:13.04`, before the table's first release; `ubuntu:${V}` and words it does not read count as new.
  const version = ubuntuVersionNumber(tag ?? "");
  return Number.isNaN(version) || version >= 2304;
}

/** What a step does to the account: names it, deletes it, makes it, or takes UID/GID 1000. */
type EventKind = "use" | "delete" | "make" | "id-1000";

interface Event {
  at: number;
  kind: EventKind;
  /** The step as the message names it (`useradd -u 1000 app`), for an ID taken. */
  what?: string;
}

/** What the stage chain does with Ubuntu's account, up to and in one stage. */
interface Outcome {
  /** After the stage: still Ubuntu's (no step named it yet), added by alpinize, or settled. */
  leaves: "ubuntu" | "added" | "settled";
  /** The first use while it was Ubuntu's: the stage gets the account after its FROM. */
  adds?: number;
  /** The offset after which the added account is there (a deletion then runs for real). */
  addedFrom?: number;
  /** A step after the first use that makes UID or GID 1000 before any deletion. */
  taken?: Event;
}

const outcomes = new WeakMap<Stage, Outcome>();

/**
 * What the chain does with the account ubuntu through `stage`: walked once per stage, each
 * stage from what its parent left (kept, so a long chain is read once).
 */
function outcomeOf(ctx: MigrationContext, stage: Stage): Outcome {
  const path: Stage[] = [];
  let s: Stage | undefined = stage;
  for (; s && !outcomes.has(s); s = s.parent) path.push(s);
  let left: Outcome["leaves"] | undefined = s ? outcomes.get(s)!.leaves : undefined;
  for (let i = path.length - 1; i >= 0; i--) {
    const current = path[i]!;
    const start = left ?? (startsWithUbuntuUser(ctx, current) ? "ubuntu" : "settled");
    const outcome = walk(ctx, current, start);
    outcomes.set(current, outcome);
    left = outcome.leaves;
  }
  return outcomes.get(stage)!;
}

/** Whether the chain of `stage` starts on an image that has the user ubuntu. */
export function startsWithUbuntuUser(ctx: MigrationContext, stage: Stage): boolean {
  const repo = baseRepository(ctx, stage);
  return repo !== undefined && ubuntuImageHasUser(rootReference(ctx, stage), repo);
}

function walk(ctx: MigrationContext, stage: Stage, start: Outcome["leaves"]): Outcome {
  const out: Outcome = { leaves: start };
  if (start === "settled") return out;
  if (start === "added") out.addedFrom = Number.NEGATIVE_INFINITY;
  for (const event of stage.body.flatMap((ins) => events(ctx, ins))) {
    if (out.leaves === "ubuntu") {
      if (event.kind === "use") {
        out.leaves = "added";
        out.adds = event.at;
        out.addedFrom = event.at;
      } else if (event.kind !== "id-1000") out.leaves = "settled";
    } else if (out.leaves === "added") {
      if (event.kind === "delete") out.leaves = "settled";
      else if (event.kind === "id-1000" && out.adds !== undefined) out.taken ??= event;
    }
  }
  return out;
}

/**
 * Whether the account alpinize adds for Ubuntu's user ubuntu is there at file offset `at` of the
 * stage: a `userdel ubuntu` there deletes it, and stays.
 */
export function ubuntuUserAddedAt(ctx: MigrationContext, stage: Stage, at: number): boolean {
  const outcome = outcomeOf(ctx, stage);
  return outcome.addedFrom !== undefined && outcome.taken === undefined && at > outcome.addedFrom;
}

const DELETERS = new Set(["userdel", "deluser", "groupdel", "delgroup"]);
const HOME = /\/home\/ubuntu(?![\w.-])/;

const eventsOf = new WeakMap<Instruction, Event[]>();

/** The steps of one instruction that name, delete or make the account ubuntu, in order. */
function events(ctx: MigrationContext, ins: Instruction): Event[] {
  let out = eventsOf.get(ins);
  if (out) return out;
  out = [];
  const text = ctx.text.slice(ins.start, ins.end);
  if (ins.keyword === "RUN" && ins.form !== "exec") out = runEvents(ctx, ins);
  else if (ins.keyword === "USER" || ins.keyword === "COPY" || ins.keyword === "ADD") {
    if (ownerNamesUbuntu(ins)) out.push({ at: ins.start, kind: "use" });
  } else if ((ins.keyword === "CMD" || ins.keyword === "ENTRYPOINT") && usesUser(ins, "ubuntu"))
    out.push({ at: ins.start, kind: "use" });
  // Its home: `WORKDIR /home/ubuntu`, `COPY app /home/ubuntu/`, `ENV HOME=/home/ubuntu`.
  if (ins.keyword !== "RUN" && ins.keyword !== "FROM" && HOME.test(text))
    out.push({ at: ins.start, kind: "use" });
  out.sort((a, b) => a.at - b.at);
  eventsOf.set(ins, out);
  return out;
}

/**
 * `USER ubuntu`, `USER 1000:ubuntu`, `COPY --chown=ubuntu:ubuntu`, and `USER 1000` (`1000:1000`):
 * Docker looks UID 1000 up in /etc/passwd for its group and home, ubuntu's (1000, /home/ubuntu)
 * there; on Alpine, with no account, it would run with GID 0 and HOME /. A numeric `--chown`
 * reads no account: it owns the files the same on both.
 */
function ownerNamesUbuntu(ins: Instruction): boolean {
  const text = ins.args.text;
  if (ins.keyword === "USER") {
    const [user, ...group] = (text.trim().split(/\s+/)[0] ?? "").split(":");
    return user === "ubuntu" || group.includes("ubuntu") || user === "1000";
  }
  return splitFlags(text).flags.get("chown")?.split(":").includes("ubuntu") === true;
}

function runEvents(ctx: MigrationContext, ins: Instruction): Event[] {
  const sources = scriptsUnlessReportedByRun(ctx, ins);
  if (!sources) return [];
  const out: Event[] = [];
  for (const src of sources) {
    for (const cmd of simpleCommands(src.script)) {
      const words = cmd.args.map((w) => w.value ?? w.raw);
      const tool = words[0]?.replace(/^.*\//, "");
      if (tool === undefined) continue;
      const event = commandEvent(tool, words.slice(1));
      const at = src.span(cmd.start, cmd.end)[0];
      if (event) out.push({ at, ...event });
      else if (words.some((w) => HOME.test(w))) out.push({ at, kind: "use" });
    }
  }
  return out;
}

function commandEvent(tool: string, args: string[]): Omit<Event, "at"> | undefined {
  const named = namedAccounts(tool, args);
  const names = [...named.users, ...named.groups];
  // `userdel -r ubuntu`, `groupdel ubuntu`, `userdel -r $(id -nu 1000)` (the owner of UID 1000
  // is ubuntu there); `deluser ubuntu sudo` only takes a membership.
  const operands = args.filter((a) => !a.startsWith("-"));
  if (DELETERS.has(tool) && operands.length === 1) {
    const [word] = operands;
    if (names.includes("ubuntu") || (/\$\(|`/.test(word!) && /(?<![\w.])1000(?![\w.])/.test(word!)))
      return { kind: "delete" };
  }
  const made = createdAccounts(tool, args);
  const rename = accountRename(tool, args);
  if ([...made.users, ...made.groups].includes("ubuntu") || rename?.to === "ubuntu")
    return { kind: "make" };
  if (names.includes("ubuntu")) return { kind: "use" };
  const ids = createdIds(tool, args);
  if (ids.uid === "1000" || ids.gid === "1000")
    return { kind: "id-1000", what: [tool, ...args].join(" ") };
  return undefined;
}

/**
 * Rule `users`: a converted stage of an Ubuntu 23.04+ image that names the user or group ubuntu
 * (USER, an owner, `su`/`gosu`/`sudo -u`, `usermod -l app ubuntu`, its home /home/ubuntu) before
 * any step deletes or makes it gets it after the FROM of the first stage of the chain that does,
 * as Ubuntu's image has it: UID and GID 1000, home /home/ubuntu, GECOS Ubuntu. The shell is bash
 * where the stage installs it, else Alpine's /bin/sh.
 */
export function addUbuntuUser(ctx: MigrationContext, state: StageState): void {
  const info = state.info;
  if (!info.alpine || info.already) return;
  const stage = info.stage;
  const outcome = outcomeOf(ctx, stage);
  if (outcome.adds === undefined) return;
  if (outcome.taken) {
    ctx.warn(
      "users",
      outcome.adds,
      `user ubuntu exists in Ubuntu's image (UID 1000, group ubuntu GID 1000), not in Alpine's, and was not added: line ${ctx.line(outcome.taken.at)} (${outcome.taken.what}) makes ID 1000 too, which busybox refuses; delete ubuntu's uses or give that account another ID`,
    );
    return;
  }
  const bash = state.alpineInstalled.has("bash");
  const shell = bash ? "/bin/bash" : "/bin/sh";
  const at = stage.from.end;
  // The group first, so that its GID is 1000 for sure (busybox lists the user as its member too:
  // `ubuntu:x:1000:ubuntu`, where Ubuntu's has `ubuntu:x:1000:`; a later deluser then deletes it
  // without a word).
  const run = `RUN addgroup -g 1000 ubuntu && adduser -D -u 1000 -G ubuntu -g Ubuntu -s ${shell} ubuntu`;
  ctx.edit("users", at, at, `${ctx.doc.eol}${asRoot(stage, at, run, ctx.doc.eol)}`);
  ctx.warn(
    "users",
    outcome.adds,
    `${imageWithUser(ctx, stage)} has the user ubuntu (UID 1000, group ubuntu GID 1000, home /home/ubuntu), Alpine's does not: added them after the FROM, with ${bash ? "bash as its shell" : "/bin/sh as its shell (Ubuntu's is /bin/bash, which this stage does not install)"}`,
  );
}

/** The image the warning names: Ubuntu's own, or one built on it (`eclipse-temurin:21-jdk-noble`). */
export function imageWithUser(ctx: MigrationContext, stage: Stage): string {
  if (baseRepository(ctx, stage) === "ubuntu") return "Ubuntu's image (23.04 on)";
  const reference = rootReference(ctx, stage);
  const release = debianRelease(reference);
  const on = release ? `Ubuntu ${release.version}` : "Ubuntu (24.04 in its current tags)";
  return `${reference} is built on ${on}, whose image`;
}
