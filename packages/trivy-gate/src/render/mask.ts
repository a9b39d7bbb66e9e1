import { CREDENTIALS_MASK, findUserinfo } from "@alpinize/image-ref";

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
/** `--from=`, `NAME=` or opening brackets before a reference or URL in a word. */
const WORD_LEAD = /^(?:-{1,2}[A-Za-z][A-Za-z0-9-]*=|[A-Za-z_][A-Za-z0-9_]*=|[([{<]+)/;
/** `host`, `host:port` or `[v6]:port`: an authority whose `:` is no password's. */
const HOST_PORT = /^(?:\[[^\]]*\]|[^:]*)(?::\d*)?$/;

/**
 * Query parameters whose value is a credential in the URLs registries, object stores and
 * package indexes hand out (GitLab's `private_token`, S3 and GCS signed URLs, Azure SAS `sig`).
 * Matched by exact name, in any case: a parameter merely containing "key" keeps its value.
 */
const SECRET_PARAMS = new Set([
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

/**
 * Text from a report as the gate prints it: in each word (between whitespace and quotes), a
 * reference's `user:password@`, a URL's userinfo (`https://token@host`, `https://u:p@host`) and
 * the value of a credential query parameter (`?token=…`) shown as `***`. A user name alone
 * outside a URL stays (`node_modules/@scope/pkg`, `git@github.com:o/r`), and so does an `@` in a
 * URL's path (`https://registry.npmjs.org/@scope/pkg`). For display only: keys, matching and
 * the verdict use the report's text as written.
 */
export function maskSecrets(text: string): string {
  if (!text.includes("@") && !text.includes("?")) return text;
  return text.replace(/[^\s"'`]+/g, maskWord);
}

function maskWord(word: string): string {
  const lead = WORD_LEAD.exec(word)?.[0] ?? "";
  let rest = word.slice(lead.length);
  if (rest.includes("@")) rest = maskUserinfo(rest);
  const query = rest.indexOf("?");
  if (query !== -1) rest = rest.slice(0, query) + maskQuery(rest.slice(query));
  return lead + rest;
}

function maskUserinfo(text: string): string {
  const scheme = SCHEME.exec(text)?.[0];
  if (scheme) {
    const end = authorityEnd(text, scheme.length);
    const at = text.lastIndexOf("@", end - 1);
    if (at >= scheme.length) return `${scheme}${CREDENTIALS_MASK}${text.slice(at)}`;
    // `https://u:p/w@host`: a password holding `/` ends the "authority" at a port that is no
    // number; the userinfo then runs to the `@` after it.
    if (HOST_PORT.test(text.slice(scheme.length, end))) return text;
  }
  const span = findUserinfo(text);
  if (!span) return text;
  if (!scheme && !text.slice(span.start, span.at).includes(":")) return text;
  return `${text.slice(0, span.start)}${CREDENTIALS_MASK}${text.slice(span.at)}`;
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
    value !== "" && SECRET_PARAMS.has(name.toLowerCase())
      ? `${sep}${name}=${CREDENTIALS_MASK}`
      : all,
  );
}
