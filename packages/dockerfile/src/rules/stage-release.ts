import { createPackageMap, isKnownRelease, type PackageMap } from "@alpinize/package-map";
import { expandReference } from "../global-args.js";
import { type ArgDefault, rootStage, type Stage } from "../stages.js";
import { taggedAlpineRelease } from "./newer-alpine.js";

/**
 * The Alpine release a stage's names are judged against: the one its image's tag names
 * (`alpine:3.21`, `python:3.12-alpine3.21`, `devcontainers/base:alpine-3.21`, through `FROM
 * stage` chains and global ARG defaults), else `target`, the release migrate moves stages to.
 * Undefined for a release alpinize has no package data for.
 */
export function stageRelease(
  stage: Stage,
  target: string,
  globalArgs: readonly ArgDefault[],
): string | undefined {
  const image = expandReference(rootStage(stage).image, globalArgs).text;
  const tagged = taggedAlpineRelease(image);
  if (tagged === undefined) return isKnownRelease(target) ? target : undefined;
  return isKnownRelease(tagged) ? tagged : undefined;
}

const maps = new Map<string, PackageMap>();

/**
 * The package map of one Alpine release, made once per process: a file's stages mostly share one,
 * and migrate, the Debian-layout advice and check's apk name check all read it; each loading the
 * index of the same release was the work twice.
 */
export function packageMapFor(release: string): PackageMap {
  let map = maps.get(release);
  if (!map) {
    map = createPackageMap({ release });
    maps.set(release, map);
  }
  return map;
}
