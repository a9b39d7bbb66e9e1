// The masker every format applies, from @alpinize/image-ref: re-exported, as the gate documents
// it for other text taken from a report.
export { maskSecrets } from "@alpinize/image-ref";
export { diffReports } from "./diff.js";
export type * from "./evaluation.js";
export { MAX_QUOTED, oneLine, quoted } from "./message-text.js";
export { ARTIFACT_TYPES } from "./parse/artifact-type.js";
export { DEFAULT_MAX_BYTES, type ParseOptions, parseTrivyReport } from "./parse/report.js";
export { defaultPolicy, evaluate } from "./policy/evaluate.js";
export { parseExceptions } from "./policy/exceptions.js";
export { parseSeverityList } from "./policy/severity.js";
export { parseVex } from "./policy/vex.js";
export { readReportFile } from "./read.js";
export { FORMATS, type Format, type RenderOptions, render } from "./render/index.js";
export { formatBytes } from "./size.js";
export * from "./types.js";
