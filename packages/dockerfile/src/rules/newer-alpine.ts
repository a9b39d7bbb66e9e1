import { KNOWN_RELEASES } from "@alpinize/package-map";
import type { MigrationContext } from "../migrate/context.js";

/**
 * The Alpine release an image's tag names: `alpine:3.24`, `alpine:3.24.1`,
 * `python:3.13-alpine3.24`, `nginx:1.27-alpine3.22-slim`. Undefined for unversioned `-alpine`
 * tags, `edge` and variables, whose release the tag does not tell.
 */
export function taggedAlpineRelease(image: string): string | undefined {
  const ref = (image.toLowerCase().split("@")[0] ?? "").trim();
  if (ref.includes("$")) return undefined;
  const colon = ref.lastIndexOf(":");
  if (colon < ref.lastIndexOf("/") || colon < 0) return undefined;
  const tag = ref.slice(colon + 1);
  const plain = /(?:^|\/)alpine$/.test(ref.slice(0, colon))
    ? /^(\d+\.\d+)(?:\.\d+)?$/.exec(tag)
    : null;
  const suffixed = /(?:^|-)alpine-?(\d+\.\d+)(?:\.\d+)?(?:-|$)/.exec(tag);
  return plain?.[1] ?? suffixed?.[1];
}

/** -1, 0 or 1 as release `a` ("3.21") is older than, the same as, or newer than `b`. */
function compareReleases(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return Math.sign(am - bm || an - bn);
}

/**
 * A stage already on a newer Alpine than the one asked for is left there (moving it back could
 * drop packages and fixes it relies on), but silence would read as "this file is on 3.21".
 */
export function warnNewerAlpine(ctx: MigrationContext, image: string, offset: number): void {
  const release = taggedAlpineRelease(image);
  if (release === undefined || !/^\d+\.\d+$/.test(ctx.release)) return;
  if (compareReleases(release, ctx.release) <= 0) return;
  ctx.warn(
    "from",
    offset,
    `${image} is on Alpine ${release}, newer than the ${ctx.release} asked for${beyondKnown(release)}; left as is (alpinize does not move a stage to an older release): change the tag yourself if ${ctx.release} is what you need`,
  );
}

/**
 * `alpine:3.99`: past the newest release alpinize has data for. It may be a typo or a release
 * out after this alpinize was built, which alpinize cannot tell apart, so it is not called
 * invalid; but "newer" alone would read as a release alpinize knows.
 */
function beyondKnown(release: string): string {
  const newest = KNOWN_RELEASES[KNOWN_RELEASES.length - 1] ?? release;
  if (compareReleases(release, newest) <= 0) return "";
  return ` and than every release alpinize knows (${KNOWN_RELEASES.join(", ")}): check that the tag exists (a typo, or a release newer than this alpinize)`;
}
