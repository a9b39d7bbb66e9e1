import { isKnownRelease, KNOWN_RELEASES } from "@alpinize/package-map";
import type { StageInfo } from "../dockerfile/stages.js";
import { taggedRelease } from "./apk-names.js";

/**
 * A stage whose tag names an Alpine release alpinize has no package data for (`alpine:3.99`, a
 * typo or a release out after this alpinize; `alpine:3.18`, before the oldest it knows): its
 * apk names go unchecked, and silence would read as a clean stage. Not an error: alpinize
 * cannot tell a typo from a new release.
 */
export function unknownReleaseMessage(stage: StageInfo): string | undefined {
  const { release } = taggedRelease(stage);
  if (release === undefined || isKnownRelease(release)) return undefined;
  const known = KNOWN_RELEASES.join(", ");
  const newer = compare(release, KNOWN_RELEASES[KNOWN_RELEASES.length - 1] ?? release) > 0;
  const advice = newer
    ? "check that the tag exists (a typo, or a release newer than this alpinize)"
    : `move the stage to one of them (${KNOWN_RELEASES[KNOWN_RELEASES.length - 1]} is the newest)`;
  return `stage ${stage.name}: ${stage.image} is on Alpine ${release}, ${newer ? "newer" : "older"} than every release alpinize has package data for (${known}): ${advice}; its apk add names are not checked`;
}

function compare(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return Math.sign(am - bm || an - bn);
}
