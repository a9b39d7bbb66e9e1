/**
 * Rule 1 (image part): which Alpine image replaces a Debian-family image. Pure string work on the
 * reference as written, so registry spelling, `${VAR}` tags and case survive.
 */

import { dockerLoginCommand, findCredentials, maskReference } from "@alpinize/image-ref";
import { officialImage } from "../official-images.js";
import { devcontainerDecision } from "./devcontainers.js";
import { distrolessDecision } from "./distroless.js";
import type { ImageDecision } from "./image-decision.js";
import { VENDOR_TAGS, vendorAlpineTag } from "./vendor-images.js";

export type { ImageDecision, ImageFamily } from "./image-decision.js";

const DISTRO_BASES = new Set(["debian", "ubuntu", "buildpack-deps"]);
/** Not official images, but publishing `-alpine` tags as the official ones do. */
const DOTNET_IMAGES = new Set([
  "mcr.microsoft.com/dotnet/sdk",
  "mcr.microsoft.com/dotnet/aspnet",
  "mcr.microsoft.com/dotnet/runtime",
  "mcr.microsoft.com/dotnet/runtime-deps",
]);
/** Images outside the official library that carry no distribution (helpers copied from). */
const NO_DISTRO = new Set(["tonistiigi/xx", "docker/dockerfile", "scratch"]);

/** The image is Alpine already, or carries no distribution to move. */
function alreadyFine(repo: string): boolean {
  const base = officialImage(repo)?.base;
  return base === "alpine" || base === "none" || NO_DISTRO.has(repo);
}

function publishesAlpineTags(repo: string): boolean {
  return DOTNET_IMAGES.has(repo) || (officialImage(repo)?.alpineTags ?? "none") !== "none";
}
const OTHER_DISTROS =
  /^(?:fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux|archlinux|opensuse\/.*|redhat\/.*|registry\.access\.redhat\.com\/.*|quay\.io\/centos\/.*|gcr\.io\/distroless\/.*|mcr\.microsoft\.com\/.*|cgr\.dev\/.*)$/;
export const CODENAMES = new Set([
  "jessie",
  "stretch",
  "buster",
  "bullseye",
  "bookworm",
  "trixie",
  "forky",
  "sid",
  "xenial",
  "bionic",
  "focal",
  "jammy",
  "kinetic",
  "lunar",
  "mantic",
  "noble",
  "oracular",
  "plucky",
  "questing",
  "resolute",
]);
const DROP_TOKENS = new Set(["slim"]);
/** nginx spells its module variants after the distro: `mainline-alpine-otel`. */
const AFTER_ALPINE = new Set(["otel", "perl"]);

export interface SplitReference {
  /** Everything before the tag: `docker.io/library/golang`. */
  name: string;
  tag: string | undefined;
  digest: string | undefined;
}

export function splitReference(written: string): SplitReference {
  const at = written.indexOf("@");
  const digest = at === -1 ? undefined : written.slice(at + 1);
  const rest = at === -1 ? written : written.slice(0, at);
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, tag: undefined, digest };
}

/**
 * Known mirrors of Docker Hub's official images: `mirror.gcr.io/library/node`,
 * `public.ecr.aws/docker/library/python`. Any other registry's `…/library/NAME` is not read as
 * the official image: Harbor's default project is named `library`, so `myreg.example/library/python`
 * may be an image of its own (mirrorSuggestion names the Alpine image to use if it is a mirror).
 */
const KNOWN_MIRROR = /^(?:mirror\.gcr\.io\/library|public\.ecr\.aws\/docker\/library)\/([^/]+)$/;

/**
 * `docker.io/library/golang` → `golang`; `index.docker.io/tonistiigi/xx` → `tonistiigi/xx`; a
 * known mirror's `…/library/golang` → `golang`, so every rule reads it as the official image (the
 * rewritten reference keeps the registry: only the tag or the last part changes).
 */
export function familiarRepository(name: string): string {
  let n = name.toLowerCase();
  n = n.replace(
    /^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io|registry\.hub\.docker\.com)\//,
    "",
  );
  if (n.startsWith("library/")) return n.slice("library/".length);
  return KNOWN_MIRROR.exec(n)?.[1] ?? n;
}

/** Any registry's `…/library/alpine` (a Harbor project, a pull-through cache): nothing to move. */
function anyLibraryAlpine(repo: string): boolean {
  const name = /^[^/]*[.:][^/]*\/(?:[^/]+\/)*library\/([^/]+)$/.exec(repo)?.[1];
  return name !== undefined && alreadyFine(name);
}

/** Tags that are Alpine-based though their name does not say so. */
const ALPINE_TAGS: Readonly<Record<string, RegExp>> = {
  // wordpress:cli, cli-2.11, cli-php8.3: WP-CLI images are built on php:*-cli-alpine.
  wordpress: /^cli(?:-|$)/,
};

/** Images whose non-Alpine tags are not Debian or Ubuntu: alpinize leaves them (and their RUNs). */
const NOT_DEBIAN: Readonly<Record<string, string>> = {
  amazoncorretto:
    "is built on Amazon Linux, not Debian or Ubuntu: image and RUN lines left as is; Corretto publishes Alpine tags (amazoncorretto:<version>-alpine) if you move it by hand",
};

/** Images with no usable Alpine tag, and what to use instead. */
const DEPRECATED: Readonly<Record<string, string>> = {
  openjdk:
    "openjdk is deprecated and published Alpine tags only for early-access builds; image left as is: use eclipse-temurin:<version>-jre-alpine (or -jdk-alpine)",
};

/**
 * Official images whose full (non-slim) Debian tags are built on buildpack-deps: compilers, make
 * and many -dev libraries that their -alpine tags leave out.
 */
const FULL_ON_BUILDPACK = new Set(["python", "node", "ruby", "rust", "erlang", "elixir", "pypy"]);

/** The native builds a language image's users run, for the note on its full tag. */
const NATIVE_BUILDS: Readonly<Record<string, string>> = {
  python: "pip",
  pypy: "pip",
  node: "npm with node-gyp",
  ruby: "gem, bundle",
  rust: "cargo build scripts, -sys crates",
  erlang: "rebar3 NIFs",
  elixir: "mix NIFs",
};

/**
 * What a FULL_ON_BUILDPACK image's -alpine tag has of a C toolchain, from its Dockerfile: rust's
 * installs gcc, rustc's linker, and musl-dev since docker-rust#259 (December 2025; older tags
 * were not rebuilt); the others remove their build dependencies once the runtime is built.
 */
export function alpineToolchain(repo: string): string {
  return repo === "rust"
    ? "has gcc (rustc's linker) and, in tags built since December 2025, musl-dev, but no make, g++ or -dev libraries"
    : "has no compiler, make, libc headers or -dev libraries";
}

/**
 * golang's Debian tags (gcc, make, pkg-config on buildpack-deps:*-scm) get no note: what a
 * golang stage calls or needs for cgo is added by the stage rules (go-cgo.ts, buildpack.ts).
 */
function toolchainNote(repo: string, tag: string): string | undefined {
  if (!FULL_ON_BUILDPACK.has(repo) || /(?:^|-)slim(?:-|$)/.test(tag)) return undefined;
  return `${repo}:${tag} is built on buildpack-deps (compilers, make, -dev libraries); the -alpine tag ${alpineToolchain(repo)}: add build-base and the -dev packages native builds (${NATIVE_BUILDS[repo]}) need`;
}

/** Decides what an image reference becomes on Alpine `release`. */
export function decideImage(written: string, release: string): ImageDecision {
  const userinfo = findCredentials(written);
  if (userinfo) return withCredentials(written, userinfo.at, release);
  const ref = splitReference(written);
  const repo = familiarRepository(ref.name);
  const tag = ref.tag ?? "latest";
  if (
    alreadyFine(repo) ||
    anyLibraryAlpine(repo) ||
    /(^|-)alpine/.test(tag) ||
    ALPINE_TAGS[repo]?.test(tag)
  )
    return { family: "alpine", repository: repo, needsPin: false };
  const notDebian = NOT_DEBIAN[repo];
  if (notDebian) {
    return {
      family: "other",
      repository: repo,
      needsPin: false,
      warning: `${repo}:${tag} ${notDebian}`,
    };
  }
  if (DISTRO_BASES.has(repo)) {
    // The last path part becomes alpine (none after a final slash): read from the end, where
    // `[^/]+$` tried every start of a long part.
    const slash = ref.name.lastIndexOf("/");
    const name = slash === ref.name.length - 1 ? ref.name : `${ref.name.slice(0, slash + 1)}alpine`;
    const decision: ImageDecision = {
      family: "converted",
      after: `${name}:${release}`,
      repository: "alpine",
      needsPin: ref.digest !== undefined,
    };
    return decision;
  }
  const vendor = vendorDecision(ref, repo, tag);
  if (vendor) return vendor;
  const deprecated = DEPRECATED[repo];
  if (deprecated)
    return { family: "other", repository: repo, needsPin: false, warning: deprecated };
  if (publishesAlpineTags(repo)) {
    const newTag = alpineTag(repo, tag);
    if (newTag === undefined) {
      return {
        family: "other",
        repository: repo,
        needsPin: false,
        warning: `${repo}:${tag} has no Alpine variant (the tag names another base or build: Windows, Apache, Red Hat UBI, Amazon Linux, or a JDK without Alpine images); image left as is`,
      };
    }
    const decision: ImageDecision = {
      family: "converted",
      after: `${ref.name}:${newTag}`,
      repository: repo,
      needsPin: ref.digest !== undefined,
    };
    const note = toolchainNote(repo, tag);
    if (note) decision.note = note;
    if (repo === "golang") decision.onBuildpack = "scm";
    else if (note) decision.onBuildpack = "full";
    // The Alpine SDK images have ICU and tzdata (and turn invariant mode off), as the Debian ones.
    if (repo.startsWith("mcr.microsoft.com/dotnet/") && !repo.endsWith("/sdk")) {
      if (/(?:^|-)chiseled(?:-|$)/i.test(tag)) {
        // Chiseled images default to the non-root app user; Alpine's run as root. Their ICU
        // story is the same as the Alpine tag picked (invariant, or -extra with ICU).
        decision.quietWhen = /^[ \t]*USER[ \t]/im;
        decision.warning =
          "chiseled images run as the non-root user app (UID 1654) by default, the Alpine image runs as root: add USER $APP_UID to keep that";
      } else {
        // What the stage sets decides: the stage rules add ICU or warn (dotnet-icu.ts).
        decision.invariantGlobalization = true;
      }
    }
    return decision;
  }
  if (/^gcr\.io\/distroless\/[\w-]+/.test(repo)) return distrolessDecision(repo, release);
  const devcontainer = devcontainerDecision(ref.name, repo, tag, release);
  if (devcontainer) return devcontainer;
  if (OTHER_DISTROS.test(repo)) {
    return {
      family: "other",
      repository: repo,
      needsPin: false,
      warning: `${repo} is not a Debian or Ubuntu base; alpinize leaves it and its RUN lines alone`,
    };
  }
  const glibcOnly = GLIBC_ONLY_IMAGES.find(([re]) => re.test(repo));
  if (glibcOnly) {
    return {
      family: "other",
      repository: repo,
      needsPin: false,
      warning: `${repo} stays: ${glibcOnly[1]}`,
    };
  }
  const mirror = mirrorSuggestion(ref, repo, tag, release);
  return {
    family: "other",
    repository: repo,
    needsPin: false,
    // A name holding a variable is shown as written: lower-casing would rename the variable.
    warning:
      mirror ??
      `no Alpine variant is known for ${ref.name.includes("$") ? ref.name : repo}; image left as is (rebuild it on Alpine or pick an Alpine-based image)`,
  };
}

/** A vendor image with Alpine tags of its own (VENDOR_TAGS): its Alpine tag, or why there is none. */
function vendorDecision(ref: SplitReference, repo: string, tag: string): ImageDecision | undefined {
  const spec = VENDOR_TAGS.get(repo);
  if (!spec) return undefined;
  const found = vendorAlpineTag(spec, tag);
  if (found.kind === "none") return { family: "alpine", repository: repo, needsPin: false };
  if (found.kind === "no-alpine") {
    return {
      family: "other",
      repository: repo,
      needsPin: false,
      warning: `${repo}:${tag} ${found.why}: image left as is; change the FROM by hand if the stage needs a shell`,
    };
  }
  return {
    family: "converted",
    after: `${ref.name}:${found.tag}`,
    repository: repo,
    needsPin: ref.digest !== undefined,
  };
}

/**
 * `registry.example.com/python:3.12-slim`, `ghcr.io/org/node:22`, `myreg.example/library/python`:
 * on another registry than Docker Hub and its known mirrors, named like an official image, so it
 * may be a mirror of it or an image of its own. Not rewritten: the warning names the Alpine image to use if it is a mirror.
 */
function mirrorSuggestion(
  ref: SplitReference,
  repo: string,
  tag: string,
  release: string,
): string | undefined {
  if (ref.name.includes("$") || !/^[^/]*[.:][^/]*\//.test(repo)) return undefined;
  const last = repo.slice(repo.lastIndexOf("/") + 1);
  const prefix = ref.name.slice(0, ref.name.lastIndexOf("/") + 1);
  let after: string | undefined;
  if (DISTRO_BASES.has(last)) after = `${prefix}alpine:${release}`;
  else if ((officialImage(last)?.alpineTags ?? "none") !== "none") {
    const newTag = alpineTag(last, tag);
    if (newTag !== undefined) after = `${ref.name}:${newTag}`;
  }
  if (after === undefined) return undefined;
  return `${repo} is not known to be the official ${last} image (only Docker Hub and its mirrors mirror.gcr.io/library/${last} and public.ecr.aws/docker/library/${last} are read as it; a registry's own library project, as Harbor's default, may hold images of its own); if it mirrors it, change the FROM to ${after} (check the registry has that tag) and run alpinize migrate again; image left as is`;
}

/**
 * `bob:pw@registry.example:5000/debian:12`: Docker refuses a reference with credentials, and the
 * image is what follows the `@`. The FROM is left as written: any edit of it would show the
 * password (the edit's old text, a diff's removed line), and its stage stays as it is, since
 * RUN lines converted for Alpine on a base that is not would break. The warning says what the
 * base becomes once the credentials are gone; it never shows them.
 */
function withCredentials(written: string, at: number, release: string): ImageDecision {
  const image = written.slice(at + 1);
  const inner = decideImage(image, release);
  const said = credentialsSentence(written, image);
  const then =
    inner.after !== undefined
      ? `; the stage is left as is until then: run alpinize migrate again, which moves ${image} to ${inner.after}`
      : inner.warning !== undefined
        ? `; then: ${inner.warning}`
        : "";
  return { family: "other", repository: inner.repository, needsPin: false, warning: said + then };
}

/**
 * What to do about a FROM reference that carries credentials (`user:password@` before the
 * registry), with them masked; undefined for a reference without. `alpinize check` says the same.
 */
export function credentialsNote(written: string): string | undefined {
  const userinfo = findCredentials(written);
  if (!userinfo) return undefined;
  return credentialsSentence(written, written.slice(userinfo.at + 1));
}

function credentialsSentence(written: string, image: string): string {
  return `this FROM carries credentials (${maskReference(written)}), which Docker refuses; remove them and log in with ${dockerLoginCommand(image)}`;
}

/** Images that cannot move to Alpine at all, and why. */
const GLIBC_ONLY_IMAGES: readonly [RegExp, string][] = [
  [
    /^nvidia\/(?:cuda|cudagl|opencl)$|^nvcr\.io\//,
    "CUDA and the NVIDIA container runtime's driver libraries are built for glibc only; there is no Alpine build: keep GPU stages on their Ubuntu/Debian base",
  ],
  [
    /^(?:continuumio\/(?:miniconda3?|anaconda3?)|condaforge\/(?:miniforge3?|mambaforge)|mambaorg\/micromamba)$/,
    "conda packages (conda-forge, Anaconda) are built for glibc only and do not run on musl: keep conda stages on a glibc base",
  ],
];

/** Tag words naming a base that is not Debian or Ubuntu (Red Hat UBI, Amazon Linux, Windows …). */
const OTHER_BASE_TOKEN =
  /^(?:ubi\d*|al2(?:023)?|amazonlinux\d*|oraclelinux\d*|oracle|centos\d*|rockylinux\d*|fedora\d*|windowsservercore|nanoserver|ltsc\d+|apache)$/;
/** JDK builds in maven/gradle tags: only Eclipse Temurin's have `-alpine` twins. */
const JDK_VENDOR_TOKEN =
  /^(?:sapmachine|openjdk|amazoncorretto|corretto|graal|graalvm|ibm|ibmjava|ibm-semeru|semeru|microsoft|liberica|zulu)$/;
/** .NET spells its variants and architectures after the distro: `8.0-alpine-extra-amd64`. */
const DOTNET_AFTER = /^(?:extra|composite|amd64|arm64v8|arm32v7)$/;

function alpineTag(repo: string, tag: string): string | undefined {
  // Their default tags are Apache-based; only the fpm (and cli) tags have Alpine twins.
  if (officialImage(repo)?.alpineTags === "fpm-cli" && !/(?:^|-)(?:fpm|cli)(?:-|$)/.test(tag))
    return undefined;
  if (tag === "latest") return "alpine";
  const tokens = tag.split("-");
  const lowers = tokens.map((t) => t.toLowerCase());
  if (lowers.some((t) => OTHER_BASE_TOKEN.test(t))) return undefined;
  if ((repo === "maven" || repo === "gradle") && lowers.some((t) => JDK_VENDOR_TOKEN.test(t)))
    return undefined;
  const dotnet = repo.startsWith("mcr.microsoft.com/dotnet/");
  const kept: string[] = [];
  const after: string[] = [];
  tokens.forEach((t, k) => {
    const lower = lowers[k]!;
    if (CODENAMES.has(lower) || /^(?:ubuntu|debian)\d*$/.test(lower)) return;
    if (DROP_TOKENS.has(lower)) return;
    // Ubuntu's chiseled (distroless) .NET images: the Alpine images are the small ones there.
    if (dotnet && lower === "chiseled") return;
    if ((repo === "nginx" && AFTER_ALPINE.has(lower)) || (dotnet && DOTNET_AFTER.test(lower)))
      after.push(t);
    else kept.push(t);
  });
  return [...kept, "alpine", ...after].join("-");
}
