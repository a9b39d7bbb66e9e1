import { isKnownRelease, KNOWN_RELEASES } from "@alpinize/package-map";
import { hasDigest } from "../dockerfile/images.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { taggedRelease } from "./apk-names.js";

/**
 * A stage whose tag names an Alpine release alpinize has no package data for (`alpine:3.99`, a
 * typo or a release out after this alpinize; `alpine:3.18`, before the oldest it knows): its
 * apk names go unchecked, and silence would read as a clean stage. Not an error: alpinize
 * cannot tell a typo from a new release.
 */
export function unknownReleaseMessage(stage: StageInfo): string | undefined {
  const { image, tag, release } = taggedRelease(stage);
  if (release === undefined) return unreleasedTagMessage(stage, image, tag);
  if (isKnownRelease(release)) return undefined;
  const known = KNOWN_RELEASES.join(", ");
  const newer = compare(release, KNOWN_RELEASES[KNOWN_RELEASES.length - 1] ?? release) > 0;
  const advice = newer
    ? "check that the tag exists (a typo, or a release newer than this alpinize)"
    : `move the stage to one of them (${KNOWN_RELEASES[KNOWN_RELEASES.length - 1]} is the newest)`;
  return `stage ${stage.name}: ${stage.image} is on Alpine ${release}, ${newer ? "newer" : "older"} than every release alpinize has package data for (${known}): ${advice}; its apk add names are not checked`;
}

const UNCHECKED = "its apk add names are not checked";

/**
 * A tag of the plain alpine image that names no release. `3` and `edge` float: the same FROM
 * gets another Alpine when one is released (the newest 3.x) or any day (the development
 * branch), and a user who wrote them expects to hear that, not silence. Any other tag
 * (`3.24-rc1`, `v3.24`) is none alpinize knows. `latest` (or no tag) is read as the newest
 * release alpinize knows, and checked as that.
 */
function unreleasedTagMessage(stage: StageInfo, image: string, tag: string): string | undefined {
  if (tag === "" || tag === "latest" || image.includes("$")) return undefined;
  if (!/(?:^|\/)alpine:[^/]+$/.test(image)) return undefined;
  const newest = KNOWN_RELEASES[KNOWN_RELEASES.length - 1];
  const at = `stage ${stage.name}: ${stage.image}`;
  const pinned = hasDigest(stage.image);
  if (/^\d{1,2}$/.test(tag)) {
    const floats = pinned
      ? "the digest holds one, but the tag does not say which"
      : "the same FROM moves to each new release as it comes out";
    return `${at} names no Alpine release: tag ${tag} floats to the newest ${tag}.x (${floats}); pin a release (alpine:${newest}); ${UNCHECKED}`;
  }
  if (tag === "edge") {
    const floats = pinned ? "pinned to one day's snapshot of it" : "it changes from day to day";
    return `${at} is not an Alpine release: edge is Alpine's development branch, whose packages come and go (${floats}), and alpinize has no package data for it; pin a release (alpine:${newest}); ${UNCHECKED}`;
  }
  const xy = /^v?(\d+\.\d+)/.exec(tag)?.[1];
  const instead = xy !== undefined && isKnownRelease(xy) ? xy : newest;
  const why = tag.startsWith("v")
    ? "Alpine's image tags have no v"
    : /^\d+\.\d+(?:\.\d+)?[-_]/.test(tag)
      ? "a release candidate or a suffix the alpine image's tags do not have"
      : "the alpine image's release tags are X.Y and X.Y.Z";
  return `${at}: tag ${tag} is not an Alpine release alpinize knows (${why}; it has package data for ${KNOWN_RELEASES.join(", ")}): check that the tag exists, or pin a release (alpine:${instead}); ${UNCHECKED}`;
}

function compare(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return Math.sign(am - bm || an - bn);
}
