import { ALPINE_BASE_PROGRAMS } from "@alpinize/busybox";

/** Whether a program is on the PATH of a base image before any `apk add`. */
export type BaseHas = (program: string) => boolean;

/**
 * `alpine` itself (no tag, `latest`, `edge` or a 3.21 to 3.24 tag, optionally pinned by digest),
 * the releases whose busybox 1.37 ALPINE_BASE_PROGRAMS lists: any other image may ship more.
 */
const PLAIN_ALPINE =
  /^(?:docker\.io\/)?(?:library\/)?alpine(?::(?:latest|edge|3\.2[1-4](?:\.\d+)?))?(?:@sha256:[0-9a-f]{64})?$/i;

/**
 * What the base image (the FROM word at the bottom of a stage's chain, as written) has on its
 * PATH, where alpinize knows it: plain `alpine` of a listed release. Undefined for any other
 * image (a `${VAR}`, another tag, a language image), whose programs are not known.
 */
export function baseProgramsOf(image: string): BaseHas | undefined {
  return PLAIN_ALPINE.test(image.trim()) ? (p) => ALPINE_BASE_PROGRAMS.has(p) : undefined;
}
