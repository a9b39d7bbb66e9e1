export {
  ALPINE_BASE_GROUPS,
  ALPINE_BASE_PRIMARY_GIDS,
  ALPINE_BASE_RELEASE,
  ALPINE_BASE_USERS,
} from "./alpine-base.js";
export { ALPINE_BASE_PROGRAMS, ALPINE_BUSYBOX_APPLETS } from "./alpine-programs.js";
export { APPLETS, type AppletSpec, OPTIONLESS, type Prose } from "./applets.js";
export { type AshMissingOption, ashMissingOption } from "./bash-options.js";
export { braceLists, expandedBraceLists, maskQuotes } from "./brace-lists.js";
export { builtinAt } from "./builtin-call.js";
export {
  ashEchoEscapes,
  bracedEchoEscapes,
  type DashEcho,
  dashEcho,
  dashEchoEscapes,
  type EchoEscape,
  type EchoWordEdit,
  isBinShShebang,
  isDashShebang,
} from "./echo.js";
export { FIND_MISSING, FIND_VALUES } from "./find.js";
export {
  gnuPackageOf,
  gnuPackagesOf,
  hasGnuTool,
  missingApplet,
  missingAppletSource,
  NO_APPLET,
  providesMissingApplet,
} from "./packages.js";
export { PS_COLUMNS, PS_FLAGS, PS_SAME } from "./ps.js";
export {
  busyboxRejections,
  NO_EQUIVALENT,
  type Rejection,
} from "./rejections.js";
export {
  SHADOW_ONLY_TOOLS,
  SHADOW_OPTION_TOOLS,
  type ShadowOptionTable,
  type ShadowTool,
  shadowOnlyOption,
  shadowOnlyTool,
} from "./shadow.js";
export { definedFunctions } from "./shell-functions.js";
export { SHELL_KEYWORDS } from "./shell-words.js";
export { busyboxSpelling, SHORT_FOR } from "./spellings.js";
export type { Words } from "./words.js";
