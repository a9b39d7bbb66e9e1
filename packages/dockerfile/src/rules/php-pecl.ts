import type { MigrationContext } from "../migrate/context.js";
import { simpleCommands } from "../shell/script.js";
import type { Stage } from "../stages.js";
import { removals } from "./gnu-stage.js";
import { withNestedSources } from "./nested.js";
import { addPackage } from "./place.js";
import { runScripts } from "./run.js";
import type { StageState } from "./scope.js";

const PHP_IMAGE = /^(?:(?:docker\.io|index\.docker\.io)\/)?(?:library\/)?php[:@]/;
const PHPIZE = "$PHPIZE_DEPS";

/**
 * Rule `from` (what the variant ships): the Debian php images keep `$PHPIZE_DEPS` (autoconf, gcc,
 * make, …) installed; the php:*-alpine images only name them in that ENV. `docker-php-ext-install`
 * installs them itself on Alpine, `pecl install` does not: a RUN that compiles a PECL extension
 * gets them in its `apk add` (the build-deps one, when the RUN has one) before the call.
 */
export function addPhpizeDeps(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || !onPhpImage(state.info.stage)) return;
  let installed = parentsInstall(state.info.stage);
  for (const ins of state.info.stage.body) {
    if (installed) return;
    if (ins.keyword !== "RUN" || ins.form === "exec") continue;
    if (state.removedRuns.has(ins)) continue;
    let sources: ReturnType<typeof runScripts>;
    try {
      sources = runScripts(ctx, ins).flatMap((s) => withNestedSources(s));
    } catch {
      continue;
    }
    // An `apk add … $PHPIZE_DEPS` in an earlier RUN serves the later ones.
    installed = INSTALLS_PHPIZE.test(ins.args.text);
    for (const src of sources) {
      const commands = simpleCommands(src.script);
      const pecl = commands.find(
        (c) => c.name?.replace(/^.*\//, "") === "pecl" && c.args[1]?.value === "install",
      );
      if (!pecl || src.script.text.slice(0, pecl.start).includes("PHPIZE_DEPS")) continue;
      if (state.alpineInstalled.has(PHPIZE)) return;
      addPackage(ctx, state, {
        pkg: PHPIZE,
        debian: "php image",
        offset: src.span(pecl.start, pecl.start)[0],
        after: ins,
        removals: removals(src, commands),
        rule: "from",
        warning: `pecl install compiles, and the php:*-alpine images do not keep $PHPIZE_DEPS (autoconf, gcc, make, …) installed as the Debian ones do: added ${PHPIZE}`,
        reason:
          "the Debian php images keep $PHPIZE_DEPS installed; the Alpine ones only list them in that ENV",
      });
      return;
    }
  }
}

const INSTALLS_PHPIZE = /\b(?:apk|apt-get|apt)\b[^;&|]*\$\{?PHPIZE_DEPS\b/;

function parentsInstall(stage: Stage): boolean {
  for (let p = stage.parent; p; p = p.parent) {
    if (p.body.some((i) => i.keyword === "RUN" && INSTALLS_PHPIZE.test(i.args.text))) return true;
  }
  return false;
}

function onPhpImage(stage: Stage): boolean {
  let root = stage;
  while (root.parent) root = root.parent;
  return PHP_IMAGE.test(root.image);
}
