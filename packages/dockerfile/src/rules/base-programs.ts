import { ALPINE_BASE_PROGRAMS } from "@alpinize/busybox";

/**
 * Whether a program is on the PATH of a base image before any `apk add`: undefined where that is
 * not known (a program an official `-alpine` image may ship beyond busybox and its own runtime).
 */
export type BaseHas = (program: string) => boolean | undefined;

/**
 * `alpine` itself (no tag, `latest`, `edge` or a 3.21 to 3.24 tag, optionally pinned by digest),
 * the releases whose busybox 1.37 ALPINE_BASE_PROGRAMS lists: any other image may ship more.
 */
const PLAIN_ALPINE =
  /^(?:docker\.io\/)?(?:library\/)?alpine(?::(?:latest|edge|3\.2[1-4](?:\.\d+)?))?(?:@sha256:[0-9a-f]{64})?$/i;

/** An official image's `-alpine` tag (`python:3.13-alpine`, `node:22-alpine3.21`, `php:8.4-fpm-alpine`). */
const OFFICIAL_ALPINE =
  /^(?:docker\.io\/)?(?:library\/)?(node|python|golang|ruby|php):(?:[^\s@:]+-)?alpine(?:3\.\d+)?(?:@sha256:[0-9a-f]{64})?$/i;

/**
 * What the official images' `-alpine` tags put on the PATH beyond Alpine's base (their own
 * Dockerfiles, docker-library and nodejs/docker-node: the runtime they build, and php's curl and
 * GNU tar, installed as persistent deps). The same images BARE_OFFICIAL of `alpinize check` knows.
 */
const OFFICIAL_ADDS: Readonly<Record<string, readonly string[]>> = {
  node: ["node", "npm", "npx", "corepack", "yarn", "yarnpkg"],
  python: ["python", "python3", "pip", "pip3", "pydoc", "pydoc3", "idle", "idle3"],
  golang: ["go", "gofmt"],
  ruby: ["ruby", "gem", "irb", "erb", "rake", "bundle", "bundler", "rdoc", "ri"],
  php: ["php", "phpize", "php-config", "pecl", "pear", "curl", "openssl"],
};

/**
 * What the base image (the FROM word at the bottom of a stage's chain, as written) has on its
 * PATH, where alpinize knows it. Plain `alpine` of a listed release: ALPINE_BASE_PROGRAMS and
 * nothing else. The `-alpine` tags of node, python, golang, ruby and php, built FROM alpine with
 * its busybox: those programs and the image's own (OFFICIAL_ADDS) are there, any other is not
 * known. Undefined for any other image (a `${VAR}`, another tag, a Debian tag).
 */
export function baseProgramsOf(image: string): BaseHas | undefined {
  const text = image.trim();
  if (PLAIN_ALPINE.test(text)) return (p) => ALPINE_BASE_PROGRAMS.has(p);
  const repo = OFFICIAL_ALPINE.exec(text)?.[1]?.toLowerCase();
  if (repo === undefined) return undefined;
  const adds = new Set(OFFICIAL_ADDS[repo]);
  return (p) => (ALPINE_BASE_PROGRAMS.has(p) || adds.has(p) ? true : undefined);
}
