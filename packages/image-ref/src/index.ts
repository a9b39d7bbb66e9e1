export {
  CREDENTIALS_MASK,
  findUserinfo,
  maskCredentials,
  maskReference,
  type UserinfoSpan,
  withoutCredentials,
} from "./credentials.js";
export { escapeControl, escapeInline, hasControl } from "./escape.js";
export {
  type FormatStyle,
  familiarName,
  formatImageReference,
  withDigest,
  withoutDigest,
  withTag,
} from "./format.js";
export {
  type MaskTextOptions,
  maskPasswords,
  maskSecrets,
  maskText,
  SECRET_QUERY_PARAMS,
} from "./mask-text.js";
export {
  dockerLoginCommand,
  findCredentials,
  type ImageReference,
  ImageReferenceError,
  type ParseOptions,
  parseImageReference,
  tryParseImageReference,
} from "./parse.js";
export {
  DOCKER_HUB,
  dockerCredentialKey,
  isLoopbackHost,
  normalizeRegistry,
  registryApiHost,
} from "./registry.js";
export { replaceVariables } from "./variables.js";
