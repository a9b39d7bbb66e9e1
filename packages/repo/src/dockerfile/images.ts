import {
  devcontainerDistro,
  familiarRepository,
  officialImage,
  releaseByCodename,
} from "@alpinize/dockerfile";
import { familiarName, tryParseImageReference } from "@alpinize/image-ref";
import { globMatches } from "./glob.js";
import { withPlaceholders } from "./variables.js";

/** The distribution family an image is built on, as far as its name tells. */
export type ImageFamily = "alpine" | "debian" | "ubuntu" | "scratch" | "other" | "unknown";

/** Debian's slim variants (`node:20-slim`), whichever release they are built on. */
const SLIM = /(?:^|[-.])slim(?:$|[-.])/;
/** A distroless image with a C library: all but `static`, built from Debian's packages. */
const DISTROLESS_GLIBC = /^gcr\.io\/distroless\/(?!static(?:-|$))[\w.-]+$/;
/** Stands for a variable part of an image while the rest is read (letters only: a valid tag and name). */
const PLACEHOLDER = "xalpinizevarx";

/**
 * Classifies an image reference (`golang:1.25-trixie`, `node:24-alpine`, `alpine@sha256:…`).
 * A reference that still holds variables is judged by the parts that are written:
 * `alpine:${V}`, `${REG}/alpine:3.23`, `python:${PY}-alpine` are Alpine, `debian:${V}-slim` is
 * Debian; when the variable part decides (`${BASE}`, `python:${PY}`), it is "unknown".
 */
export function imageFamily(reference: string): ImageFamily {
  const text = reference.trim();
  if (text === "") return "unknown";
  if (text.includes("$")) return variableFamily(text);
  if (text.toLowerCase() === "scratch") return "scratch";
  const ref = tryParseImageReference(text, { defaultTag: false });
  if (!ref) return "unknown";
  const name = familiarName(ref);
  const family = familyOf(name, (ref.tag ?? "").toLowerCase());
  if (family !== "other") return family;
  return officialDefault(ref, name) ?? "other";
}

function variableFamily(text: string): ImageFamily {
  const filled = withPlaceholders(text, PLACEHOLDER);
  if (filled.includes("$")) return "unknown";
  const ref = tryParseImageReference(filled, { defaultTag: false });
  if (!ref) return "unknown";
  const name = familiarName(ref);
  if (lastPart(name).includes(PLACEHOLDER)) return "unknown";
  const tag = (ref.tag ?? "").toLowerCase();
  const family = familyOf(name, tag);
  if (family !== "other") return family;
  // `python:${PY}` may be `3.13-alpine` as well as `3.13-slim`; only a fixed tag tells.
  return (tag.includes(PLACEHOLDER) ? undefined : officialDefault(ref, name)) ?? "unknown";
}

function familyOf(name: string, tag: string): ImageFamily {
  const last = lastPart(name);
  if (last === "alpine" || /(?:^|[-.])alpine/.test(tag)) return "alpine";
  if (last === "ubuntu" || namesUbuntuRelease(tag, name)) return "ubuntu";
  if (last === "debian" || namesDebianSuite(tag, name) || SLIM.test(tag)) return "debian";
  // `mysql:8.0-debian`, `hexpm/elixir:…-debian-bookworm-…`: the tag names the distribution.
  if (/(?:^|[-.])debian(?:\d*)(?:$|[-.])/.test(tag)) return "debian";
  if (/(?:^|[-.])ubuntu(?:\d*)(?:$|[-.])/.test(tag)) return "ubuntu";
  // gcr.io/distroless/nodejs20-debian12 (and the unsuffixed names, aliases of one): Debian's
  // glibc and packages, with no Alpine variant. static has no C library and moves nowhere.
  if (DISTROLESS_GLIBC.test(name)) return "debian";
  // Microsoft's dev container images: migrate names the Alpine image to use instead.
  return devcontainerDistro(name.toLowerCase(), tag) ?? "other";
}

/** A codename of an Ubuntu release among the tag's words (`21-jdk-noble`, `lunar.1`): migrate's table. */
function namesUbuntuRelease(tag: string, name: string): boolean {
  return releaseByCodename(tag.replace(/\./g, "-"), name)?.distro === "Ubuntu";
}

/** A codename of a Debian suite among the tag's words (`20-bookworm`, `jessie.1`, `sid`): the same table. */
function namesDebianSuite(tag: string, name: string): boolean {
  return releaseByCodename(tag.replace(/\./g, "-"), name)?.distro === "Debian";
}

/**
 * What an official image's untagged or plain-version tags are built on, when that is known: on
 * Docker Hub or a mirror migrate reads as the official image (mirror.gcr.io/library/node).
 */
function officialDefault(
  ref: { registry: string; repository: string },
  name: string,
): ImageFamily | undefined {
  const official =
    ref.registry === "docker.io"
      ? ref.repository.startsWith("library/")
      : familiarRepository(name) === lastPart(name);
  if (!official) return undefined;
  const base = officialImage(lastPart(name))?.base;
  return base === "alpine" || base === "debian" || base === "ubuntu" ? base : undefined;
}

function lastPart(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}

/** The repository part as a user writes it, tag and digest dropped (`golang`, `ghcr.io/o/r`). */
export function imageName(reference: string): string | undefined {
  const ref = tryParseImageReference(reference.trim(), { defaultTag: false });
  return ref ? familiarName(ref) : undefined;
}

export function hasDigest(reference: string): boolean {
  return (
    /@sha256:[a-f0-9]{64}$/i.test(reference.trim()) ||
    /@[a-z0-9]+:[a-f0-9]{32,}$/i.test(reference.trim())
  );
}

/**
 * Whether `images.ignore` names this reference: a pattern without a tag matches every tag of the
 * repository, `*` matches any run of characters, and Docker Hub spellings are treated as one.
 */
export function isIgnoredImage(reference: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  // `debian:${V}` is still `debian` to a pattern without a tag.
  const text = withPlaceholders(reference.trim(), PLACEHOLDER);
  const ref = tryParseImageReference(text, { defaultTag: false });
  const name = ref ? familiarName(ref) : reference.trim();
  const tagged = ref?.tag !== undefined ? `${name}:${ref.tag}` : name;
  return patterns.some((pattern) => {
    const wanted = normalizePattern(pattern);
    return [name, tagged, reference.trim()].some((text) => globMatches(wanted, text));
  });
}

function normalizePattern(pattern: string): string {
  const trimmed = pattern.trim();
  if (trimmed.includes("*")) return trimmed;
  const ref = tryParseImageReference(trimmed, { defaultTag: false });
  if (!ref) return trimmed;
  return ref.tag !== undefined ? `${familiarName(ref)}:${ref.tag}` : familiarName(ref);
}
