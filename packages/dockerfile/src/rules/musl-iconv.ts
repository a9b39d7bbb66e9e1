import type { MigrationContext } from "../migrate/context.js";
import { type SimpleCommand, simpleCommands } from "../shell/script.js";
import { removals } from "./gnu-stage.js";
import { addPackage } from "./place.js";
import { runSources } from "./run-sources.js";
import type { StageState } from "./scope.js";

const PKG = "gnu-libiconv-dev";

/**
 * Rule `musl`: on Debian, iconv is glibc's; on Alpine it is musl's, which has no `//TRANSLIT` or
 * `//IGNORE` and few charsets. PHP's iconv extension built against it misbehaves (php.net names
 * glibc or GNU libiconv), so a RUN that configures PHP `--with-iconv` is given the steps the
 * official php:*-alpine images take: GNU libiconv in the build dependencies, musl's header out of
 * the way (`rm -f /usr/include/iconv.h`, so configure cannot pick it up) and `--with-iconv=/usr`.
 */
export function addGnuIconv(ctx: MigrationContext, state: StageState): void {
  if (state.alpineInstalled.has(PKG)) return;
  for (const { ins, sources } of runSources(ctx, state.info.stage.body)) {
    for (const src of sources) {
      const commands = simpleCommands(src.script);
      const configure = commands.find((c) => phpIconvConfigure(c, commands));
      if (!configure) continue;
      const at = src.span(configure.start, configure.start)[0];
      const flag = configure.args.find((a) => WITH_ICONV.test(a.value ?? ""))!;
      const steps = ["removed musl's /usr/include/iconv.h before configure"];
      let check = "";
      if (flag.value === "--with-iconv") {
        const [fs, fe] = src.span(flag.start, flag.end);
        ctx.edit("musl", fs, fe, "--with-iconv=/usr");
        steps.push("--with-iconv=/usr");
      } else if (flag.value !== "--with-iconv=/usr") {
        check = `; check that ${flag.value} finds GNU libiconv (those images pass --with-iconv=/usr)`;
      }
      ctx.edit("musl", at, at, "rm -f /usr/include/iconv.h && ");
      addPackage(ctx, state, {
        pkg: PKG,
        debian: "libc6-dev",
        offset: at,
        after: ins,
        removals: removals(src, commands),
        rule: "musl",
        warning: `PHP's iconv extension needs GNU iconv, and musl's built-in one lacks //TRANSLIT and //IGNORE: added ${PKG}; ${steps.join("; ")} (as the official php:*-alpine images do)${check}`,
        reason:
          "Debian's iconv is glibc's; Alpine's C library iconv (musl) lacks //TRANSLIT and //IGNORE, which PHP's iconv extension uses, so PHP builds link GNU libiconv instead",
      });
      return;
    }
  }
}

const WITH_ICONV = /^--with-iconv(?:=.*)?$/;
/** Options only PHP's configure takes: the configure call is PHP's own. */
const PHP_ONLY =
  /^--(?:with-config-file-(?:path|scan-dir)|enable-fpm|with-fpm-user|with-pear|enable-embed)\b/;

function phpIconvConfigure(c: SimpleCommand, all: SimpleCommand[]): boolean {
  if (c.name?.replace(/^.*\//, "") !== "configure") return false;
  const words = c.args.slice(1).map((a) => a.value ?? "");
  if (!words.some((w) => WITH_ICONV.test(w))) return false;
  return (
    words.some((w) => PHP_ONLY.test(w)) ||
    all.some((o) => o.name?.replace(/^.*\//, "") === "docker-php-source")
  );
}
