import { posix } from "node:path";
import { stageChain } from "../dockerfile/stage-links.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { stageWorld } from "./apk-history.js";
import { rootImageShips } from "./busybox-no-applet.js";
import { containerStart, startsContainers } from "./container-start.js";

export interface DebianTini {
  line: number;
  message: string;
  severity: "error" | "warning";
}

/**
 * Where Alpine's packages put tini (aports community/tini: the tini package installs /sbin/tini,
 * its tini-static subpackage /sbin/tini-static and nothing else; neither depends on the other).
 * Debian's tini package puts both in /usr/bin. migrate points a Debian path at the one the Alpine
 * package it installs puts there (/sbin/tini for tini, /sbin/tini-static for tini-static), in the
 * tini swap of entryPaths in @alpinize/dockerfile rules/stage.ts;
 * debian-tini.test.ts holds this reading to migrate's output.
 */
const ALPINE_TINI: ReadonlyMap<string, string> = new Map([
  ["tini", "/sbin/tini"],
  ["tini-static", "/sbin/tini-static"],
]);
/** A word that runs tini by one of the paths a Debian or Alpine package gives it. */
const TINI_PATH = /(?<![\w./-])(\/usr\/bin|\/sbin)\/(tini(?:-static)?)(?![\w.-])/;

/**
 * The ENTRYPOINT/CMD of an image an Alpine stage makes runs tini by a path the tini apk
 * installed does not have: Debian's `/usr/bin/tini` after `apk add tini`, or `/sbin/tini` when
 * only tini-static is installed. The container fails to start. Left alone when the Dockerfile
 * puts a file at that path itself; a warning on a base image whose contents alpinize does not
 * know, which may have one there.
 */
export function debianTini(stage: StageInfo, stages: readonly StageInfo[]): DebianTini | undefined {
  if (!startsContainers(stage, stages)) return undefined;
  const start = containerStart(stage, stages);
  if (!start) return undefined;
  const world = stageWorld(stage, stages);
  const installed = [...ALPINE_TINI.keys()].filter((pkg) => world.has(pkg));
  if (installed.length === 0) return undefined;
  const has = new Set(installed.map((pkg) => ALPINE_TINI.get(pkg)));
  for (const [k, part] of start.parts.entries()) {
    const words = start.words.slice(part.from, start.parts[k + 1]?.from);
    const hit = words.map((w) => TINI_PATH.exec(w)).find((m) => m !== null);
    if (!hit || has.has(hit[0]) || placesFile(stage, stages, hit[0])) continue;
    const wanted = ALPINE_TINI.get(hit[2]!)!;
    const pkg = has.has(wanted) ? hit[2]! : installed[0]!;
    const fix = ALPINE_TINI.get(pkg)!;
    const known = rootImageShips(stage, stages)("tini") === false;
    const unless = known ? "" : " (unless its base image puts one there)";
    const where =
      hit[1] === "/usr/bin"
        ? "where Debian's tini package puts it"
        : `which Alpine's ${hit[2]} package installs`;
    const other =
      hit[1] === "/usr/bin"
        ? " (alpinize migrate makes this change)"
        : `, or add ${hit[2]} to the apk add`;
    return {
      line: part.line,
      severity: known ? "error" : "warning",
      message: `${part.keyword} runs ${hit[0]}, ${where}, but Alpine stage ${stage.name} has apk's ${pkg} package, which installs ${fix}${unless}, so the container fails to start ("no such file or directory"): use ${fix}${other}`,
    };
  }
  return undefined;
}

/** A COPY/ADD or RUN puts a file at `path` itself (a download, a copy out of another image, a link). */
function placesFile(stage: StageInfo, stages: readonly StageInfo[], path: string): boolean {
  const exact = new RegExp(`${path.replace(/[/.-]/g, "\\$&")}(?![\\w.-])`);
  const folder = new RegExp(
    `(?:^|\\s|")${posix.dirname(path).replace(/\//g, "\\/")}\\/?(?:"|\\s|$)`,
  );
  for (const s of stageChain(stage, stages)) {
    for (const ins of s.body) {
      const text = ins.args.text;
      if (ins.keyword === "RUN" && exact.test(text)) return true;
      const copies = ins.keyword === "COPY" || ins.keyword === "ADD";
      if (copies && (exact.test(text) || (folder.test(text) && /tini/.test(text)))) return true;
    }
  }
  return false;
}
