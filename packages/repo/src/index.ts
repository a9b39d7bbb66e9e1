export {
  type BoundedRead,
  type ReadBoundedOptions,
  readBounded,
  readBoundedSync,
} from "@alpinize/bounded-read";
export {
  type CheckOptions,
  type CheckResult,
  type CheckTarget,
  checkTargets,
  type Unparsable,
} from "./check/run.js";
export { type CheckSettings, type Finding, RULE_IDS, type RuleId } from "./check/types.js";
export { CONFIG_FILE, type LoadConfigOptions, loadConfig, parseConfigText } from "./config/load.js";
export { defaultConfig, GOSU_MODES, type GosuMode, type RepoConfig } from "./config/types.js";
export { defaultTransforms } from "./default-transforms.js";
export {
  classifyPath,
  type FileKind,
  isAmbiguousDockerfileName,
  isDockerfileName,
} from "./discover/kinds.js";
export { findCopiedScripts, type ScriptReference, type ScriptRole } from "./discover/scripts.js";
export { type DiscoveredFiles, type DiscoverOptions, discoverFiles } from "./discover/walk.js";
export { ALPINE_BASE_GROUPS, ALPINE_BASE_RELEASE, ALPINE_BASE_USERS } from "./facts/alpine-base.js";
export { applyPlan } from "./plan/apply.js";
export {
  type ContextFileReader,
  type ContextReaderOptions,
  contextReader,
} from "./plan/context.js";
export { messageOnRewrite, scriptPlaces } from "./plan/output-lines.js";
export { type PinFailure, pinPlan } from "./plan/pin.js";
export { INTERNAL_FAILURE, type PlanOptions, planRepository } from "./plan/plan.js";
export {
  limitRefusals,
  type PlanTally,
  refusedByLimits,
  tallyPlan,
} from "./plan/tally.js";
export type { FilePlan, ImageMention, PinRecord, RepoPlan, SkippedFile } from "./plan/types.js";
export { type ReportOptions, renderReport } from "./report/markdown.js";
export { detectRisks } from "./risks/detect.js";
export type { Evidence, Risk, RiskId, SourceFile } from "./risks/types.js";
export type {
  DockerfileOptions,
  DockerfileResult,
  ImageChange,
  PackageChange,
  ScriptResult,
  Transforms,
  TransformWarning,
} from "./transforms.js";
export { TransformUnavailableError } from "./transforms.js";
export { CHANGED, NOT_REGULAR, writeFileAtomic } from "./workspace/files.js";
export { inodeKey, type LinkedWrite, linksLeftBehind } from "./workspace/hard-links.js";
export type { LinkInfo, LinkPoints } from "./workspace/links.js";
export { type ContentStamp, changeSince, contentStamp } from "./workspace/stamp.js";
export { decodeText, encodeText, escapeRawBytes, hasRawBytes } from "./workspace/text-bytes.js";
