import { stageChain } from "../dockerfile/stage-links.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { stageWorld } from "./apk-history.js";
import { containerStart, startsContainers } from "./container-start.js";

export interface DebianTini {
  line: number;
  message: string;
}

/**
 * Debian's tini package puts tini (and tini-static) in /usr/bin; Alpine's puts tini in /sbin and
 * its tini-static subpackage /sbin/tini-static (aports community/tini). migrate moves both Debian
 * paths to /sbin/tini as it swaps the package (the tini swap of entryPaths in @alpinize/dockerfile
 * rules/stage.ts); this reads the same paths, and debian-tini.test.ts holds the two to each other.
 */
const DEBIAN_TINI = /(?<![\w./-])\/usr\/bin\/(tini(?:-static)?)(?![\w.-])/;
/** A COPY/ADD or RUN that puts a file there itself (a download, a copy out of another image, a link). */
const TINI_IN_USR_BIN = /\/usr\/bin\/tini/;
const INTO_USR_BIN = /(?:^|\s|")\/usr\/bin\/?(?:"|\s|$)/;

/**
 * The ENTRYPOINT/CMD of an image an Alpine stage makes runs tini by Debian's path while the tini
 * the stage has comes from apk (`apk add tini`), which is not there: the container fails to start.
 * Left alone when the Dockerfile puts a tini at /usr/bin itself.
 */
export function debianTini(stage: StageInfo, stages: readonly StageInfo[]): DebianTini | undefined {
  if (!startsContainers(stage, stages)) return undefined;
  const start = containerStart(stage, stages);
  if (!start) return undefined;
  const world = stageWorld(stage, stages);
  const apk = { tini: world.has("tini"), static: world.has("tini-static") };
  if ((!apk.tini && !apk.static) || placesTini(stage, stages)) return undefined;
  for (const [k, part] of start.parts.entries()) {
    const words = start.words.slice(part.from, start.parts[k + 1]?.from);
    const hit = words.map((w) => DEBIAN_TINI.exec(w)).find((m) => m !== null);
    if (!hit) continue;
    const wantsStatic = hit[1] === "tini-static";
    const fix = (wantsStatic && apk.static) || !apk.tini ? "/sbin/tini-static" : "/sbin/tini";
    const pkg = fix === "/sbin/tini" ? "tini" : "tini-static";
    return {
      line: part.line,
      message: `${part.keyword} runs ${hit[0]}, where Debian's tini package puts it, but the ${pkg} Alpine stage ${stage.name} installs with apk is ${fix}, so the container fails to start ("no such file or directory"): use ${fix} (alpinize migrate makes this change)`,
    };
  }
  return undefined;
}

function placesTini(stage: StageInfo, stages: readonly StageInfo[]): boolean {
  for (const s of stageChain(stage, stages)) {
    for (const ins of s.body) {
      const text = ins.args.text;
      if (ins.keyword === "RUN" && TINI_IN_USR_BIN.test(text)) return true;
      const copies = ins.keyword === "COPY" || ins.keyword === "ADD";
      if (copies && (TINI_IN_USR_BIN.test(text) || (INTO_USR_BIN.test(text) && /tini/.test(text))))
        return true;
    }
  }
  return false;
}
