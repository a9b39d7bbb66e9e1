import { missingApplet, missingAppletSource, providesMissingApplet } from "@alpinize/busybox";
import { familiarName, tryParseImageReference } from "@alpinize/image-ref";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import { rootStage } from "../dockerfile/stage-scope.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { withPlaceholders } from "../dockerfile/variables.js";

/**
 * Official images whose Alpine tags add none of the packages NO_APPLET names to Alpine's base:
 * `alpine` itself and the language images migrate moves to (their Dockerfiles install
 * ca-certificates, tzdata, libstdc++, tar, procps and the libraries scanelf finds, no more).
 */
const BARE_OFFICIAL = new Set(["alpine", "node", "python", "golang", "ruby", "php"]);

/** Where a command busybox lacks comes from, as far as the stage's base image is known. */
export type BaseShips = (pkg: string) => boolean | undefined;

/**
 * Whether the image a stage is built on (at the bottom of its `FROM earlier-stage` chain) ships
 * a package: false on the images in BARE_OFFICIAL, true for what an official image is known to
 * add (eclipse-temurin's Alpine tags install coreutils for csplit, nginx's `-alpine-perl` tags
 * perl), undefined for any other image, whose contents alpinize does not know.
 */
export function rootImageShips(stage: StageInfo, stages: readonly StageInfo[]): BaseShips {
  const text = withPlaceholders(rootStage(stage, stages).image.trim(), "x");
  const ref = tryParseImageReference(text, { defaultTag: false });
  const name = ref ? familiarName(ref) : "";
  const tag = ref?.tag ?? "";
  return (pkg) => {
    if (name === "eclipse-temurin" && pkg === "coreutils") return true;
    if (name === "nginx" && pkg === "perl" && /(?:^|-)perl(?:$|-)/.test(tag)) return true;
    return BARE_OFFICIAL.has(name) ? false : undefined;
  };
}

/** Where a program a RUN calls by path is one a package installs, not one the build put there. */
const SYSTEM_PATH = /^\/(?:usr\/)?s?bin\/[^/]+$/;

export interface NoAppletProblem {
  message: string;
  severity: "error" | "warning";
}

/**
 * A RUN command busybox has no applet for (perl, join, tput, lsblk…: Debian's base image has
 * them, Alpine's has not) with no package installed by then that provides it. `installed`: the
 * packages apk has installed at that point of the build. An error where the base image is known
 * not to ship the package, a warning where its contents are not known.
 */
export function noAppletProblem(
  cmd: ShellCommand,
  stage: StageInfo,
  installed: Iterable<string>,
  ships: BaseShips,
): NoAppletProblem | undefined {
  if (cmd.name.includes("/") && !SYSTEM_PATH.test(cmd.name)) return undefined;
  const tool = baseName(cmd.name);
  const pkg = missingApplet(tool);
  if (pkg === undefined) return undefined;
  for (const name of installed) if (providesMissingApplet(tool, name)) return undefined;
  const known = ships(pkg);
  if (known === true) return undefined;
  const source = missingAppletSource(tool);
  const debian = source?.essential
    ? ` (every Debian image has it, from ${source.debian})`
    : source
      ? ` (Debian's ${source.debian} package has it)`
      : "";
  const unless = known === undefined ? " (unless its base image ships it)" : "";
  return {
    message: `${tool} in Alpine stage ${stage.name}: busybox has no ${tool} applet and no package installed by here provides it${unless}, so the build fails here; add ${pkg} to an apk add --no-cache before it, or drop the call${debian}`,
    severity: known === undefined ? "warning" : "error",
  };
}
