export {
  type BoundedRead,
  type ReadBoundedOptions,
  readBounded,
  readBoundedSync,
} from "./read-bounded.js";
