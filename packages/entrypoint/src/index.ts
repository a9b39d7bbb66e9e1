export { readShims, SHIM_EXIT, SHIM_FUNCTIONS, type ShimFunction, shimsPath } from "./shims.js";
