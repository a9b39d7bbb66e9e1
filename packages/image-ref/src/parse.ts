import { InputError } from "@alpinize/errors";
import {
  findUserinfo,
  maskReference,
  type UserinfoSpan,
  withoutCredentials,
} from "./credentials.js";
import { escapeControl, hasControl } from "./escape.js";
import { DOCKER_HUB, normalizeRegistry } from "./registry.js";
import { replaceVariables } from "./variables.js";

export interface ImageReference {
  /** The text as given. */
  readonly original: string;
  /** Normalized registry host (`docker.io` for every Docker Hub spelling), with port if any. */
  readonly registry: string;
  /** Repository path inside the registry; Docker Hub's one-component names get `library/`. */
  readonly repository: string;
  /** Tag as written; `latest` is filled in only when neither tag nor digest was given. */
  readonly tag: string | undefined;
  /** `algorithm:hex` when the reference carries one. */
  readonly digest: string | undefined;
  /** Whether the input named a registry, so formatting can keep the user's short form. */
  readonly explicitRegistry: boolean;
  /** Whether `latest` was filled in rather than written. */
  readonly impliedTag: boolean;
}

export interface ParseOptions {
  /** Fill in `latest` when neither tag nor digest is present (default true). */
  defaultTag?: boolean;
}

const GRAMMAR_HINT = "Write it as [registry[:port]/]repository[:tag][@sha256:<64 hex>].";

/**
 * A reference that does not follow the distribution reference grammar, printed escaped and
 * with any `user:password@` masked (masked before truncation, which could cut the `@` off).
 */
export class ImageReferenceError extends InputError {
  constructor(input: string, reason: string, hint?: string) {
    const shown = maskReference(input);
    super(
      "ALPINIZE_REF_INVALID",
      `invalid image reference "${escapeControl(truncate(shown))}": ${reason}`,
      { hint: hint ?? GRAMMAR_HINT, details: { reference: shown } },
    );
  }
}

const MAX_REFERENCE = 512;
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-fA-F0-9]{32,})$/;
const LOWER_HEX = /^[a-f0-9]+$/;
const HOST =
  /^(?:\[[0-9a-fA-F:]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::[0-9]{1,5})?$/;

/** Parses a reference such as `alpine`, `ghcr.io/o/r:1.2@sha256:…` or `[::1]:5000/x`. */
export function parseImageReference(input: string, options: ParseOptions = {}): ImageReference {
  const text = input.trim();
  if (text.length === 0) throw new ImageReferenceError(input, "it is empty");
  if (text.length > MAX_REFERENCE)
    throw new ImageReferenceError(input, `it is longer than ${MAX_REFERENCE} characters`);
  if (hasControl(text)) {
    throw new ImageReferenceError(
      input,
      "it contains control characters",
      "Remove the control characters (shown as \\xNN) from the reference.",
    );
  }
  refuseCredentials(input, text);
  if (/\s/.test(text)) throw new ImageReferenceError(input, "it contains whitespace");
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  if (scheme) {
    throw new ImageReferenceError(
      input,
      `it starts with "${scheme[0]}", which image references never have`,
      `Drop "${scheme[0]}": write ${truncate(text.slice(scheme[0].length))}.`,
    );
  }
  if (text.includes("$")) {
    throw new ImageReferenceError(
      input,
      "it contains an unexpanded variable",
      "Expand the variable first: pass the value it stands for (alpinize pin resolves ARG defaults in Dockerfiles).",
    );
  }
  const { rest, digest } = splitDigest(input, text);
  const { name, tag } = splitTag(input, rest);
  const { registry, path, explicitRegistry } = splitRegistry(input, name);
  const repository = normalizeRepository(input, registry, path);
  const impliedTag = tag === undefined && digest === undefined && options.defaultTag !== false;
  return {
    original: input,
    registry,
    repository,
    tag: impliedTag ? "latest" : tag,
    digest,
    explicitRegistry,
    impliedTag,
  };
}

/** Like {@link parseImageReference} but returns undefined instead of throwing. */
export function tryParseImageReference(
  input: string,
  options: ParseOptions = {},
): ImageReference | undefined {
  try {
    return parseImageReference(input, options);
  } catch {
    return undefined;
  }
}

/**
 * Refuses a `user:password@` or `user@` part before any other check could quote a piece of it
 * (a password holding `@` would otherwise show up as part of a "digest").
 */
function refuseCredentials(input: string, text: string): void {
  const span = findUserinfo(text);
  if (!span) return;
  if (!span.certain && findCredentials(text) === undefined) {
    throw new ImageReferenceError(
      input,
      'the part after "@" is not a digest',
      `${GRAMMAR_HINT} If the part before "@" is user:password, drop it: references carry no credentials.`,
    );
  }
  const rest = withoutCredentials(text);
  const instead = rest === "" ? "Remove the credentials" : `Write ${truncate(rest)}`;
  const login = rest === "" ? "docker login REGISTRY" : dockerLoginCommand(rest);
  throw new ImageReferenceError(
    input,
    'it carries credentials ("user:password@" or "user@" before the registry), which image references never have',
    `${instead} (a reference has no scheme and no credentials) and log in with "${login}": credentials are read from Docker's config ($DOCKER_CONFIG/config.json, else ~/.docker/config.json, credential helpers included) or $REGISTRY_AUTH_FILE.`,
  );
}

/**
 * The `user:password@` or `user@` part of a reference as written: what {@link findUserinfo} is
 * sure of, and also `user:pw@debian:12` or `user:pw@debian:bookworm` (Docker Hub implied), since
 * a reference with a tag or a path after the `@` is no mistyped digest. `debian:12@latest` (a
 * bare word after the `@`) is a bad digest, undefined here. A variable after the `@`
 * (`debian:${TAG}`, in a Dockerfile) stands for text the grammar allows.
 */
export function findCredentials(reference: string): UserinfoSpan | undefined {
  const span = findUserinfo(reference);
  if (!span || span.certain) return span;
  if (!reference.slice(span.start, span.at).includes(":")) return undefined;
  const image = replaceVariables(reference.slice(span.at + 1), /\w+/y, () => "x");
  return /[:/]/.test(image) && tryParseImageReference(image) ? span : undefined;
}

/**
 * `docker login HOST` for the registry a reference without credentials names: its first
 * component when a path follows and it is a host, the text itself when it is a host alone
 * (`127.0.0.1:5000`, `localhost`, `registry.example.com`), else Docker Hub, whose login names
 * no host (`debian:12`, which Docker reads as Docker Hub's debian with tag 12, not as a port).
 */
export function dockerLoginCommand(reference: string): string {
  const slash = reference.indexOf("/");
  const first = slash === -1 ? reference : reference.slice(0, slash);
  const host = slash === -1 ? hostAlone(reference) : /[.:]/.test(first) || first === "localhost";
  if (!host || normalizeRegistry(first) === DOCKER_HUB) return "docker login";
  return `docker login ${truncate(first)}`;
}

/** `localhost`, `[v6]` or a dotted name, each with an optional port; `debian:12` is no host. */
function hostAlone(text: string): boolean {
  if (!HOST.test(text)) return false;
  const name = text.startsWith("[") ? text : text.replace(/:\d+$/, "");
  return name === "localhost" || name.startsWith("[") || name.includes(".");
}

function splitDigest(input: string, text: string): { rest: string; digest: string | undefined } {
  const at = text.indexOf("@");
  if (at === -1) return { rest: text, digest: undefined };
  const digest = text.slice(at + 1);
  const match = DIGEST.exec(digest);
  if (!match) throw new ImageReferenceError(input, `"${truncate(digest)}" is not a digest`);
  if (match[1] === "sha256" && match[2]!.length !== 64) {
    throw new ImageReferenceError(input, "a sha256 digest has exactly 64 hex characters");
  }
  // OCI requires lowercase hex and Docker refuses anything else ("invalid checksum digest
  // format"), so an uppercase digest is no pin at all.
  if (!LOWER_HEX.test(match[2]!)) {
    throw new ImageReferenceError(
      input,
      "the digest's hex must be lowercase",
      `Use ${match[1]}:${match[2]!.toLowerCase()} (Docker refuses uppercase hex).`,
    );
  }
  return { rest: text.slice(0, at), digest: `${match[1]}:${match[2]}` };
}

function splitTag(input: string, rest: string): { name: string; tag: string | undefined } {
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon <= slash) return { name: rest, tag: undefined };
  const tag = rest.slice(colon + 1);
  if (!TAG.test(tag)) throw new ImageReferenceError(input, `"${truncate(tag)}" is not a valid tag`);
  return { name: rest.slice(0, colon), tag };
}

function splitRegistry(
  input: string,
  name: string,
): { registry: string; path: string; explicitRegistry: boolean } {
  const slash = name.indexOf("/");
  const first = slash === -1 ? name : name.slice(0, slash);
  const looksLikeHost =
    first.includes(".") || first.includes(":") || first === "localhost" || first.startsWith("[");
  if (slash === -1 || !looksLikeHost)
    return { registry: DOCKER_HUB, path: name, explicitRegistry: false };
  if (!HOST.test(first))
    throw new ImageReferenceError(input, `"${truncate(first)}" is not a valid registry host`);
  const port = /:(\d+)$/.exec(first)?.[1];
  if (port !== undefined && (Number(port) > 65535 || Number(port) === 0))
    throw new ImageReferenceError(input, `port ${port} is out of range (1-65535)`);
  return {
    registry: normalizeRegistry(first),
    path: name.slice(slash + 1),
    explicitRegistry: true,
  };
}

function normalizeRepository(input: string, registry: string, path: string): string {
  if (path.length === 0) throw new ImageReferenceError(input, "the repository name is empty");
  if (path !== path.toLowerCase()) {
    throw new ImageReferenceError(
      input,
      "repository names must be lowercase",
      `Use "${path.toLowerCase()}".`,
    );
  }
  for (const component of path.split("/")) {
    if (!COMPONENT.test(component)) {
      throw new ImageReferenceError(
        input,
        `"${truncate(component)}" is not a valid repository path component`,
      );
    }
  }
  if (registry === DOCKER_HUB && !path.includes("/")) return `library/${path}`;
  return path;
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
