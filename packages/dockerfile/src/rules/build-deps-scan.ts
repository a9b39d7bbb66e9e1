import type { SimpleCommand } from "../shell/script.js";
import type { ScriptScope } from "./scope.js";

/** Commands that compile code which then links to the libraries of the build dependencies. */
const NATIVE_BUILD =
  /(?:^|[\s;&|(])(?:\.\/configure|cmake|cargo\s+build|pecl\s+install|(?:pip3?|python3?\s+-m\s+pip|gem|bundle)\s+install)\b/;

/**
 * The build-deps purge of a RUN that compiled something and keeps no runtime libraries: on
 * Debian, libraries other base packages need (libpcre2-8 for grep, …) survived the purge; Alpine's
 * base has fewer, so what the build links to may go with `apk del`.
 */
export function warnUnscannedBuild(scope: ScriptScope, cmd: SimpleCommand): void {
  const text = scope.src.script.text;
  if (/\b(?:scanelf|ldd|dpkg-query)\b/.test(text) || !NATIVE_BUILD.test(text)) return;
  scope.warn(
    "apt",
    cmd.start,
    "apk del removes the build dependencies and every library that came only with them; what this RUN compiled may link to some (Debian's base kept several, such as libpcre2-8): keep them with a runtime scan before it (apk add --no-cache --virtual .rundeps $(scanelf --needed --nobanner --format '%n#p' --recursive /usr/local | tr ',' '\\n' | sort -u | awk '{ print \"so:\" $1 }')) or list the runtime libraries",
  );
}
