export { type ImageReferenceSpan, lineFinder, listImageReferences } from "./images.js";
export { MAX_DOCKERFILE_BYTES, type ParseOptions, parseDockerfile } from "./parse/dockerfile.js";
export { DockerfileSyntaxError } from "./parse/errors.js";
export type {
  Comment,
  Directive,
  Heredoc,
  Instruction,
  LogicalText,
  ParsedDockerfile,
} from "./parse/types.js";
export { type ArgDefault, analyzeStages, type Stage, type StageModel } from "./stages.js";
