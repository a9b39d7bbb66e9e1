/**
 * Microsoft's dev container images (`mcr.microsoft.com/devcontainers/*`, formerly
 * `mcr.microsoft.com/vscode/devcontainers/*`). They are Debian-based (Ubuntu for `universal` and
 * the base image's Ubuntu tags), not another distribution. Only `base` publishes Alpine tags
 * (`alpine`, `alpine-3.20`, `alpine-3.21`, … one per Alpine release, which alpinize cannot list),
 * so a FROM is never rewritten: the warning names the tag to use and the stage stays as it is.
 */

import type { ImageDecision } from "./image-decision.js";

const DEVCONTAINER = /^mcr\.microsoft\.com\/(?:vscode\/)?devcontainers\/([\w.-]+)$/;
const UBUNTU_TAG = /(?:^|-)(?:ubuntu[\d.]*|focal|jammy|noble)(?:-|$)/;

/** The official image to name for a language image, where one with `-alpine` tags exists. */
const OFFICIAL: Readonly<Record<string, string>> = {
  "typescript-node": "node",
  "javascript-node": "node",
  python: "python",
  go: "golang",
  rust: "rust",
  ruby: "ruby",
  php: "php",
  java: "eclipse-temurin",
};

/**
 * The distribution a dev container image (`mcr.microsoft.com/devcontainers/python`, lower-case,
 * no tag) is built on for `tag`; undefined for any other image or an Alpine tag. `alpinize check`
 * reads it so that its debian-base finding agrees with what migrate says of the FROM.
 */
export function devcontainerDistro(repo: string, tag: string): "debian" | "ubuntu" | undefined {
  const image = DEVCONTAINER.exec(repo)?.[1];
  if (image === undefined || /(?:^|-)alpine/.test(tag)) return undefined;
  return image === "universal" || UBUNTU_TAG.test(tag) ? "ubuntu" : "debian";
}

/** What to do about a dev container image; undefined for any other image. */
export function devcontainerDecision(
  name: string,
  repo: string,
  tag: string,
  release: string,
): ImageDecision | undefined {
  const image = DEVCONTAINER.exec(repo)?.[1];
  if (image === undefined) return undefined;
  const distro = devcontainerDistro(repo, tag) === "ubuntu" ? "Ubuntu" : "Debian";
  const what = `${repo}:${tag} is ${distro === "Ubuntu" ? "an" : "a"} ${distro}-based dev container image`;
  const warning =
    image === "base"
      ? `${what}, with Alpine tags of its own: change the FROM to ${name}:alpine-${release} (check the registry has that tag: docker manifest inspect ${name}:alpine-${release}) or ${name}:alpine, then run alpinize migrate again to convert its RUN lines; image and RUN lines left as is`
      : `${what}; Microsoft publishes no Alpine tags of it: build on ${name.replace(/[^/]+$/, "base")}:alpine-${release} and add the toolchain with a dev container feature${OFFICIAL[image] ? `, or on the official ${OFFICIAL[image]}:<version>-alpine image` : ""}, then run alpinize migrate again; image and RUN lines left as is`;
  return { family: "other", repository: repo, needsPin: false, warning };
}
