import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import type { Item, Pipeline, SimpleCommand } from "../shell/script.js";
import type { ShellSource } from "../shell/source.js";
import type { Stage } from "../stages.js";
import { copiedFiles, scriptCommands } from "./context-files.js";
import { unwrapped } from "./gnu-calls.js";
import { followsWithin, matchFollowing } from "./in-order.js";
import { scriptsUnlessReportedByRun } from "./run-scripts.js";
import { stageCommands } from "./stage-commands.js";
import type { StageInfo } from "./stage-info.js";
import { startedCommands } from "./started-commands.js";

/** Debian packages that install sshd (`ssh` is the metapackage that pulls openssh-server in). */
const DEBIAN_SERVERS = new Set(["openssh-server", "ssh"]);
/** What those become on Alpine (`openssh` depends on openssh-server). */
const ALPINE_SERVERS = new Set(["openssh-server", "openssh"]);
const APT = new Set(["apt-get", "apt", "aptitude"]);
/** `ssh-keygen -A`, also with other options around it (`ssh-keygen -q -A`). */
const keygenAll = (text: string) =>
  followsWithin(text, /\bssh-keygen\b/, /\s-[a-zA-Z]*A\b/, /[;&|\n]/);
const STEP = "ssh-keygen -A";
const WHY =
  "Alpine's openssh-server generates no SSH host keys at install (Debian's postinst did), and sshd";
const REFUSES = 'refuses to run without them ("no hostkeys available")';

/** An apt install of an SSH server in a RUN's own script (not in a `sh -c` string). */
interface ServerInstall {
  ins: Instruction;
  /** The package name as written, and where it is in the file. */
  name: string;
  offset: number;
  /** Where the command is, when it is one of the RUN's own (not inside a `sh -c` string). */
  command?: {
    src: ShellSource;
    pipeline: Pipeline;
    /** As written (with `sudo` or a path in front, if any). */
    cmd: SimpleCommand;
  };
}

/**
 * Debian's openssh-server postinst generates the host keys; Alpine's package does not, and sshd
 * then refuses to start ("no hostkeys available"). A converted stage that installs it and starts
 * sshd (its CMD/ENTRYPOINT, a RUN or a COPYed script; or a stage built FROM it) gets
 * `ssh-keygen -A` right after the apk add; where that cannot go, the fix is given in a warning.
 */
export function addSshHostKeys(ctx: MigrationContext, infos: readonly StageInfo[]): void {
  for (const info of infos) {
    if (!info.alpine || info.already || info.kept) continue;
    const installs = serverInstalls(ctx, info.stage.body);
    if (installs.length === 0) continue;
    const family = relatives(info.stage, infos);
    if (family.later.some((s) => generatesKeys(ctx, s))) continue;
    const first = installs[0]!;
    if (!startsSshd(ctx, family)) {
      ctx.warnOnce(
        `ssh-host-keys:${info.stage.index}`,
        "apt",
        first.offset,
        `${first.name}: ${WHY} ${REFUSES}: if this image runs sshd (supervisord, a script), add && ${STEP} after this apk add, or run ${STEP} before sshd starts`,
      );
      continue;
    }
    const install = installs.find((i) => placeable(i) !== undefined);
    if (!install) {
      ctx.warn(
        "apt",
        first.offset,
        `${first.name}: ${WHY}, which this image starts, ${REFUSES}; alpinize cannot append to this install safely: add && ${STEP} right after the apk add of ${first.name}, or run ${STEP} before sshd starts`,
      );
      continue;
    }
    const { src, cmd } = install.command!;
    const at = src.span(cmd.end, cmd.end)[0];
    ctx.edit("apt", at, at, `${placeable(install)}${STEP}`, true);
    ctx.warn(
      "apt",
      install.offset,
      `${install.name}: ${WHY}, which this image starts, ${REFUSES}: added ${STEP} after the apk add (the keys are baked into the image, as on Debian; generate them in the entrypoint instead if each container should have its own)`,
    );
  }
}

/** The stage, the stages it is built FROM, and those built FROM it (`later`: itself and those). */
function relatives(stage: Stage, infos: readonly StageInfo[]): { all: Stage[]; later: Stage[] } {
  const later = [stage];
  for (const other of infos) {
    for (let s = other.stage.parent; s; s = s.parent) {
      if (s === stage) {
        later.push(other.stage);
        break;
      }
    }
  }
  const earlier: Stage[] = [];
  for (let s = stage.parent; s; s = s.parent) earlier.push(s);
  return { all: [...earlier, ...later], later };
}

/** sshd is run by a RUN or COPYed script of the stage or its children, or by a CMD/ENTRYPOINT. */
function startsSshd(ctx: MigrationContext, family: { all: Stage[]; later: Stage[] }): boolean {
  const started = family.all.some((s) =>
    s.body.some(
      (ins) =>
        (ins.keyword === "CMD" || ins.keyword === "ENTRYPOINT") &&
        startedCommands(ins).includes("sshd"),
    ),
  );
  if (started) return true;
  return family.later.some(
    (s) =>
      stageCommands(ctx, s.body).has("sshd") || scriptCommands(copiedFiles(ctx, s)).has("sshd"),
  );
}

/** A RUN (or a COPYed script) already generates every missing host key. */
function generatesKeys(ctx: MigrationContext, stage: Stage): boolean {
  if (stage.body.some((ins) => ins.keyword === "RUN" && keygenAll(ins.args.text))) return true;
  return copiedFiles(ctx, stage).some((f) => keygenAll(f.content));
}

function serverInstalls(ctx: MigrationContext, body: Instruction[]): ServerInstall[] {
  const out: ServerInstall[] = [];
  for (const ins of body) {
    if (ins.keyword !== "RUN" || ins.form === "exec") continue;
    const sources = scriptsUnlessReportedByRun(ctx, ins);
    if (!sources) continue;
    for (const src of sources) out.push(...installsIn(ctx, ins, src));
    // One inside a `sh -c` string: found by its text, so the warning still comes.
    if (out.every((i) => i.ins !== ins)) {
      const hit = matchFollowing(
        ins.args.text,
        /\binstall\b/,
        /(?<=\s)(openssh-server|ssh)(?=[\s='"/:;&|]|$)/,
        /[;&|]/,
      );
      if (hit && /\bapt(?:-get|itude)?\b/.test(ins.args.text))
        out.push({ ins, name: hit[1]!, offset: ins.start });
    }
  }
  return out;
}

function installsIn(ctx: MigrationContext, ins: Instruction, src: ShellSource): ServerInstall[] {
  const out: ServerInstall[] = [];
  for (const pipeline of src.script.items) {
    if (pipeline.kind !== "pipeline") continue;
    for (const cmd of pipeline.commands) {
      const inner = unwrapped(cmd) ?? cmd;
      const args = inner.args.map((a) => a.value ?? "");
      if (!APT.has((args[0] ?? "").replace(/^.*\//, ""))) continue;
      const sub = args.slice(1).find((a) => !a.startsWith("-"));
      if (sub !== "install") continue;
      const word = inner.args.find((a) => DEBIAN_SERVERS.has((a.value ?? "").split(/[=/:]/)[0]!));
      if (!word) continue;
      const offset = src.span(word.start, word.start)[0];
      if (!converted(ctx, offset)) continue;
      const name = word.value!.split(/[=/:]/)[0]!;
      out.push({ ins, name, offset, command: { src, pipeline, cmd } });
    }
  }
  return out;
}

/** The install became an apk add of the server (not left as apt, not a temporary package). */
function converted(ctx: MigrationContext, offset: number): boolean {
  const line = ctx.line(offset);
  return ctx.packages.some(
    (p) =>
      p.line === line &&
      p.tool === "apt" &&
      DEBIAN_SERVERS.has(p.debian) &&
      p.written.some((n) => ALPINE_SERVERS.has(n)),
  );
}

/**
 * What joins the step to the install (` && ` or `; `, as the chain around it does), or undefined
 * when the install is not a command of its own (piped, in the background, in a `sh -c` string)
 * or a build dependency deleted again in the same RUN.
 */
function placeable(install: ServerInstall): string | undefined {
  if (!install.command) return undefined;
  const { src, pipeline } = install.command;
  if (pipeline.commands.length !== 1 || pipeline.feedsCompound) return undefined;
  const text = src.script.text;
  if (/\bshowmanual\b/.test(text)) return undefined;
  if (followsWithin(text, /\b(?:purge|remove|del)\b/, /\bopenssh/, /[;&|]/)) return undefined;
  const items = src.script.items;
  const k = items.indexOf(pipeline);
  const next = opAt(items[k + 1]);
  if (next === "&" || next === "|") return undefined;
  const around = next ?? opAt(items[k - 1]);
  return around === ";" || around === "\n" ? "; " : " && ";
}

function opAt(item: Item | undefined): string | undefined {
  return item?.kind === "op" ? item.op : undefined;
}
