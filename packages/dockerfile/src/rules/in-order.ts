/**
 * Whether `parts` match in this order inside one piece of `text` between `separators` (one
 * character each), as `A[^S]*B[^S]*C` would, where S is the separators' set.
 *
 * Such an expression tries every A, and from each every B before the next separator, then every
 * C: cubic on a long line of repeated words. Here each part's first match after the one before
 * is taken, reading each piece once per part. That is the expression's answer when no part can
 * match a separator and a part's first match leaves the next part every place another match of
 * it would: true of parts of fixed length, and of `\b(?:apt-get|apt)\b` before a word that
 * cannot start inside `-get`. A part is searched for in the whole piece from where the one
 * before ended, so `\b` and lookbehinds see the characters before it; at a piece's ends they see
 * none, which is what they would see of a separator that is not a word character.
 */
export function inOrder(text: string, separators: RegExp, parts: readonly RegExp[]): boolean {
  const searches = parts.map((p) => new RegExp(p.source, `${p.flags.replace(/[gy]/g, "")}g`));
  for (const piece of text.split(separators)) {
    let at = 0;
    const found = searches.every((re) => {
      re.lastIndex = at;
      const m = re.exec(piece);
      if (m) at = m.index + m[0].length;
      return m !== null;
    });
    if (found) return true;
  }
  return false;
}

/**
 * Whether `first` matches and `then` starts after it with no `stops` character between, as
 * `A[^S]*B` tests (S the one-character class `stops`). `then` may start at the stop itself when it
 * matches there (`\s-s` at a line break), as in the expression.
 *
 * The expression scans to the next stop from every A of a long line. Here the next B and the next
 * stop are found once for all of them, as both only move right. That is its answer when a first
 * match of A ends no later than any other match at its start could let B begin (true of words,
 * and of `\b(?:apt-get|apt)\b` before a B that cannot start inside `-get`).
 */
export function followsWithin(text: string, first: RegExp, then: RegExp, stops: RegExp): boolean {
  return matchFollowing(text, first, then, stops) !== undefined;
}

/**
 * The match of `then` that `A[^S]*?(B)` would capture (see followsWithin): after the leftmost A
 * that has one, the first B.
 */
export function matchFollowing(
  text: string,
  first: RegExp,
  then: RegExp,
  stops: RegExp,
): RegExpExecArray | undefined {
  const global = (re: RegExp) => new RegExp(re.source, `${re.flags.replace(/[gy]/g, "")}g`);
  const firsts = global(first);
  const thens = global(then);
  const stop = global(stops);
  let next: RegExpExecArray | null = null;
  let stopAt = -1;
  for (const m of text.matchAll(firsts)) {
    const end = m.index + m[0].length;
    if (next === null || next.index < end) {
      thens.lastIndex = end;
      next = thens.exec(text);
      if (!next) return undefined;
    }
    if (stopAt < end) {
      stop.lastIndex = end;
      stopAt = stop.exec(text)?.index ?? text.length;
    }
    if (next.index <= stopAt) return next;
  }
  return undefined;
}

/**
 * Whether a match of `command` (which ends at a word, `\bln\s+`) is followed by option words and
 * then a word for which `operand(text, start, end)` holds, as `COMMAND(?:-\S+\s+)*W` reads: each
 * option a `-` and at least one more character, then blanks.
 *
 * The expression tries every number of options from every match, and a `-ln` inside the options
 * starts another match: quadratic. Here a word's answer is kept, so each word is read once.
 */
export function commandOperand(
  text: string,
  command: RegExp,
  operand: (text: string, start: number, end: number) => boolean,
): boolean {
  const known = new Map<number, boolean>();
  const fromWord = (start: number): boolean => {
    const path: number[] = [];
    let answer = false;
    for (let at = start; ; ) {
      const seen = known.get(at);
      if (seen !== undefined) {
        answer = seen;
        break;
      }
      path.push(at);
      const end = skipWhile(text, at, NOT_SPACE);
      if (end > at && operand(text, at, end)) {
        answer = true;
        break;
      }
      const next = skipWhile(text, end, SPACE);
      if (text[at] !== "-" || end - at < 2 || next === end) break;
      at = next;
    }
    for (const at of path) known.set(at, answer);
    return answer;
  };
  const commands = new RegExp(command.source, `${command.flags.replace(/[gy]/g, "")}g`);
  for (const m of text.matchAll(commands)) if (fromWord(m.index + m[0].length)) return true;
  return false;
}

const SPACE = /\s/;
const NOT_SPACE = /\S/;

function skipWhile(text: string, from: number, set: RegExp): number {
  let i = from;
  while (i < text.length && set.test(text[i] as string)) i++;
  return i;
}
