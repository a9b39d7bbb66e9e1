import { expect } from "vitest";
import { type Expected, FLOATING_GROUP, FLOATING_REFS } from "./expected.js";
import { FORBIDDEN_ALPINE_TAGS } from "./registry-tags.js";
import type { FoundDep } from "./report.js";

/** The branch Renovate groups every pin and digest refresh of 3.x references in (automerged). */
export const DIGEST_BRANCH = "renovate/docker-digests";
/** The branch for alpine's moving tags (edge, latest, none), which waits for a person. */
export const FLOATING_BRANCH = FLOATING_GROUP.branch;
export const MERGED_BRANCHES = [DIGEST_BRANCH, FLOATING_BRANCH];

export const key = (d: Pick<FoundDep, "manager" | "packageFile" | "depName" | "currentValue">) =>
  `${d.manager} ${d.packageFile} ${d.depName}:${d.currentValue}`;
export const isFloating = (d: Pick<FoundDep, "depName" | "currentValue">) =>
  FLOATING_REFS.has(`${d.depName}:${d.currentValue}`);
export const isDigestUpdate = (u: { updateType: string }) =>
  u.updateType === "pinDigest" || u.updateType === "digest";
/** A tag-less reference is looked up (and pinned) as `latest`. */
export const tagOf = (newValue: string | undefined) => newValue ?? "latest";

/**
 * An update stays on 3.x: a forbidden tag (4.x, edge, a date, latest) may only appear as the
 * pin or digest refresh of a reference that already uses it.
 */
export function expectOnTheLine(
  ref: string,
  currentValue: string,
  update: { updateType?: string; newValue?: string },
): void {
  const newValue = update.newValue ?? "";
  if (newValue === currentValue && isDigestUpdate({ updateType: update.updateType ?? "" })) return;
  expect(FORBIDDEN_ALPINE_TAGS, ref).not.toContain(newValue);
  expect(newValue, ref).not.toMatch(/^4(\.|$)/);
}

/** The one dependency Renovate found for an expected reference (and digest, when given). */
export function find(deps: FoundDep[], expected: Expected, currentDigest?: string): FoundDep {
  const matches = deps.filter(
    (d) => key(d) === key(expected) && (!currentDigest || d.currentDigest === currentDigest),
  );
  expect(matches, key(expected)).toHaveLength(1);
  return matches[0]!;
}
