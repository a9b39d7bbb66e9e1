import { CREDENTIALS_MASK, maskSecrets } from "@alpinize/image-ref";

/**
 * The variables the gate passes to Trivy (see trivy-env.ts) whose values are secrets. Trivy can
 * repeat them in its log (a failed login, a debug dump of its options, a request it traces), and
 * the gate repeats the end of that log in its error.
 */
export const TRIVY_SECRET_VARIABLES = [
  "TRIVY_PASSWORD",
  "TRIVY_REGISTRY_TOKEN",
  "TRIVY_TOKEN",
  "TRIVY_CUSTOM_HEADERS",
] as const;

/**
 * A header value shorter than this (`X-Debug: 1`) is no secret, and hiding it would hide every
 * `1` of the log. The secret variables themselves are hidden whatever their length.
 */
const MIN_HEADER_SECRET = 4;

/** `Bearer xyz`, `Basic dXNlcjpwdw==`: an HTTP credential after its scheme. */
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)[^\s"',;]+/gi;
/** `Authorization: xyz` or `"authorization":"xyz"` with no scheme before the credential. */
const AUTH_HEADER =
  /\b((?:Proxy-)?Authorization|Private-Token|X-Registry-Auth)(["']?\s*[:=]\s*["']?)(?!(?:Bearer|Basic)\s)(?!\*\*\*)[^\s"',;]+/gi;

/**
 * The texts to hide wherever they appear in Trivy's log: the value of each secret variable in
 * `env` (as written and URL-encoded) and each value of `TRIVY_CUSTOM_HEADERS`
 * (`Name: value,Name2: value2`); longest first, so a secret holding another is hidden whole.
 */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  const values = new Set<string>();
  for (const name of TRIVY_SECRET_VARIABLES) {
    const value = env[name];
    if (!value) continue;
    values.add(value);
    values.add(encodeURIComponent(value));
    if (name === "TRIVY_CUSTOM_HEADERS") for (const v of headerValues(value)) values.add(v);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

function headerValues(headers: string): string[] {
  return headers
    .split(",")
    .filter((h) => h.includes(":"))
    .map((h) => h.slice(h.indexOf(":") + 1).trim())
    .filter((v) => v.length >= MIN_HEADER_SECRET);
}

/** Text with each of `secrets` (from {@link secretValues}) shown as `***`. */
export function hideValues(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join(CREDENTIALS_MASK);
  return out;
}

/**
 * One line of Trivy's log with its credentials masked: `user:password@`, a URL's userinfo and
 * credential query values (`access_token=`, `X-Amz-Signature=`…) as report text is, and the
 * credential of an `Authorization` header or a `Bearer`/`Basic` scheme.
 */
export function maskLogLine(line: string): string {
  return maskSecrets(line)
    .replace(
      AUTH_SCHEME,
      (_all, scheme: string, space: string) => `${scheme}${space}${CREDENTIALS_MASK}`,
    )
    .replace(AUTH_HEADER, (_all, name: string, sep: string) => `${name}${sep}${CREDENTIALS_MASK}`);
}
