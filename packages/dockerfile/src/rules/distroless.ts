import type { ImageDecision } from "./image-decision.js";

/** The Python each Debian release's distroless python3 image carries (its python3 package). */
const DEBIAN_PYTHON: Readonly<Record<string, string>> = { "11": "3.9", "12": "3.11", "13": "3.13" };

/**
 * The Alpine image that does the job of a Debian distroless one: the language image's -alpine
 * tag for a runtime (`nodejs20` → `node:20-alpine`), plain Alpine for `base`, `cc` and the rest.
 */
function alpineInstead(flavor: string, debian: string | undefined, release: string): string {
  const node = /^nodejs(\d+)$/.exec(flavor);
  if (node) return `node:${node[1]}-alpine`;
  const java = /^java(\d+)$/.exec(flavor);
  if (java) return `eclipse-temurin:${java[1]}-jre-alpine`;
  if (flavor === "python3") {
    const python = debian === undefined ? undefined : DEBIAN_PYTHON[debian];
    return `python:${python ?? "3"}-alpine`;
  }
  return `alpine:${release}`;
}

/**
 * `gcr.io/distroless/<flavor>-debian<N>`: Debian's glibc and packages without a shell or package
 * manager, and no Alpine variant, so the stage stays. `static` has no C library: only what comes
 * in from a stage now on Alpine is worth a word there. The others always say what to use for an
 * Alpine image (`alpinize check` reports them as a Debian base, with this advice); what comes in
 * linked against musl gets the stronger warning, unless it is static Go or data.
 */
export function distrolessDecision(repo: string, release: string): ImageDecision {
  const name = repo.slice(repo.lastIndexOf("/") + 1);
  const [, flavor = name, debian] = /^(.*?)(?:-debian(\d+))?$/.exec(name) ?? [];
  const base = { family: "other" as const, repository: repo, needsPin: false, distroless: true };
  if (flavor.startsWith("static")) {
    return {
      ...base,
      quietWhen: /CGO_ENABLED=0|-static\b|-extldflags/,
      warning: `${repo} has no C library: a binary copied in from a stage now on Alpine runs only if it is static (CGO_ENABLED=0, or -static); musl-linked dynamic binaries fail there`,
    };
  }
  const instead = alpineInstead(flavor, debian, release);
  const on = `a Debian${debian === undefined ? "" : ` ${debian}`} (glibc) image with no Alpine variant`;
  return {
    ...base,
    warning: `${repo} is ${on}: binaries built in a stage that moves to Alpine are linked against musl and will not run here; make this stage ${instead}, or build static binaries and use gcr.io/distroless/static`,
    noVariant: `${repo} is ${on}, so alpinize leaves it; for an Alpine image base this stage on ${instead} (and adduser -D -u 65532 nonroot if it runs as distroless's nonroot user, which Alpine images do not have)`,
  };
}
