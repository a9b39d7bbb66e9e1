import { debianPathNote, debianProgramNote, packageMapFor } from "@alpinize/dockerfile";
import { familiarName, tryParseImageReference } from "@alpinize/image-ref";
import { DEFAULT_RELEASE } from "@alpinize/package-map";
import { stageLinks } from "../dockerfile/stage-links.js";
import type { StageInfo } from "../dockerfile/stages.js";

/**
 * What `migrate` knows about Debian-only paths and program names, from the same tables migrate
 * reads (`debianPathNote`, `debianProgramNote` of `@alpinize/dockerfile`): one table, two users.
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

/** One plain word, as the tables match it in a RUN: no whitespace, continuation or quotes. */
const PLAIN_PATH = /^\/[^\s\\"'`;&|<>()]*$/;
const PLAIN_NAME = /^[A-Za-z0-9_][\w.+-]*$/;
/**
 * apt's and dpkg's own folders: apt-paths.ts judges /etc/apt, and cleaning up apt's lists is a
 * leftover, not a use of Debian's layout (migrate warns about both under the same rule).
 */
const APT_OWN = /^\/(?:etc\/apt|var\/lib\/apt|var\/cache\/apt|var\/lib\/dpkg)(?:\/|$)/;

/** The advice for one Alpine stage: its release, and the image it is built on (nginx's differs). */
export function layoutAdvice(stage: StageInfo, stages: readonly StageInfo[], release?: string) {
  const repo = rootRepository(stage, stages);
  const target = release ?? DEFAULT_RELEASE;
  // One advice per root image and release, so what is built from it can be remembered per advice.
  let known = adviceOf.get(stages);
  if (!known) {
    known = new Map();
    adviceOf.set(stages, known);
  }
  const key = `${repo ?? ""}\0${target}`;
  const cached = known.get(key);
  if (cached) return cached;
  const path = (p: string): string | undefined => {
    if (!PLAIN_PATH.test(p) || APT_OWN.test(p)) return undefined;
    // As migrate reads a RUN naming the path; glibc downloads and apt sources are other rules'.
    const hit = debianPathNote(`: ${p}`, "RUN", target, undefined, repo);
    return hit?.rule === "apt" ? hit.note : undefined;
  };
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
    program: (name) => (PLAIN_NAME.test(name) ? debianProgramNote(name, target) : undefined),
    shipsPython: (minor) => {
      const d = packageMapFor(target).map(`python${minor}`);
      return d.alpine.length > 0 && d.versionChange === undefined;
    },
  };
  known.set(key, advice);
  return advice;
}

const adviceOf = new WeakMap<readonly StageInfo[], Map<string, LayoutAdvice>>();

/** The repository (`nginx`) at the bottom of the stage's FROM chain, when it is a plain reference. */
export function rootRepository(stage: StageInfo, stages: readonly StageInfo[]): string | undefined {
  const root = stageLinks(stages).root(stage);
  const ref = tryParseImageReference(root.image.trim(), { defaultTag: false });
  return ref ? familiarName(ref) : undefined;
}
