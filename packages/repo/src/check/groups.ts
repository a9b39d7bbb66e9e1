import {
  accountRename,
  DEBIAN_BASE_GROUPS,
  type Instruction,
  packageAccount,
  packageAccountNote,
  packageCreatesAccount,
  packageMayMakeGroup,
} from "@alpinize/dockerfile";
import { familiarName, tryParseImageReference } from "@alpinize/image-ref";
import { chainFact } from "../dockerfile/chain-fact.js";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { stageLinks } from "../dockerfile/stage-links.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { ALPINE_BASE_GROUPS } from "../facts/alpine-base.js";
import { operands, optionValue, systemOption } from "./account-options.js";
import { withNested } from "./nested.js";
import { onbuildRuns } from "./onbuild.js";

const ALPINE_GROUPS: ReadonlySet<string> = new Set(ALPINE_BASE_GROUPS.values());

/**
 * Groups Debian's base image has (base-passwd) and Alpine's does not, so no Alpine-based image has
 * them unless it makes them: a Debian Dockerfile may take them for granted.
 */
const DEBIAN_ONLY_GROUPS: ReadonlySet<string> = new Set(
  [...DEBIAN_BASE_GROUPS.keys()].filter((g) => !ALPINE_GROUPS.has(g)),
);

/** What is known of the groups at one point of a stage's build. */
export interface GroupState {
  /** Groups an earlier addgroup, adduser, groupadd or useradd of the stage (or its parents) made. */
  made: Set<string>;
  /** The chain starts on plain `alpine`, whose /etc/group is known; otherwise only Debian's own groups are told missing. */
  plain: boolean;
  /** /etc/group was written or copied in: nothing can be told. */
  opaque: boolean;
}

/** What a command needs and makes: `addgroup USER GROUP` needs GROUP, `addgroup NAME` makes it. */
interface GroupUse {
  needs: string[];
  makes: string[];
}

const GROUP_NAME = /^[a-z_][a-z0-9_.-]*\$?$/i;

/**
 * The groups a command names that busybox would not find ("unknown group"): `addgroup USER GROUP`,
 * `adduser -G GROUP` (`--ingroup`). Each comes with what to do; `sudo` is Alpine's `wheel`.
 */
export function unknownGroups(
  cmd: ShellCommand,
  state: GroupState,
  packages: ReadonlyMap<string, unknown>,
): string[] {
  if (state.opaque) return [];
  return groupUse(cmd).needs.filter((g) => groupMissing(g, state, packages));
}

/**
 * A `COPY --chown=…:GROUP`, `ADD --chown=…:GROUP` or `USER …:GROUP` naming a group that is not
 * there at that point of the stage, as the message to report.
 */
export function instructionGroupProblem(
  stage: StageInfo,
  ins: Instruction,
  state: GroupState,
  packages: ReadonlyMap<string, unknown>,
): string | undefined {
  const group = instructionGroup(ins);
  if (group === undefined || state.opaque || writesGroupFile(stage, ins.line)) return undefined;
  if (!groupMissing(group, state, packages)) return undefined;
  const what = ins.keyword === "USER" ? "USER" : `${ins.keyword} --chown`;
  const outcome =
    ins.keyword === "USER"
      ? `so the container fails to start ("unable to find group ${group}")`
      : `so the build fails here ("can't find gid for group ${group}")`;
  return `${what} in Alpine stage ${stage.name} names group ${group}, which is not there, ${outcome}: ${unknownGroupAdvice(group, packages)}`;
}

/** What a command leaves made: the group is there for the commands after it. */
export function recordGroups(cmd: ShellCommand, state: GroupState): void {
  for (const g of groupUse(cmd).makes) state.made.add(g);
}

/** The fix for a group busybox does not find. */
export function unknownGroupAdvice(
  group: string,
  packages: ReadonlyMap<string, unknown> = new Map(),
): string {
  const account = packageAccount(group, packages.keys());
  if (account) return `${packageAccountNote(account)}: write ${account.alpine}`;
  if (group === "sudo")
    return "Alpine has no sudo group (Debian's admin group; Alpine's is wheel): use wheel (addgroup USER wheel) and allow it in a sudoers.d line (echo '%wheel ALL=(ALL) ALL' > /etc/sudoers.d/wheel), or make the group first (addgroup sudo) and allow %sudo there";
  if (DEBIAN_ONLY_GROUPS.has(group))
    return `Alpine has no ${group} group (Debian's base image has it): make it first (addgroup ${group}) or drop it`;
  return `${group} is not in Alpine's base /etc/group and no earlier addgroup (or package) of the stage makes it: make it first (addgroup [-g GID] ${group}) or drop it`;
}

export function groupMissing(
  group: string,
  state: GroupState,
  packages: ReadonlyMap<string, unknown>,
): boolean {
  if (!GROUP_NAME.test(group) || ALPINE_GROUPS.has(group) || state.made.has(group)) return false;
  // Debian's bind9 makes group bind, Alpine's bind makes named: the package does not stand in.
  if (DEBIAN_ONLY_GROUPS.has(group) || packageAccount(group, packages.keys())) return true;
  if (!state.plain || packageCreatesAccount(group, packages.keys())) return false;
  // A package may make the group in its pre-install (docker, postgresql's postgres, mariadb's mysql).
  return packageMayMakeGroup(group, packages.keys()) === undefined;
}

const GROUP_TOOLS = new Set(["addgroup", "adduser", "groupadd", "useradd"]);

function groupUse(cmd: ShellCommand): GroupUse {
  const name = baseName(cmd.name);
  if (name === "chgrp" || name === "chown") return { needs: ownerGroup(name, cmd.args), makes: [] };
  // shadow's `groupmod -n NEW OLD` stops on an OLD that is not there ("group 'OLD' does not exist").
  if (name === "groupmod") {
    const rename = accountRename("groupmod", cmd.args);
    return { needs: rename ? [rename.from] : [], makes: renamedTo(cmd.args) };
  }
  if (!GROUP_TOOLS.has(name)) return { needs: [], makes: [] };
  const words = operands(name, cmd.args);
  if (name === "groupadd") return { needs: [], makes: words.slice(-1) };
  if (name === "addgroup")
    return words.length >= 2
      ? { needs: [words[1]!], makes: [] }
      : { needs: [], makes: words.slice(0, 1) };
  const user = words.at(-1);
  if (name === "useradd") return { needs: [], makes: user === undefined ? [] : [user] };
  const group = optionValue(cmd.args, ["-G", "--ingroup"]);
  if (group !== undefined) return { needs: [group], makes: [] };
  // busybox adduser makes a group named like the user; a system user (-S) goes into nogroup.
  const system = cmd.args.some(systemOption);
  return { needs: [], makes: system || user === undefined ? [] : [user] };
}

/** The new name `groupmod -n NEW OLD` (shadow's) gives a group: it exists from then on. */
function renamedTo(args: readonly string[]): string[] {
  for (const [k, a] of args.entries()) {
    if (a === "-n" || a === "--new-name") return args[k + 1] === undefined ? [] : [args[k + 1]!];
    if (a.startsWith("--new-name=")) return [a.slice("--new-name=".length)];
  }
  return [];
}

/**
 * The group `chgrp GROUP FILE…` or `chown [USER]:GROUP FILE…` (or `[USER].GROUP`) names (none with `--reference`,
 * which takes the group of a file, or for `chown USER` and `chown USER:`).
 */
function ownerGroup(tool: "chgrp" | "chown", args: readonly string[]): string[] {
  if (args.some((a) => a.startsWith("--reference"))) return [];
  const spec = args.find((a) => !a.startsWith("-"));
  if (spec === undefined) return [];
  if (tool === "chgrp") return [spec];
  // The old USER.GROUP (`chown app.staff`, `chown .staff`): busybox chown splits at the first dot.
  const sep = spec.includes(":") ? spec.indexOf(":") : spec.indexOf(".");
  const group = spec.slice(sep + 1);
  return sep !== -1 && group !== "" ? [group] : [];
}

/**
 * The group a `COPY`/`ADD --chown=USER:GROUP` or a `USER NAME:GROUP` instruction names. The
 * builder looks it up in the image's /etc/group: COPY fails the build, USER the container's start.
 */
export function instructionGroup(ins: Instruction): string | undefined {
  const text = ins.args.text.trim();
  const spec =
    ins.keyword === "USER"
      ? text.split(/\s+/)[0]
      : ins.keyword === "COPY" || ins.keyword === "ADD"
        ? /(?:^|\s)--chown=(\S+)/.exec(text)?.[1]
        : undefined;
  const at = spec?.indexOf(":") ?? -1;
  return at < 0 ? undefined : spec!.slice(at + 1) || undefined;
}

/** The groups when the stage's first RUN starts: what the stage it builds on (and its ONBUILD RUNs) left. */
export function groupsAtStart(stage: StageInfo, stages: readonly StageInfo[]): GroupState {
  const parent = stageLinks(stages).parent(stage);
  return startState(stage, parent && groupsLeftBy(parent, stages), stages);
}

/** A RUN that names /etc/group (`echo 'sudo:x:27:' >> /etc/group`, a heredoc into it). */
export function runWritesGroupFile(run: RunStep): boolean {
  return (
    run.text.includes("/etc/group") ||
    run.commands.some((c) =>
      [...c.args, ...(c.redirects ?? [])].some((w) => w.startsWith("/etc/group")),
    )
  );
}

/** A RUN, COPY or ADD before `line` of the stage writes /etc/group (or copies /etc in). */
export function writesGroupFile(stage: StageInfo, line: number): boolean {
  return groupFileLine(stage) < line;
}

// The first such line per stage, found once: asked for every RUN, a scan of the body each time
// would grow with the square of a long stage.
const groupFileLines = new WeakMap<StageInfo, number>();

function groupFileLine(stage: StageInfo): number {
  let line = groupFileLines.get(stage);
  if (line === undefined) {
    const ins = stage.body.find(
      (i) =>
        /\/etc\/group\b/.test(i.args.text) ||
        (/^(?:COPY|ADD)$/.test(i.keyword) && /\s\/etc\/?\s*$/.test(i.args.text)),
    );
    line = ins?.line ?? Number.POSITIVE_INFINITY;
    groupFileLines.set(stage, line);
  }
  return line;
}

function startState(
  stage: StageInfo,
  left: GroupState | undefined,
  stages: readonly StageInfo[],
): GroupState {
  if (!left) return { made: new Set(), plain: plainAlpine(stage.image), opaque: false };
  const state = { made: new Set(left.made), plain: left.plain, opaque: left.opaque };
  const parent = stageLinks(stages).parent(stage);
  if (parent) for (const run of onbuildRuns(parent)) replay(state, run);
  return state;
}

const groupsLeftBy = chainFact<GroupState>((stage, left, stages) => {
  const state = startState(stage, left, stages);
  for (const run of stage.runs) replay(state, run);
  if (writesGroupFile(stage, Number.POSITIVE_INFINITY)) state.opaque = true;
  return state;
});

function replay(state: GroupState, run: RunStep): void {
  if (runWritesGroupFile(run)) state.opaque = true;
  for (const cmd of withNested(run.commands)) recordGroups(cmd, state);
}

/** The image is Docker's plain `alpine` (any tag or digest), whose /etc/group is Alpine's base. */
function plainAlpine(image: string): boolean {
  const text = image.replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-+=?][^}]*)?\}?/g, "x");
  const ref = tryParseImageReference(text, { defaultTag: false });
  return ref !== undefined && familiarName(ref) === "alpine";
}
