// Writing an output path the way a shell redirection would, never half-written: one module per
// job under write-output/ (where a path leads, the temp file and rename, descriptors, errors).
export {
  OutputChangedError,
  OutputFolderPathError,
  OutputIsDirectoryError,
  OutputNotRegularError,
  OutputOwnerError,
  OutputReadOnlyError,
} from "./write-output/errors.js";
export {
  assertRewritable,
  type InPlaceWords,
  notRewritable,
  type OtherLinksNote,
  otherLinksNote,
  otherLinksWarning,
  rewriteInPlace,
  symlinkTarget,
} from "./write-output/in-place.js";
export {
  type OutputTarget,
  outputKind,
  outputTarget,
  resolveOutputPath,
} from "./write-output/locate.js";
export { notOwnerError, writeFailureHint, writeFailureReason } from "./write-output/messages.js";
export type { WriteKind, WriteOutputOptions } from "./write-output/options.js";
export { otherHardLinks } from "./write-output/other-links.js";
export {
  type OutputPathProblem,
  type OutputPathWords,
  outputPathProblem,
} from "./write-output/path-words.js";
export { canonicalPath, inputWrittenBy } from "./write-output/same-file.js";
export { type ContentStamp, contentStamp } from "./write-output/stamp.js";
export { writeOutput } from "./write-output/write.js";
