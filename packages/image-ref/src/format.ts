import type { ImageReference } from "./parse.js";
import { DOCKER_HUB } from "./registry.js";

/**
 * `familiar` keeps the short Docker Hub form (`alpine:3.23`); `canonical` always names the
 * registry and repository in full (`docker.io/library/alpine:3.23`).
 */
export type FormatStyle = "familiar" | "canonical" | "as-written";

/** The repository as a user would type it: `alpine`, `bitnami/redis`, `ghcr.io/o/r`. */
export function familiarName(ref: ImageReference): string {
  if (ref.registry !== DOCKER_HUB) return `${ref.registry}/${ref.repository}`;
  return ref.repository.startsWith("library/")
    ? ref.repository.slice("library/".length)
    : ref.repository;
}

function canonicalName(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}`;
}

function writtenName(ref: ImageReference): string {
  const at = ref.original.indexOf("@");
  const base = at === -1 ? ref.original.trim() : ref.original.trim().slice(0, at);
  const slash = base.lastIndexOf("/");
  const colon = base.lastIndexOf(":");
  return colon > slash ? base.slice(0, colon) : base;
}

export function formatImageReference(ref: ImageReference, style: FormatStyle = "familiar"): string {
  const name =
    style === "canonical"
      ? canonicalName(ref)
      : style === "as-written"
        ? writtenName(ref)
        : familiarName(ref);
  const tag =
    ref.tag !== undefined && !(ref.impliedTag && style !== "canonical") ? `:${ref.tag}` : "";
  const digest = ref.digest ? `@${ref.digest}` : "";
  return `${name}${tag}${digest}`;
}

export function withTag(ref: ImageReference, tag: string): ImageReference {
  return { ...ref, tag, impliedTag: false };
}

export function withDigest(ref: ImageReference, digest: string): ImageReference {
  return { ...ref, digest };
}

export function withoutDigest(ref: ImageReference): ImageReference {
  return { ...ref, digest: undefined };
}
