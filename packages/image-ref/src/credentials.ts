/** What a `user:password@` or `user@` part becomes wherever a reference is printed. */
export const CREDENTIALS_MASK = "***";

/** Where a reference's userinfo lies: `text.slice(start, at)`, `at` being its `@`. */
export interface UserinfoSpan {
  /** After the scheme (`http://`) if any, else 0. */
  readonly start: number;
  /** Index of the `@` that ends the userinfo. */
  readonly at: number;
  /**
   * The `@` is followed by a registry host (or the text has a scheme), so the part before it
   * can only be a user name or credentials. False for `name:tag@x`, masked because `tag` could
   * be a password but possibly a mistyped digest.
   */
  readonly certain: boolean;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
// A digest, even a malformed one (`sha256:ABC`, `sha256:123`): the `@` then starts a digest.
const DIGEST_LIKE =
  /^(?:(?:sha256|sha384|sha512|blake3)(?::|$)|[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[A-Fa-f0-9]{32,}$)/i;

/**
 * Finds the userinfo of one reference as written (`http://bob:pw@host/x`, `bob:pw@host:5000/x`,
 * `bob@host`). A digest never holds `/`, so an `@` followed later by a `/` ends a userinfo; the
 * last such `@` is taken, as a password may hold `@` or `/` itself.
 */
export function findUserinfo(reference: string): UserinfoSpan | undefined {
  const scheme = SCHEME.exec(reference);
  const start = scheme ? scheme[0].length : 0;
  const body = reference.slice(start);
  let at = -1;
  for (let i = body.lastIndexOf("@"); i >= 0; i = body.lastIndexOf("@", i - 1)) {
    const after = body.slice(i + 1);
    const slash = after.indexOf("/");
    if (slash !== -1 && !DIGEST_LIKE.test(after.slice(0, slash))) {
      at = i;
      break;
    }
    if (i === 0) break;
  }
  if (at !== -1) return at === 0 ? undefined : { start, at: start + at, certain: true };
  const last = body.lastIndexOf("@");
  if (last <= 0) return undefined;
  const before = body.slice(0, last);
  const after = body.slice(last + 1);
  if (scheme || looksLikeHost(after)) return { start, at: start + last, certain: true };
  if (before.includes(":") && !DIGEST_LIKE.test(after)) {
    return { start, at: start + last, certain: false };
  }
  return undefined;
}

/**
 * `localhost`, `host:port` or `[v6]` with nothing after. A dotted name alone is left out, so
 * that `alpine@3.19` (a tag typed after `@`) reads as a bad digest, not as credentials.
 */
function looksLikeHost(text: string): boolean {
  if (DIGEST_LIKE.test(text)) return false;
  return text === "localhost" || /:\d+$/.test(text) || text.startsWith("[");
}

/** One reference with its userinfo replaced by {@link CREDENTIALS_MASK}; the scheme is kept. */
export function maskReference(reference: string): string {
  const span = findUserinfo(reference);
  if (!span) return reference;
  return `${reference.slice(0, span.start)}${CREDENTIALS_MASK}${reference.slice(span.at)}`;
}

/**
 * Text that may hold references (a FROM line, a list): each word (between whitespace and
 * quotes) masked as {@link maskReference} does. A password holding a space or a quote is cut
 * there; a single reference should go through {@link maskReference}, which masks from its start.
 */
export function maskCredentials(text: string): string {
  return text.replace(/[^\s"'`]+/g, (word) => maskReference(word));
}

/** The reference without its scheme and userinfo: what to write instead. */
export function withoutCredentials(reference: string): string {
  const span = findUserinfo(reference);
  if (span) return reference.slice(span.at + 1);
  const scheme = SCHEME.exec(reference);
  return scheme ? reference.slice(scheme[0].length) : reference;
}
