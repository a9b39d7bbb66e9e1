import { CREDENTIALS_MASK, maskSecrets } from "@alpinize/image-ref";
import type { FileSecrets } from "./credential-files.js";
import { basicAuthForms, secretEncodings } from "./secret-encodings.js";

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
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)[^\s"',;\]]+/gi;
/** `Authorization: xyz` or `"authorization":"xyz"` with no scheme before the credential. */
const AUTH_HEADER =
  /\b((?:(?:Proxy-)?Authorization|Private-Token|X-Registry-Auth|X-Api-Key|X-Auth-Token)["']?\s*[:=]\s*(?!["'[]?(?:Bearer|Basic)\s)["'[]?)(?!\*\*\*)[^\s"',;\]]+/gi;
/** `Cookie: a=b; c=d`: every cookie to the end of the header (a quote, `]` or the line's end). */
const COOKIE_HEADER = /\b((?:Set-Cookie|Cookie)["']?\s*[:=]\s*["'[]?)(?!\*\*\*)[^"'\]]+/gi;
/**
 * A credential field of a JSON document, a Go struct dump or a `name=value` pair:
 * `"token":"x"`, `"password": "x"`, `"auth":"dXNl…"` (a Docker config), `Password:x`,
 * `private_token=x`. An object or array value (`"auth": {`) is left alone.
 */
const SECRET_FIELD =
  /(?<![\w-])((["']?)(?:access_token|refresh_token|id_token|private_token|registry_token|identitytoken|registrytoken|token|password|passwd|secret|client_secret|api_key|apikey|auth)\2\s*[:=]\s*["']?)(?![{[]|\*\*\*)[^\s"',;&}\]]+/gi;
/** `--password x`, `--registry-token=x`, `-p x`: a credential on a command line Trivy logs. */
const SECRET_FLAG =
  /(?<!\S)((?:--password|--registry-token|--token|--auth-token|-p)(?:=|\s+)["']?)(?!\*\*\*)[^\s"']+/g;
/** `AWS_SECRET_ACCESS_KEY=x`, `aws_session_token=x`: a variable named as a secret, any case. */
const SECRET_VARIABLE =
  /\b([A-Z0-9_]*(?:PASSWORD|PASSWD|TOKEN|SECRET|SECRET_ACCESS_KEY|SECRET_KEY|API_KEY|PRIVATE_KEY)=["']?)(?!\*\*\*)[^\s"']+/gi;

/** Patterns whose first group is kept and the rest of the match masked. */
const LOG_PATTERNS = [AUTH_HEADER, COOKIE_HEADER, SECRET_FIELD, SECRET_FLAG, SECRET_VARIABLE];

/**
 * The texts to hide wherever they appear in Trivy's log: the value of each secret variable in
 * `env` and each value of `TRIVY_CUSTOM_HEADERS` (`Name: value,Name2: value2`), in every
 * encoding Trivy may write ({@link secretEncodings}), and the base64 `user:password` of each
 * `TRIVY_USERNAME`/`TRIVY_PASSWORD` pair (comma-separated lists, one pair per registry); and
 * the same of what the credentials files Trivy may read hold (`fromFiles`, from
 * `credentialFileSecrets`). Longest first, so a secret holding another is hidden whole.
 */
export function secretValues(
  env: NodeJS.ProcessEnv,
  fromFiles: Pick<FileSecrets, "plain" | "pairs"> = { plain: [], pairs: [] },
): string[] {
  const plain = new Set<string>(fromFiles.plain.filter(Boolean));
  for (const name of TRIVY_SECRET_VARIABLES) {
    const value = env[name];
    if (!value) continue;
    plain.add(value);
    if (name === "TRIVY_PASSWORD") for (const v of value.split(",")) if (v) plain.add(v);
    if (name === "TRIVY_CUSTOM_HEADERS") for (const v of headerValues(value)) plain.add(v);
  }
  const values = new Set([...plain].flatMap(secretEncodings));
  for (const [user, password] of [...userPasswordPairs(env), ...fromFiles.pairs]) {
    for (const form of basicAuthForms(user, password)) values.add(form);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

function userPasswordPairs(env: NodeJS.ProcessEnv): [string, string][] {
  const passwords = (env.TRIVY_PASSWORD ?? "").split(",");
  const users = (env.TRIVY_USERNAME ?? "").split(",");
  const pairs: [string, string][] = [[env.TRIVY_USERNAME ?? "", env.TRIVY_PASSWORD ?? ""]];
  for (const [i, password] of passwords.entries()) pairs.push([users[i] ?? "", password]);
  return pairs.filter(([, password]) => password !== "");
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
 * credential query values (`access_token=`, `X-Amz-Signature=`…) as report text is, the
 * credential of an `Authorization`, `X-Api-Key` or `Cookie` header or a `Bearer`/`Basic`
 * scheme, credential JSON fields, `--password`/`-p` flags and `*_TOKEN=`-style variables.
 */
export function maskLogLine(line: string): string {
  let out = maskSecrets(line).replace(
    AUTH_SCHEME,
    (_all, scheme: string, space: string) => `${scheme}${space}${CREDENTIALS_MASK}`,
  );
  for (const pattern of LOG_PATTERNS) out = out.replace(pattern, `$1${CREDENTIALS_MASK}`);
  return out;
}
