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
