import type { MigrationContext } from "../migrate/context.js";
import { simpleCommands } from "../shell/script.js";
import { baseRepository, PHP_BASED } from "./base-image.js";
import { removals } from "./gnu-stage.js";
import { followsWithin } from "./in-order.js";
import { addPackage } from "./place.js";
import { runSources } from "./run-sources.js";
import type { StageState } from "./scope.js";

const PHPIZE = "$PHPIZE_DEPS";

/**
 * Rule `from` (what the variant ships): the Debian php images keep `$PHPIZE_DEPS` (autoconf, gcc,
 * make, …) installed; the php:*-alpine images only name them in that ENV. `docker-php-ext-install`
 * installs them itself on Alpine, `pecl install` does not: a RUN that compiles a PECL extension
 * gets them in its `apk add` (the build-deps one, when the RUN has one) before the call.
 */
export function addPhpizeDeps(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || state.info.already) return;
  if (!PHP_BASED.has(baseRepository(ctx, state.info.stage) ?? "")) return;
  // Installed for good by an `apk add` of this stage (heredocs included) or by a parent stage.
  if (state.lasting.has(PHPIZE)) return;
  let installed = false;
  for (const { ins, sources } of runSources(ctx, state.info.stage.body)) {
    if (installed) return;
    if (state.removedRuns.has(ins)) continue;
    // An install of $PHPIZE_DEPS in an earlier RUN serves the later ones, unless it goes again.
    installed = sources.some(
      (src) => installsPhpize(src.script.text) && !REMOVES.test(src.script.text),
    );
    for (const src of sources) {
      const commands = simpleCommands(src.script);
      const pecl = commands.find(
        (c) => c.name?.replace(/^.*\//, "") === "pecl" && c.args[1]?.value === "install",
      );
      if (!pecl || src.script.text.slice(0, pecl.start).includes("PHPIZE_DEPS")) continue;
      addPackage(ctx, state, {
        pkg: PHPIZE,
        // Not a Debian package: the variable naming what the Debian php image keeps installed.
        debian: PHPIZE,
        offset: src.span(pecl.start, pecl.start)[0],
        after: ins,
        removals: removals(src, commands),
        rule: "from",
        warning: `pecl install compiles, and the php:*-alpine images do not keep $PHPIZE_DEPS (autoconf, gcc, make, …) installed as the Debian ones do: added ${PHPIZE}`,
        reason:
          "the Debian php images keep the packages $PHPIZE_DEPS lists (autoconf, dpkg-dev, file, g++, gcc, libc-dev, make, pkg-config, re2c) installed; the php:*-alpine images only name them in that ENV, and pecl install compiles with them",
      });
      // Put into a build-deps package that goes again: a later pecl install needs its own.
      installed = state.lasting.has(PHPIZE);
      break;
    }
  }
}

/** The RUN removes what it installed (a build-deps package, a purge). */
const REMOVES = /\b(?:apk\s+del|apt-get\s+(?:purge|remove|autoremove)|apt\s+(?:purge|remove))\b/;
/** apk or apt installs $PHPIZE_DEPS in one command (the B of followsWithin cannot start in `-get`). */
const installsPhpize = (text: string) =>
  followsWithin(text, /\b(?:apk|apt-get|apt)\b/, /\$\{?PHPIZE_DEPS\b/, /[;&|]/);
