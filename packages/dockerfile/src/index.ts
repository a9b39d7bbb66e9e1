/** `{a,b}` brace lists, from @alpinize/busybox (their one reading), for existing importers. */
export { braceLists } from "@alpinize/busybox";
export { applyEdits, type Edit, type RuleId } from "./edits.js";
/** Which files are Dockerfiles, by name and by text: one rule for migrate, check and pin. */
export {
  DOCKERFILE_TEXT_HEAD,
  isAmbiguousDockerfileName,
  isDockerfileName,
  isDockerfileText,
  whyNotDockerfileText,
} from "./file-names.js";
/** Why Docker refuses a FROM image, or alpinize cannot read it (migrate and check say the same). */
export { fromReferenceProblem } from "./from-reference.js";
/** FROM variables expanded from the global ARG defaults, as BuildKit does without --build-arg. */
export {
  type ExpandedReference,
  expandReference,
  replaceFromVariables,
  VARIABLE as FROM_VARIABLE,
  type VariableUse,
} from "./global-args.js";
export { type ImageReferenceSpan, lineFinder, listImageReferences } from "./images.js";
export { assertKnownRelease, migrateDockerfile } from "./migrate/migrate.js";
export type {
  ContextFileRead,
  ContextFileSkipped,
  ImageChange,
  MigrateEdit,
  MigrateOptions,
  MigrateResult,
  MigrateResultWarning,
  MigrateWarning,
  PackageRecord,
  PackageRecordKind,
  UnknownPackageLeft,
} from "./migrate/types.js";
export {
  type AlpineTags,
  type OfficialBase,
  type OfficialImage,
  officialImage,
} from "./official-images.js";
export {
  MAX_DOCKERFILE_BYTES,
  MAX_INSTRUCTIONS,
  type ParseOptions,
  parseDockerfile,
} from "./parse/dockerfile.js";
export { DockerfileSyntaxError, TooManyInstructionsError } from "./parse/errors.js";
export type {
  Comment,
  Directive,
  Heredoc,
  Instruction,
  LogicalText,
  ParsedDockerfile,
} from "./parse/types.js";
/** shadow's renames (usermod -l, groupmod -n) and the accounts a command names, for migrate and check. */
export {
  type AccountNames,
  type AccountRename,
  accountRename,
  createdAccounts,
  namedAccounts,
} from "./rules/account-names.js";
export {
  ALPINE_BASE_GROUPS,
  ALPINE_BASE_RELEASE,
  ALPINE_BASE_USERS,
} from "./rules/alpine-base.js";
/**
 * What apk has installed at one point of a build (the world and its virtual packages), and how an
 * `apk add`/`apk del` call changes it: migrate's `debianToolsLeft` and `alpinize check` replay a
 * stage's calls with these, so both judge a tool by what is installed when it runs.
 */
export { missingNames } from "./rules/apk-add-fails.js";
export { fallbackOffsets } from "./rules/apk-call-guards.js";
export { type ApkChange, apkChange, packageName } from "./rules/apk-change.js";
export { type ApkPlace, ApkWorld } from "./rules/apk-world.js";
/**
 * What migrate says about a Debian-only path or glibc download in an instruction's text, and about
 * a program Alpine lacks or names otherwise: the same notes `alpinize check` gives Alpine stages.
 */
export { fixBrokenOption } from "./rules/apt-install.js";
/** What plain `alpine` has on its PATH, by which ScopedWorlds judges an install probe. */
export { type BaseHas, baseProgramsOf } from "./rules/base-programs.js";
/**
 * busybox addgroup/adduser's ID choice (the first free ID of its range) and the pre-install
 * scripts of Alpine packages that make accounts: migrate and check simulate the IDs with them.
 */
export {
  busyboxAddgroup,
  busyboxAdduser,
  FIRST_SYSTEM_ID,
  firstFreeId,
  type IdBook,
  IdTable,
  LAST_SYSTEM_ID,
  type MadeAccount,
  runPackageScript,
} from "./rules/busybox-ids.js";
/** Echo calls migrate rewrites for busybox ash, in what an instruction starts (check reports those left). */
export { echoCalls, type FoundEcho, scriptEchoCalls } from "./rules/dash-echo-calls.js";
/**
 * The glibc builds a RUN makes or fetches (.NET glibc RIDs, Rust -gnu triples, Node.js's and other
 * glibc downloads), as migrate's `glibc` rule finds them: `alpinize check` judges where they land.
 * DATA_FILE/DATA_DIR: what a COPY moves that runs on any C library.
 */
export { DATA_DIR, DATA_FILE } from "./rules/data-paths.js";
export type { LayoutHit } from "./rules/debian-layout.js";
export { debianPathNote, debianProgramNote } from "./rules/debian-programs.js";
export { type DebianRelease, releaseByCodename } from "./rules/debian-releases.js";
/** Which Alpine packages bring a Debian tool (dpkg's, dpkg-dev's, shadow's), for migrate and check. */
export { alpineProviders, isDebianTool } from "./rules/debian-tools.js";
/** The distribution of a dev container image as migrate reads it (check's debian-base too). */
export { devcontainerDistro } from "./rules/devcontainers.js";
export type { DockerfileText } from "./rules/exec-source.js";
/** The here-documents a RUN runs as scripts, which check reads as commands and migrate too. */
export { type RunHeredoc, runHeredocs } from "./rules/fed-heredocs.js";
export {
  type GlibcArtifact,
  type GlibcArtifactKind,
  glibcAddArtifacts,
  glibcArtifacts,
} from "./rules/glibc-artifacts.js";
/** Users and groups the official images' `-alpine` tags add to Alpine's base (node's node 1000). */
export {
  alpineImageAccounts,
  type ImageAccount,
  knowsAlpineImageAccounts,
} from "./rules/image-accounts.js";
/**
 * Docker refuses a FROM with `user:password@`: the advice, credentials masked (undefined if none).
 * familiarRepository: the official image a FROM names as migrate reads it (Docker Hub's hosts and
 * its known mirrors, mirror.gcr.io and public.ecr.aws), which check's debian-base reads too.
 */
export { credentialsNote, familiarRepository } from "./rules/images.js";
export {
  commandOperand,
  followsWithin,
  inOrder,
  matchFollowing,
} from "./rules/in-order.js";
/** Accounts a package creates under another name on Alpine (Debian's bind is Alpine's named). */
export {
  type PackageAccount,
  packageAccount,
  packageAccountNote,
  packageCreatesAccount,
} from "./rules/package-accounts.js";
/** Accounts Alpine packages create when installed (varnish's group varnish), for migrate and check. */
export {
  PACKAGE_MADE_ACCOUNTS,
  type PackageMadeAccount,
  packageMakingAccount,
  packageMayMakeGroup,
} from "./rules/package-accounts-made.js";
export {
  MAX_PACKAGE_DECISIONS,
  TooManyPackageNamesError,
} from "./rules/package-limit.js";
export {
  PACKAGE_SCRIPTS,
  type PackageAccountStep,
  type PackageScript,
  packageScript,
} from "./rules/package-scripts.js";
/**
 * The worlds of a RUN's conditional stretches (`if` branches, `|| …`), where an `apk add` counts
 * for the calls in its own stretch only, unless a probe for the program it installs guards it.
 */
export { ScopedWorlds } from "./rules/scoped-worlds.js";
/**
 * Vendor setup scripts (nodesource, Microsoft, PGDG apt repositories, Docker's get.docker.com):
 * none works on Alpine. migrate flags them; check reports the RUN that runs one (setupScriptRuns).
 */
export {
  SETUP_SCRIPT as APT_SETUP_SCRIPT,
  type SetupAdvice,
  type SetupCommand,
  type SetupRun,
  setupScriptAdvice,
  setupScriptRuns,
} from "./rules/setup-scripts.js";
/** One package map per release and process, shared by migrate and check. */
export { packageMapFor } from "./rules/stage-release.js";
export { stageShellOptions } from "./rules/stage-shell-options.js";
export { shellScriptIndex } from "./rules/started-commands.js";
export { type StartedScript, startedScript } from "./rules/started-script.js";
export type { StringShell } from "./rules/string-shell.js";
/**
 * The Debian tools a file's stages on Alpine run where apk has not installed their package when
 * they run, read from the file as written: what migrate's `debianToolsLeft` reads in its output.
 */
export { debianToolsLeftIn } from "./rules/tools-left.js";
export { withoutTrailingSlashes } from "./rules/trailing-slashes.js";
export { toolInUnreadableScript } from "./rules/unconvertible.js";
export { DEBIAN_BASE_GROUPS } from "./rules/users-debian-groups.js";
export { DEFAULT_PATH, pathAfterEnv } from "./search-path.js";
/** Marks a script an `sh -c`, `$( )` or fed here-document runs: its `exit 1` ends only that shell. */
export { markChildShell } from "./shell/child-shells.js";
export {
  ALWAYS_FAIL,
  ALWAYS_SUCCEED,
  alwaysSucceeds,
  MAY_END,
  MAY_EXIT,
  mayExit,
  type ShellOptions,
  shellOptions,
} from "./shell/command-status.js";
export { type Scope, type Span, spansAround } from "./shell/conditional-spans.js";
export { probedProgram, type StretchProbe } from "./shell/probe-guard.js";
export { parseScript, type Script } from "./shell/script.js";
export type { ShellSource } from "./shell/source.js";
export { filterSucceeds } from "./shell/stream-filters.js";
export { type ArgDefault, analyzeStages, type Stage, type StageModel } from "./stages.js";
