export { ALPINE_GROUP, ALPINE_PASSWD, alpineShadow } from "./alpine-etc.js";
export {
  type AlpineRootOptions,
  alpineRootSkipReason,
  fillAlpineRoot,
  MUSL_BUSYBOX,
  makeAlpineRoot,
  TEST_CACHE,
} from "./alpine-root.js";
export { APK_ALL_OR_NOTHING_FORMS, describeApkAllOrNothing } from "./apk-all-or-nothing.js";
export { bounded, CHILD_LIMIT_MS, type ChildEnd, closeOf, finished } from "./bounded.js";
export { type ChrootExecOptions, type ChrootResult, execInRoot } from "./chroot-exec.js";
export { type StartDockerdOptions, type StartedDockerd, startDockerd } from "./dockerd.js";
export {
  type FifoGuard,
  type FifoReader,
  type FifoWriter,
  fifoGuard,
  fifoReader,
  fifoWriter,
} from "./fifo.js";
export { freePort } from "./free-port.js";
export {
  OR_GUARD_FORMS,
  passesBothWays,
  passesUnder,
  SHELL_GUARD_FORMS,
} from "./or-guard-forms.js";
export {
  describeOrGuards,
  describeShellGuards,
  describeStageGuards,
  type SuiteApi,
} from "./or-guard-suite.js";
export type { PushCredentials } from "./push/client.js";
export { type ImageFormat, MEDIA } from "./push/media-types.js";
export {
  type PushedImage,
  type PushedManifest,
  type PushImageOptions,
  pushImage,
} from "./push/push-image.js";
export type { AccessLogEntry } from "./registry/access-log.js";
export {
  DEFAULT_USERS,
  type RegistryAuth,
  type StartedRegistry,
  type StartRegistryOptions,
  startRegistry,
} from "./registry/start-registry.js";
export type { TokenRequest } from "./registry/token-server.js";
export { findBinary, type RequireBinaryOptions, requireBinary } from "./require-binary.js";
export { GOSU_DOWNLOAD_LINES, REDIS_ENTRYPOINT } from "./scripts.js";
export { allWords, drawnConcat, drawnLines, range, seededPick } from "./seeded.js";
export {
  CORPUS_DIR_VARIABLE,
  type CorpusEnv,
  corpusPath,
  corpusSkipReason,
  sharedCorpusDir,
} from "./shared-corpus.js";
export {
  STAGE_GUARD_FORMS,
  type StageGuardForm,
  stageGuardDockerfile,
} from "./stage-guard-forms.js";
export { UNKNOWN_APK_FORMS } from "./unknown-apk-forms.js";
export { describeUnknownApk } from "./unknown-apk-suite.js";
