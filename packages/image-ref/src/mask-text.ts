import { CREDENTIALS_MASK, findUserinfo } from "./credentials.js";

/**
 * Query parameters whose value is a credential in the URLs registries, object stores and
 * package indexes hand out (GitLab's `private_token`, S3 and GCS signed URLs, Azure SAS `sig`).
 * Matched by exact name, in any case: a parameter merely containing "key" keeps its value.
 */
export const SECRET_QUERY_PARAMS: ReadonlySet<string> = new Set([
  "token",
  "access_token",
  "refresh_token",
  "id_token",
  "auth",
  "auth_token",
  "private_token",
  "jwt",
  "password",
  "passwd",
  "pwd",
  "secret",
  "client_secret",
  "api_key",
  "apikey",
  "key",
  "sig",
  "signature",
  "x-amz-signature",
  "x-amz-credential",
  "x-amz-security-token",
  "x-goog-signature",
  "x-goog-credential",
]);

export interface MaskTextOptions {
  /** Also a URL's userinfo without a password (`https://token@host/…`). Default: false. */
  urlUser?: boolean;
  /** Also the value of each {@link SECRET_QUERY_PARAMS} parameter (`?token=***`). Default: false. */
  query?: boolean;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
/** `--from=`, `NAME=` or opening brackets before a reference or URL in a word. */
const WORD_LEAD = /^(?:-{1,2}[A-Za-z][A-Za-z0-9-]*=|[A-Za-z_][A-Za-z0-9_]*=|[([{<]+)/;
/**
 * A package URL (`pkg:type/namespace/name@version?qualifiers#subpath`, purl spec). It has no
 * authority (the spec tells parsers to ignore slashes after `pkg:`), so its `@` starts the
 * version: `pkg:apk/alpine/zlib@1.3.1-r2` is no `user:password@host`.
 */
const PURL = /^pkg:\/*[A-Za-z.+-][A-Za-z0-9.+-]*\//i;
/** `host`, `host:port` or `[v6]:port`: an authority whose `:` is no password's. */
const HOST_PORT = /^(?:\[[^\]]*\]|[^:]*)(?::\d*)?$/;

/**
 * Text with the credentials in each word (between whitespace and quotes) shown as
 * {@link CREDENTIALS_MASK}: always a `user:password@` (in a URL or a reference); with `urlUser`
 * a URL's whole userinfo; with `query` the values of credential query parameters. A user name
 * alone outside a URL (`node_modules/@scope/pkg`, `git@github.com:o/r`) stays, and so does an
 * `@` in a URL's path (`https://registry.npmjs.org/@scope/pkg`). A `--flag=`, `NAME=` or `(`
 * before the masked part is kept. A password holding a space or a quote is cut there.
 */
export function maskText(text: string, options: MaskTextOptions = {}): string {
  if (!text.includes("@") && !(options.query && text.includes("?"))) return text;
  return text.replace(/[^\s"'`]+/g, (word) => maskWord(word, options));
}

/**
 * Text quoted from a file (a RUN line, a diff, a warning naming a URL): each word's
 * `user:password@` masked. A user name alone (`git@github.com:o/r`, a folder named `@scope` in a
 * path, `@scope/pkg@1.0`, even `https://user@host`) is no password and stays.
 */
export function maskPasswords(text: string): string {
  return maskText(text);
}

/**
 * Text taken from a scan report or a log, where a URL's user is often a token: passwords as
 * {@link maskPasswords} does, plus a URL's whole userinfo (`https://token@host`) and the values
 * of credential query parameters (`?token=…`).
 */
export function maskSecrets(text: string): string {
  return maskText(text, { urlUser: true, query: true });
}

function maskWord(word: string, options: MaskTextOptions): string {
  const lead = WORD_LEAD.exec(word)?.[0] ?? "";
  let rest = word.slice(lead.length);
  if (isPurl(rest)) return lead + maskPurlQualifiers(rest, options);
  // A `pkg:TYPE/` word that is no plain purl is masked as any word is, but its `pkg:TYPE/` holds
  // no `@` nor a password's `:`, so it stays: `pkg:docker/***@host` still says what it was.
  const purlType = PURL.exec(rest)?.[0].length ?? 0;
  if (rest.includes("@")) rest = maskUserinfo(rest, options.urlUser === true, purlType);
  const query = options.query ? rest.indexOf("?") : -1;
  if (query !== -1) rest = rest.slice(0, query) + maskQuery(rest.slice(query));
  return lead + rest;
}

/**
 * `text` with its userinfo masked. `keep` (a purl's `pkg:TYPE/` length) is shown even when the
 * userinfo found starts before it; whether there is a credential is judged on the whole span, so
 * only that prefix can show that was masked before.
 */
function maskUserinfo(text: string, urlUser: boolean, keep = 0): string {
  // `pkg://x/u:pw@host` is `pkg:x/u:pw@host` (a purl's slashes after `pkg:` mean nothing), not a
  // URL whose path holds an `@`.
  const scheme = keep ? undefined : SCHEME.exec(text)?.[0];
  const masked = (start: number, at: number) => {
    const userinfo = text.slice(start, at);
    if (!(scheme && urlUser) && !userinfo.includes(":")) return text;
    const from = start < keep && keep < at ? keep : start;
    return `${text.slice(0, from)}${CREDENTIALS_MASK}${text.slice(at)}`;
  };
  if (scheme) {
    // A URL's userinfo ends at the last `@` of its authority: an `@` in the path is no
    // credential's (`https://host:443/@scope/pkg`).
    const end = authorityEnd(text, scheme.length);
    const at = text.lastIndexOf("@", end - 1);
    if (at >= scheme.length) return masked(scheme.length, at);
    // `https://u:p/w@host`: a password holding `/` ends the "authority" at a port that is no
    // number; the userinfo then runs to the `@` after it.
    if (HOST_PORT.test(text.slice(scheme.length, end))) return text;
  }
  const span = findUserinfo(text);
  return span ? masked(span.start, span.at) : text;
}

/**
 * A word printed as a package URL: `pkg:` and a type, namespace and name segments that cannot
 * hold a `user:password` (no `:`, no `@` but a leading npm scope's), and a version that looks
 * like one (letters, digits, `.+~_-`, or a digest), all decoded. Anything else (`pkg:x/u:pw@host`,
 * `pkg:x/y@https://u:pw@h`) is masked as any other word: a credential is never printed for
 * looking like a package URL.
 */
function isPurl(word: string): boolean {
  const type = PURL.exec(word)?.[0];
  if (!type) return false;
  const head = word.slice(type.length).split(/[?#]/, 1)[0]!;
  const at = head.lastIndexOf("@");
  // `pkg:npm/@scope/name`: an `@` right after a `/` (or first) starts a namespace, no version.
  const versioned = at > 0 && head[at - 1] !== "/";
  const path = versioned ? head.slice(0, at) : head;
  if (versioned && !PURL_VERSION.test(decoded(head.slice(at + 1)) ?? ":")) return false;
  return path.split("/").every((segment) => PURL_SEGMENT.test(decoded(segment) ?? ":"));
}

/**
 * A purl version: no `:`, `/`, `,`, `@` or scheme that a credential or a URL needs, but for an
 * OCI digest's `sha256:` before hex digits (`pkg:oci/debian@sha256:ab12…`) and a Debian or RPM
 * epoch's digits (`pkg:deb/debian/zlib1g@1:1.2.13`, as Trivy writes it: a password sits before
 * the `@`, never after it, and the name segments hold no `:`); closing brackets
 * and a `.`, `,` or `;` after it are prose's (`(pkg:apk/alpine/zlib@1.3.1-r2),`).
 */
const PURL_VERSION =
  /^(?:(?:\d+:)?[A-Za-z0-9][A-Za-z0-9._+~-]*|sha(?:256|384|512):[A-Fa-f0-9]+)[)\]}>]*[.,;]?$/;
/** A namespace or name segment: no `:` (a password's) and no `@` but a leading scope's. */
const PURL_SEGMENT = /^@?[^:@]*$/;

/** `text` percent-decoded, or undefined when it is no valid encoding (a `%` alone). */
function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * A package URL as written, except in its qualifiers and subpath, which may hold a URL
 * (`repository_url=https://u:pw@host/…`, `#https://u:pw@h/x`): each qualifier's value and the
 * subpath masked as a word is, a percent-encoded value also once decoded, and with `query` a
 * credential qualifier's value (`?token=***`).
 */
function maskPurlQualifiers(purl: string, options: MaskTextOptions): string {
  const start = purl.search(/[?#]/);
  if (start === -1) return purl;
  const hash = purl.indexOf("#", start);
  const end = hash === -1 ? purl.length : hash;
  const qualifiers = purl
    .slice(start, end)
    .replace(/([?&])([^=&]*)=([^&]*)/g, (_all, sep: string, name: string, value: string) => {
      const secret = options.query && value !== "" && SECRET_QUERY_PARAMS.has(name.toLowerCase());
      return `${sep}${name}=${secret ? CREDENTIALS_MASK : maskValue(value, options)}`;
    });
  const subpath = hash === -1 ? "" : `#${maskValue(purl.slice(hash + 1), options)}`;
  return purl.slice(0, start) + qualifiers + subpath;
}

/**
 * A qualifier value or subpath masked as a word; one percent-encoded
 * (`https%3A%2F%2Fu%3Apw%40r`) is masked decoded and encoded again.
 */
function maskValue(value: string, options: MaskTextOptions): string {
  const masked = maskWord(value, options);
  if (masked !== value) return masked;
  const plain = decoded(value);
  if (plain === undefined || plain === value) return value;
  const maskedPlain = maskText(plain, options);
  return maskedPlain === plain ? value : encodeURIComponent(maskedPlain);
}

/** Where a URL's authority ends: its first `/`, `?` or `#` after the scheme, else the end. */
function authorityEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "/" || c === "?" || c === "#") return i;
  }
  return text.length;
}

/** `?a=1&token=s3cret#x` with each credential parameter's value masked. */
function maskQuery(query: string): string {
  return query.replace(/([?&;])([^=&;#?]*)=([^&;#]*)/g, (all, sep: string, name: string, value) =>
    value !== "" && SECRET_QUERY_PARAMS.has(name.toLowerCase())
      ? `${sep}${name}=${CREDENTIALS_MASK}`
      : all,
  );
}
