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
 * `bob@host`). A password may hold `@`, `/` and `:`, and a reference holds at most one `@` (its
 * digest's), so the userinfo runs to the last `@` not followed by something digest-like: more
 * is masked in a text that is no reference anyway, never less.
 */
export function findUserinfo(reference: string): UserinfoSpan | undefined {
  const scheme = SCHEME.exec(reference);
  const start = scheme ? scheme[0].length : 0;
  const body = reference.slice(start);
  const at = lastNonDigestAt(body);
  if (at <= 0) return undefined;
  const before = body.slice(0, at);
  const after = body.slice(at + 1);
  const several = body.indexOf("@") !== at || after.includes("@");
  const span = (certain: boolean): UserinfoSpan => ({ start, at: start + at, certain });
  if (scheme || hostFollows(after)) return span(true);
  // `user:pw@x/y:pw2@debian:12`: no reference has two `@`, so a `:` before the last one is a password's.
  if (several && before.includes(":")) return span(true);
  if (several || before.includes(":")) return span(false);
  return undefined;
}

/** Index of the last `@` in `body` whose remainder is not digest-like, or -1. */
function lastNonDigestAt(body: string): number {
  for (let i = body.lastIndexOf("@"); i >= 0; i = i === 0 ? -1 : body.lastIndexOf("@", i - 1)) {
    if (!DIGEST_LIKE.test(body.slice(i + 1))) return i;
  }
  return -1;
}

/** A registry host starts `after`: a path follows it (a digest never holds `/`), or it is a host alone. */
function hostFollows(after: string): boolean {
  const slash = after.indexOf("/");
  if (slash !== -1) return !DIGEST_LIKE.test(after.slice(0, slash));
  return looksLikeHost(after);
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
