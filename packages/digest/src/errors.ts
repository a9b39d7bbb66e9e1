import { AlpinizeError, EXIT } from "@alpinize/errors";

/** Stable codes for every way a resolution can fail. */
export const DIGEST_ERRORS = {
  notFound: "ALPINIZE_DIGEST_NOT_FOUND",
  unauthorized: "ALPINIZE_DIGEST_UNAUTHORIZED",
  denied: "ALPINIZE_DIGEST_DENIED",
  unreachable: "ALPINIZE_DIGEST_UNREACHABLE",
  rateLimited: "ALPINIZE_DIGEST_RATE_LIMITED",
  registry: "ALPINIZE_DIGEST_REGISTRY_ERROR",
  mismatch: "ALPINIZE_DIGEST_MISMATCH",
  tooLarge: "ALPINIZE_DIGEST_TOO_LARGE",
  badManifest: "ALPINIZE_DIGEST_BAD_MANIFEST",
  platform: "ALPINIZE_DIGEST_PLATFORM_NOT_FOUND",
  insecure: "ALPINIZE_DIGEST_INSECURE",
  redirect: "ALPINIZE_DIGEST_REDIRECT_REFUSED",
  credentials: "ALPINIZE_DIGEST_CREDENTIALS",
  daemon: "ALPINIZE_DIGEST_DAEMON",
} as const;

export type DigestErrorCode = (typeof DIGEST_ERRORS)[keyof typeof DIGEST_ERRORS];

/**
 * A reference that could not be resolved. Exit code 1 (a finding): the input was well-formed,
 * the registry or daemon did not give a usable answer.
 */
export class ResolveError extends AlpinizeError {
  override readonly name = "ResolveError";
  constructor(
    code: DigestErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(code, message, { ...options, exitCode: EXIT.FINDINGS });
  }
}

/** True when a transport failure means "not reachable", so `via: auto` may try the daemon. */
export function isUnreachable(err: unknown): boolean {
  return err instanceof ResolveError && err.code === DIGEST_ERRORS.unreachable;
}
