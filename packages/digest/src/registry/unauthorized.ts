import type { ImageReference } from "@alpinize/image-ref";
import { hasRealmlessBearer } from "../auth/challenge.js";
import { loginHint } from "../auth/login-hint.js";
import type { AuthReport } from "../credentials/types.js";
import { DIGEST_ERRORS, ResolveError } from "../errors.js";

/**
 * The 401 a registry gave for `ref`, saying which credentials it refused (their source: a
 * config file, a helper, a variable) or where none were found, and what to do. No secret.
 */
export function unauthorized(
  ref: ImageReference,
  host: string,
  auth: AuthReport | undefined,
  details: Record<string, unknown>,
  challenge?: string | string[],
): ResolveError {
  const login = `"docker login ${host}"`;
  const source = auth?.source;
  if (source !== undefined) {
    const what =
      auth?.scheme === "bearer" ? "a token got with the credentials from" : "the credentials from";
    return new ResolveError(
      DIGEST_ERRORS.unauthorized,
      `${ref.original}: ${host} refused ${what} ${source}`,
      {
        details,
        hint: `Check the user name and password there, or log in again (${login}) to replace them; then run again.`,
      },
    );
  }
  if ((auth?.scheme ?? "none") === "none" && hasRealmlessBearer(challenge)) {
    return new ResolveError(
      DIGEST_ERRORS.unauthorized,
      `${ref.original}: ${host} asks for a Bearer token but its challenge names no token realm (WWW-Authenticate: Bearer realm="" or none), so no credentials could be sent`,
      {
        details,
        hint: "Logging in does not help: the registry's auth configuration is broken. Check the registry address (another server may answer in its place), or ask its operator to set the token realm.",
      },
    );
  }
  const where = auth?.searched ? ` (looked in: ${auth.searched})` : "";
  const failed = auth?.failures ?? [];
  const why =
    auth?.scheme === "none" || auth === undefined
      ? "answered 401 without a challenge"
      : failed.length > 0
        ? `wants credentials and none could be read for it: ${failed.join("; ")}`
        : "wants credentials and none were found for it";
  return new ResolveError(DIGEST_ERRORS.unauthorized, `${ref.original}: ${host} ${why}${where}`, {
    details,
    hint: `${loginHint(host, failed.length > 0)}; then run again.`,
  });
}
