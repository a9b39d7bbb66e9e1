import { fallbackOffsets, packageMapFor } from "@alpinize/dockerfile";
import { apkHas, DEFAULT_RELEASE, isKnownRelease, KNOWN_RELEASES } from "@alpinize/package-map";
import type { ShellCommand } from "../dockerfile/commands.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";

/**
 * The Alpine release a stage installs from, as far as its image says: `alpine:3.23`,
 * `python:3.13-alpine3.22`; an unversioned `-alpine` tag follows the newest release. Undefined
 * when the release is one alpinize has no index for (edge, older ones) or a variable names it.
 */
export function stageRelease(stage: StageInfo): string | undefined {
  const { image, tag, release } = taggedRelease(stage);
  if (release !== undefined) return isKnownRelease(release) ? release : undefined;
  if (image.includes("$")) return undefined;
  return /(?:^|-)alpine(?:-|$)/.test(tag) || /(?:^|\/)alpine(?::latest)?$/.test(image)
    ? DEFAULT_RELEASE
    : undefined;
}

/**
 * The image (lower case, no digest), its tag, and the Alpine release the tag names, known to
 * alpinize or not (`alpine:3.99`); no release for a variable or a tag that names none.
 */
export function taggedRelease(stage: StageInfo): { image: string; tag: string; release?: string } {
  const image = (stage.image.toLowerCase().split("@")[0] ?? "").trim();
  const colon = image.lastIndexOf(":");
  const tag = colon > image.lastIndexOf("/") ? image.slice(colon + 1) : "";
  if (image.includes("$")) return { image, tag };
  const plain = /(?:^|\/)alpine:(\d+\.\d+)(?:\.\d+)?$/.exec(image);
  const versioned = /(?:^|-)alpine-?(\d+\.\d+)(?:\.\d+)?(?:-|$)/.exec(tag);
  const release = plain?.[1] ?? versioned?.[1];
  return release === undefined ? { image, tag } : { image, tag, release };
}

/** Options of `apk add` that take a value as the next word. */
const WITH_VALUE = new Set(["-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch"]);

/**
 * Names an `apk add` asks for that the stage's Alpine release does not have (main and
 * community): the build stops there. Skipped when the call adds a repository (`-X`, testing,
 * edge) or the release is unknown. Versions (`curl=8.5.0-r0`, `curl>8`) are stripped.
 */
export function unknownApkNames(cmd: ShellCommand, release: string | undefined): string[] {
  if (release === undefined) return [];
  const verb = cmd.args.findIndex((a) => !a.startsWith("-"));
  if (cmd.args[verb] !== "add") return [];
  if (cmd.args.some((a) => /^(?:-X|--repository|--repositories-file)/.test(a))) return [];
  const map = packageMapFor(release);
  const out: string[] = [];
  for (let k = verb + 1; k < cmd.args.length; k++) {
    const word = cmd.args[k]!;
    if (WITH_VALUE.has(word)) {
      k++;
      continue;
    }
    if (word.startsWith("-") || /[$`*?[\]/]/.test(word) || word.endsWith(".apk")) continue;
    // so:, cmd:, pc: provides are generated at build time and not in the index.
    if (/^(?:so|cmd|pc|py3\.\d+|dbus|pkgconfig):/.test(word)) continue;
    // `name@edge`: a tagged repository from /etc/apk/repositories, which the index does not cover.
    if (word.includes("@")) continue;
    const name = word.split(/[<>=~]/)[0] ?? "";
    if (name === "" || name.startsWith(".")) continue;
    if (!apkHas(map, name)) out.push(name);
  }
  return out;
}

/**
 * Whether the build surely stops at these names: the FROM names the release (`alpine:3.24`,
 * `-alpine3.22`), or one of them is in no release alpinize knows. An unversioned `-alpine` tag is
 * read as the newest release, which an image held on an older Alpine (an end-of-life
 * `python:3.8-alpine`) is not: a name only that older release had would be no error there.
 */
export function surelyMissing(stage: StageInfo, names: readonly string[]): boolean {
  if (taggedRelease(stage).release !== undefined) return true;
  return names.some((name) => KNOWN_RELEASES.every((r) => !apkHas(packageMapFor(r), name)));
}

/** Per script text: where its commands that fall back to an `apk add` start (fallbackOffsets). */
const fallbacks = new Map<string, Set<number>>();

function fallbackAt(text: string, at: number): boolean {
  let offsets = fallbacks.get(text);
  if (!offsets) {
    // Scripts repeat (one RUN read by several rules): keep a bounded few.
    if (fallbacks.size > 256) fallbacks.clear();
    offsets = fallbackOffsets(text);
    fallbacks.set(text, offsets);
  }
  return offsets.has(at);
}

/**
 * Whether the build goes on past `cmd`'s failure to an `apk add` (`apk add libssl1.1 || apk add
 * libssl3`, `apk add a && x || apk add b`), read in the RUN's own script and here-documents, the
 * `$( )`s they hold, and each `sh -c` string the command sits in (one that falls back takes its
 * commands with it: `sh -c 'apk add a' || apk add b`).
 */
export function fallsBack(run: RunStep, cmd: ShellCommand): boolean {
  if (cmd.within?.some((w) => fallbackAt(w.text, w.at))) return true;
  for (const script of run.scripts) {
    if (cmd.offset < script.start || cmd.offset >= script.start + script.text.length) continue;
    return fallbackAt(script.text, cmd.offset - script.start);
  }
  return false;
}
