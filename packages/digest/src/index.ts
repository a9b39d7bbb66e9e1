export type { Challenge } from "./auth/challenge.js";
export { parseChallenges } from "./auth/challenge.js";
export { type CredentialStoreOptions, createCredentialStore } from "./credentials/store.js";
export type { CredentialStore, Credentials } from "./credentials/types.js";
export type { DaemonConnection } from "./daemon/connect.js";
export { DIGEST_ERRORS, type DigestErrorCode, ResolveError } from "./errors.js";
export type { RateLimit } from "./http/rate-limit.js";
export { parseRetryAfter, type RetryPolicy } from "./http/retry.js";
export { MANIFEST_ACCEPT, MEDIA_TYPES } from "./media-types.js";
export {
  detectFileKind,
  type LocatedReference,
  locateImageReferences,
  type PinFileKind,
} from "./pin/locate.js";
export {
  findUnpinned,
  type PinChange,
  type PinProblem,
  type PinResolver,
  type PinResult,
  type PinSkip,
  type PinWarning,
  pinText,
} from "./pin/pin-text.js";
export { formatPlatform, normalizePlatform, type Platform, parsePlatform } from "./platform.js";
export {
  type Progress,
  type ResolveManyOptions,
  type ResolveOutcome,
  resolveMany,
} from "./resolve-many.js";
export { createResolver, Resolver, type ResolverOptions } from "./resolver.js";
export type { ResolvedImage, ResolveOptions, Via } from "./types.js";
