export { AlpinizeError, type AlpinizeErrorOptions, isAlpinizeError } from "./alpinize-error.js";
export { formatBytes } from "./byte-size.js";
export { InputError, InternalError, UsageError } from "./common.js";
export { EXIT, type ExitCode } from "./exit-codes.js";
export {
  DANGLING_LINK_HINT,
  danglingLink,
  fsReason,
  isLinkLoop,
  LINK_LOOP,
  LINK_LOOP_HINT,
} from "./fs-reason.js";
export { MAX_QUOTED, oneLine, quoted, withoutControls } from "./message-text.js";
