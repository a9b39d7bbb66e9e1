import { migrateDockerfile } from "@alpinize/dockerfile";
import { createPackageMap, DEFAULT_RELEASE, type PackageMap } from "@alpinize/package-map";
import { stageLinks } from "../dockerfile/stage-links.js";
import type { StageInfo } from "../dockerfile/stages.js";

/**
 * What `migrate` knows about Debian-only paths and program names, asked of migrate itself:
 * `@alpinize/dockerfile` exports neither its path table (debianPathNote) nor its program table
 * (debianProgramNote), so check puts the one word into a two-line Alpine Dockerfile and reads the
 * warning migrate gives it (as base-advice.ts asks migrate about an image). One table, two users.
 */
export interface LayoutAdvice {
  /** What a Debian-only path is and what Alpine has instead; undefined for a path Alpine has too. */
  path(path: string): string | undefined;
  /** The shortest folder (or the file itself) of a Debian-only path that Alpine lacks. */
  root(path: string): string | undefined;
  /** What to start instead of a program only Debian has under that name. */
  program(name: string): string | undefined;
  /** Whether the release's python3 is this minor ("3.12"), so python3.12 is on its PATH too. */
  shipsPython(minor: string): boolean;
}

// One answer per image, release and word; the bound keeps a large repository's run in check.
const cache = new Map<string, string | null>();
const CACHE_LIMIT = 8192;
const maps = new Map<string, PackageMap>();

/** A word migrate reads back as the same word: no whitespace, no line continuation, no quotes. */
const PLAIN_PATH = /^\/[^\s\\"'`;&|<>()]*$/;
const PLAIN_NAME = /^[A-Za-z0-9_][\w.+-]*$/;
/**
 * apt's and dpkg's own folders: apt-paths.ts judges /etc/apt, and cleaning up apt's lists is a
 * leftover, not a use of Debian's layout (migrate warns about both under the same rule).
 */
const APT_OWN = /^\/(?:etc\/apt|var\/lib\/apt|var\/cache\/apt|var\/lib\/dpkg)(?:\/|$)/;

/** The advice for one Alpine stage: its release, and the image it is built on (nginx's differs). */
export function layoutAdvice(stage: StageInfo, stages: readonly StageInfo[], release?: string) {
  const image = rootImage(stage, stages);
  const target = release ?? DEFAULT_RELEASE;
  const ask = (body: string, prefix = ""): string | undefined => {
    const key = `${image}\n${target}\n${body}`;
    let answer = cache.get(key);
    if (answer === undefined) {
      answer = migrateNote(image, target, body, prefix) ?? null;
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, answer);
    }
    return answer ?? undefined;
  };
  const path = (p: string) =>
    PLAIN_PATH.test(p) && !APT_OWN.test(p) ? ask(`RUN : ${p}`) : undefined;
  const advice: LayoutAdvice = {
    path,
    root: (p) => {
      if (path(p) === undefined) return undefined;
      const parts = p.split("/");
      for (let k = 2; k < parts.length; k++) {
        const folder = parts.slice(0, k).join("/");
        if (path(`${folder}/`) !== undefined) return folder;
      }
      return p;
    },
    program: (name) =>
      PLAIN_NAME.test(name)
        ? ask(`CMD ${JSON.stringify([name])}`, `CMD starts ${name}: `)
        : undefined,
    shipsPython: (minor) => {
      const d = packageMap(target).map(`python${minor}`);
      return d.alpine.length > 0 && d.versionChange === undefined;
    },
  };
  return advice;
}

/** The image at the bottom of the stage's FROM chain, when it is a plain reference. */
function rootImage(stage: StageInfo, stages: readonly StageInfo[]): string {
  const links = stageLinks(stages);
  let root = stage;
  for (let up = links.parent(root); up; up = links.parent(root)) root = up;
  return /^[\w./:@-]+$/.test(root.image) ? root.image : "alpine";
}

function migrateNote(image: string, release: string, body: string, prefix: string) {
  let warnings: { rule: string; line: number; message: string }[];
  try {
    warnings = migrateDockerfile(`FROM ${image}\n${body}\n`, {
      fileName: "Dockerfile",
      release,
      packageMap: packageMap(release),
    }).warnings;
  } catch {
    // An image reference migrate refuses: no advice rather than a failed check.
    return undefined;
  }
  const hit = warnings.find(
    (w) => w.line === 2 && w.rule === "apt" && w.message.startsWith(prefix),
  );
  return hit?.message.slice(prefix.length);
}

function packageMap(release: string): PackageMap {
  let map = maps.get(release);
  if (!map) {
    map = createPackageMap({ release });
    maps.set(release, map);
  }
  return map;
}
