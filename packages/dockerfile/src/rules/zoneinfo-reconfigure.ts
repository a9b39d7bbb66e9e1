import type { Instruction } from "../parse/types.js";
import type { Pipeline, SimpleCommand } from "../shell/script.js";
import { commandOperand } from "./in-order.js";
import type { ScriptScope, StageState } from "./scope.js";

/**
 * RUNs where `dpkg-reconfigure tzdata` became `ln -sf /usr/share/zoneinfo/ZONE /etc/localtime`,
 * per stage: the zone files are read when the image runs, so tzdata must be installed.
 */
const linked = new WeakMap<StageState, Instruction>();

/** `echo Europe/Paris > /etc/timezone`, `printf '%s\n' "$TZ" >/etc/timezone`, `echo X | tee …`. */
const WRITES_TIMEZONE =
  /\b(?:echo(?:\s+-[neE]+)?|printf\s+(?:'%s\\n'|"%s\\n"))\s+(\S+)\s*(?:>>?\s*|\|\s*tee\s+(?:-a\s+)?)\/etc\/timezone\b/g;
/** A zone name (`Europe/Paris`, `America/Argentina/Buenos_Aires`, `UTC`). */
const ZONE = /^(?:[A-Z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*)$/;
/** `$TZ`, `${TZ}`, quoted or not. */
const VARIABLE = /^"?\$(?:\{(\w+)\}|(\w+))"?$/;
/** `ln [options] TARGET /etc/localtime`, as `\bln\s+(?:-\S+\s+)*\S+\s+\/etc\/localtime\b` reads. */
export const linksLocaltime = (text: string) =>
  commandOperand(text, /\bln\s+/, (t, _start, end) => followedBy(t, end, TO_LOCALTIME));
const TO_LOCALTIME = /\s+\/etc\/localtime\b/y;

function followedBy(text: string, at: number, sticky: RegExp): boolean {
  sticky.lastIndex = at;
  return sticky.test(text);
}

/**
 * `dpkg-reconfigure tzdata` after a write of /etc/timezone: where /etc/localtime is no symlink,
 * tzdata's config script (Debian 12's tzdata, "Fall back to /etc/timezone") reads the zone from
 * /etc/timezone, and its postinst links /etc/localtime to it. musl reads only /etc/localtime (or
 * TZ), so the call becomes that link when the zone is a literal or a variable the stage sets
 * (ENV/ARG). Whether it did: false leaves the call to the debconf rule (removed with a note).
 */
export function linkLocaltime(scope: ScriptScope, pipeline: Pipeline, cmd: SimpleCommand): boolean {
  if (!cmd.args.some((a) => a.value === "tzdata") || pipeline.commands.length !== 1) return false;
  const stage = scope.stage.info.stage;
  const before = scope.ctx.text.slice(stage.from.end, scope.fileOffset(pipeline.start));
  // An earlier link sets the zone already; the call's removal loses nothing then.
  if (linksLocaltime(before)) return false;
  const zone = writtenZone(scope, before);
  if (zone === undefined) return false;
  const link = `ln -sf ${zone.path} /etc/localtime`;
  if (!scope.replacePipeline(pipeline, link, "musl")) return false;
  linked.set(scope.stage, linked.get(scope.stage) ?? scope.instruction);
  scope.warn(
    "musl",
    cmd.start,
    `${cmd.name} tzdata replaced with ${link}: Debian's tzdata links /etc/localtime to the zone /etc/timezone names, and musl reads only /etc/localtime (or TZ); /etc/timezone stays as written`,
  );
  return true;
}

/** The zone the last write of /etc/timezone in `text` names, as a path word for ln. */
function writtenZone(scope: ScriptScope, text: string): { path: string } | undefined {
  const last = [...text.matchAll(WRITES_TIMEZONE)].pop()?.[1];
  if (last === undefined) return undefined;
  const bare = last.replace(/^(["'])(.*)\1$/, "$2");
  if (ZONE.test(bare)) return { path: `/usr/share/zoneinfo/${bare}` };
  const v = VARIABLE.exec(last);
  const name = v?.[1] ?? v?.[2];
  // Only a variable the stage sets: another one may be empty when the line runs.
  if (name === undefined || !scope.stage.values.has(name)) return undefined;
  return { path: `"/usr/share/zoneinfo/\${${name}}"` };
}

/** The first RUN of the stage whose dpkg-reconfigure tzdata became an /etc/localtime link. */
export function localtimeLinkRun(state: StageState): Instruction | undefined {
  return linked.get(state);
}
