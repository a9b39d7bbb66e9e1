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
  if (rest.includes("@")) rest = maskUserinfo(rest, options.urlUser === true);
  const query = options.query ? rest.indexOf("?") : -1;
  if (query !== -1) rest = rest.slice(0, query) + maskQuery(rest.slice(query));
  return lead + rest;
}

function maskUserinfo(text: string, urlUser: boolean): string {
  const scheme = SCHEME.exec(text)?.[0];
  const masked = (start: number, at: number) => {
    const userinfo = text.slice(start, at);
    if (!(scheme && urlUser) && !userinfo.includes(":")) return text;
    return `${text.slice(0, start)}${CREDENTIALS_MASK}${text.slice(at)}`;
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
 * A word that reads as a package URL: `pkg:` and a type, and no version (after the last `@`
 * before the qualifiers) holding a `/`. Anything else (`pkg:x/u:pw@host/path`) is masked as
 * any other word: a credential is never printed for looking like a package URL.
 */
function isPurl(word: string): boolean {
  if (!PURL.test(word)) return false;
  const head = word.split(/[?#]/, 1)[0]!;
  const at = head.lastIndexOf("@");
  // `pkg:npm/@scope/name`: an `@` after a `/` starts a namespace, no version.
  return at === -1 || head[at - 1] === "/" || !head.slice(at + 1).includes("/");
}

/**
 * A package URL as written, except in its qualifiers, which may hold a URL
 * (`repository_url=https://u:pw@host/…`): each qualifier's value masked as a word is.
 */
function maskPurlQualifiers(purl: string, options: MaskTextOptions): string {
  const start = purl.indexOf("?");
  if (start === -1) return purl;
  const hash = purl.indexOf("#", start);
  const end = hash === -1 ? purl.length : hash;
  let qualifiers = purl
    .slice(start, end)
    .replace(/([?&])([^=&]*)=([^&]*)/g, (all, sep: string, name: string, value: string) =>
      value.includes("@") ? `${sep}${name}=${maskUserinfo(value, options.urlUser === true)}` : all,
    );
  if (options.query) qualifiers = maskQuery(qualifiers);
  return purl.slice(0, start) + qualifiers + purl.slice(end);
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
