/**
 * Finders for debian-layout's patterns that regular expressions once found with a scan per start:
 * on one long word holding the start many times, each scan ran to the word's end. Each yields
 * what `text.matchAll` of the expression in its comment yields (match, groups, index), in linear
 * time.
 */

/** One match as matchAll gives it: `[whole, ...groups]` with its index. */
function match(text: string, index: number, parts: string[]): RegExpExecArray {
  return Object.assign(parts, { index, input: text, groups: undefined }) as RegExpExecArray;
}

const NODE_PREFIX = /nodejs\.org\/(?:dist|download\/release)\//g;
const WORD_END = /[\s"']/;
const SEGMENT_END = /[\s"'/]/;

/**
 * `nodejs\.org\/(?:dist|download\/release)\/[^\s"']*?\/(node-v[^\s"'/]*-linux-[^\s"'/]*\.tar\.(?:gz|xz))`:
 * after the prefix, the first `/` of the same word followed by a path segment naming a Node.js
 * tarball; the group runs to the segment's last `.tar.gz` or `.tar.xz`.
 */
export function* nodeTarballs(text: string): Generator<RegExpExecArray> {
  const prefix = new RegExp(NODE_PREFIX.source, "g");
  const tarball = firstTarball(text);
  let wordEnd = -1;
  for (let m = prefix.exec(text); m; m = prefix.exec(text)) {
    const after = m.index + m[0].length;
    if (wordEnd < after) wordEnd = scanTo(text, after, WORD_END);
    const found = tarball(after);
    if (found === undefined || found.slash >= wordEnd) {
      prefix.lastIndex = m.index + 1;
      continue;
    }
    const end = found.slash + 1 + found.name.length;
    yield match(text, m.index, [text.slice(m.index, end), found.name]);
    prefix.lastIndex = end;
  }
}

/**
 * For positions that only grow: the first `/` at or after one that starts a tarball segment.
 * A later question from before the last answer has that answer: each segment is read once.
 */
function firstTarball(text: string): (from: number) => { slash: number; name: string } | undefined {
  let asked = -1;
  // null: no tarball segment at or after `asked`.
  let answer: { slash: number; name: string } | null | undefined;
  return (from) => {
    if (answer !== undefined && from >= asked && (answer === null || answer.slash >= from))
      return answer ?? undefined;
    asked = from;
    answer = null;
    for (let slash = text.indexOf("/", from); slash !== -1; slash = text.indexOf("/", slash + 1)) {
      const name = tarballSegment(text.slice(slash + 1, scanTo(text, slash + 1, SEGMENT_END)));
      if (name !== undefined) {
        answer = { slash, name };
        break;
      }
    }
    return answer ?? undefined;
  };
}

/** `node-v…-linux-….tar.gz` at the segment's start, to its last `.tar.gz`/`.tar.xz`. */
function tarballSegment(segment: string): string | undefined {
  if (!segment.startsWith("node-v")) return undefined;
  const linux = segment.indexOf("-linux-", 6);
  const tar = Math.max(segment.lastIndexOf(".tar.gz"), segment.lastIndexOf(".tar.xz"));
  return linux !== -1 && tar >= linux + 7 ? segment.slice(0, tar + 7) : undefined;
}

const AWS_PREFIX = /\bawscli-exe-linux-/g;
const AWS_CHAR = /[^\s"'/$]/;
const WORD_CHAR = /\w/;

/**
 * `\bawscli-exe-linux-(?:\$\([^()]*\)|[^\s"'/$]|\$(?!\())*\.zip\b`: after the prefix, a run of
 * `$(…)` substitutions and characters other than blanks, quotes, `/` and `$(`, to its last
 * `.zip` that ends a word. The run from a position does not depend on where it began, so the
 * last `.zip` of each position's run is kept and every position is read once.
 */
export function* awsCliZips(text: string): Generator<RegExpExecArray> {
  const prefix = new RegExp(AWS_PREFIX.source, "g");
  let lastZip: Int32Array | undefined;
  for (let m = prefix.exec(text); m; m = prefix.exec(text)) {
    // -2: not read yet; -1: no .zip on the run from there.
    lastZip ??= new Int32Array(text.length + 1).fill(-2);
    const zip = lastZipFrom(text, m.index + m[0].length, lastZip);
    if (zip === -1) {
      prefix.lastIndex = m.index + 1;
      continue;
    }
    yield match(text, m.index, [text.slice(m.index, zip + 4)]);
    prefix.lastIndex = zip + 4;
  }
}

/** Where the run from `start` has its last `.zip\b`, or -1; runs already read are remembered. */
function lastZipFrom(text: string, start: number, known: Int32Array): number {
  const path: number[] = [];
  let at = start;
  let tail = -1;
  for (;;) {
    const seen = known[at] as number;
    if (seen !== -2) {
      tail = seen;
      break;
    }
    path.push(at);
    const next = unitEnd(text, at);
    if (next === -1) break;
    at = next;
  }
  // Backwards: a position's answer is the last .zip after it, or its own.
  for (let i = path.length - 1; i >= 0; i--) {
    const p = path[i] as number;
    if (tail === -1 && zipAt(text, p)) tail = p;
    known[p] = tail;
  }
  return tail;
}

/** Where one unit of the run starting at `at` ends, or -1 where the run stops. */
function unitEnd(text: string, at: number): number {
  if (at >= text.length) return -1;
  if (text[at] === "$") {
    if (text[at + 1] !== "(") return at + 1;
    // `[^()]*\)`: the next parenthesis closes it. A scan that ends at the next `(` reads each
    // stretch once, as every `$(` starts with one.
    let i = at + 2;
    while (i < text.length && text[i] !== "(" && text[i] !== ")") i++;
    return text[i] === ")" ? i + 1 : -1;
  }
  return AWS_CHAR.test(text[at] as string) ? at + 1 : -1;
}

function zipAt(text: string, at: number): boolean {
  return text.startsWith(".zip", at) && !WORD_CHAR.test(text[at + 4] ?? "");
}

const RUNNER_PREFIX = /\bactions-runner-linux-/g;
const RUNNER_CHAR = /[\w.${}-]/;

/**
 * `\bactions-runner-linux-[\w.${}-]+\.tar\.gz\b`: after the prefix, a run of word characters,
 * `.`, `$`, `{`, `}` and `-` to its last `.tar.gz` that ends a word. The prefix is itself such a
 * run, so a word repeating it was scanned to its end from each; here each run's last `.tar.gz`
 * is found once.
 */
export function* runnerTarballs(text: string): Generator<RegExpExecArray> {
  const prefix = new RegExp(RUNNER_PREFIX.source, "g");
  let runEnd = -1;
  let last = -1;
  for (let m = prefix.exec(text); m; m = prefix.exec(text)) {
    const after = m.index + m[0].length;
    if (after > runEnd) {
      runEnd = after;
      while (runEnd < text.length && RUNNER_CHAR.test(text[runEnd] as string)) runEnd++;
      last = lastTarGz(text, after, runEnd);
    }
    if (last < after + 1) {
      prefix.lastIndex = m.index + 1;
      continue;
    }
    yield match(text, m.index, [text.slice(m.index, last + 7)]);
    prefix.lastIndex = last + 7;
  }
}

/** The last `.tar.gz` in [from, end) followed by no word character, or -1. */
function lastTarGz(text: string, from: number, end: number): number {
  for (let at = text.lastIndexOf(".tar.gz", end - 7); at >= from; ) {
    if (!WORD_CHAR.test(text[at + 7] ?? "")) return at;
    at = at > 0 ? text.lastIndexOf(".tar.gz", at - 1) : -1;
  }
  return -1;
}

const STOP = /[\s"',\]]/;

/**
 * `\/etc\/apt(?:\/[^\s"',\]]*)?(?=["'\s,\]]*$)`: `/etc/apt`, or a path under it, that ends
 * the text but for quotes, blanks, commas and brackets; so in the text's last word, and the
 * match runs to that word's end.
 */
export function* etcAptAtEnd(text: string): Generator<RegExpExecArray> {
  let wordEnd = text.length;
  while (wordEnd > 0 && STOP.test(text[wordEnd - 1] as string)) wordEnd--;
  let wordStart = wordEnd;
  while (wordStart > 0 && !STOP.test(text[wordStart - 1] as string)) wordStart--;
  for (let at = text.indexOf("/etc/apt", wordStart); at !== -1 && at + 8 <= wordEnd; ) {
    if (at + 8 === wordEnd || text[at + 8] === "/") {
      yield match(text, at, [text.slice(at, wordEnd)]);
      return;
    }
    at = text.indexOf("/etc/apt", at + 1);
  }
}

function scanTo(text: string, from: number, stop: RegExp): number {
  let i = from;
  while (i < text.length && !stop.test(text[i] as string)) i++;
  return i;
}
