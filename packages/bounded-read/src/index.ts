export { danglingLinkTarget } from "./dangling-link.js";
export { type LinkFailure, linkFailure } from "./link-failure.js";
export {
  type BoundedRead,
  type BoundedReadAny,
  type ReadAnyOptions,
  type ReadBoundedOptions,
  readBounded,
  readBoundedSync,
} from "./read-bounded.js";
