import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import type { Stage } from "../stages.js";
import { apkAddWords } from "./apk-adds.js";
import { baseRepository, PHP_BASED } from "./base-image.js";
import { inChain } from "./chain-memo.js";
import { commandOperand } from "./in-order.js";
import { asRoot } from "./place.js";
import type { StageState } from "./scope.js";
import { usesUser } from "./user-uses.js";

/**
 * Alpine's phpNN-fpm ships php-src's pool file with its default user: /etc/phpNN/php-fpm.d/www.conf
 * says `user = nobody` and `group = nobody` (php-src sapi/fpm/www.conf.in, whose configure default
 * is nobody; aports' phpNN APKBUILD sets no other, and Alpine images' own seds on /etc/php82 and
 * /etc/php83 match those lines). Debian's php-fpm is configured --with-fpm-user=www-data
 * --with-fpm-group=www-data: its /etc/php/X.Y/fpm/pool.d/www.conf says `user = www-data`,
 * `group = www-data`. The sed anchors on Alpine's exact lines: worded otherwise, it changes nothing.
 */
const FPM = /^php(\d*)-fpm$/;
const DEBIAN_FPM = /^php[\d.]*-fpm$/;

/** What the stage chain hands to www-data: files it owns, or files only its group owns. */
interface Gives {
  user: boolean;
  group: boolean;
}

// Stages whose pool was set already: stages built FROM them run the same pool config.
const fixed = new WeakSet<Stage>();

/**
 * Rule `users`: a converted stage with Debian's php-fpm (now Alpine's phpNN-fpm) that gives
 * files to www-data would run its workers as nobody on Alpine, unable to write them. A sed after
 * the install sets the pool's user (and group) to www-data, as on Debian; once per stage chain.
 * The official php images are left alone: their own pool config runs as www-data already.
 */
export function fixPhpFpmPool(ctx: MigrationContext, state: StageState): void {
  const info = state.info;
  if (!info.alpine || info.already) return;
  const stage = info.stage;
  if (PHP_BASED.has(baseRepository(ctx, stage) ?? "")) return;
  const pkg = [...state.alpineInstalled].find((p) => FPM.test(p) && state.lasting.has(p));
  if (pkg === undefined || ![...state.debianInstalled].some((p) => DEBIAN_FPM.test(p))) return;
  if (inChain(stage.parent, "php-fpm pool set", (s) => fixed.has(s))) return;
  const gives = chainGives(stage);
  if (!gives.user && !gives.group) return;
  fixed.add(stage);
  const conf = `/etc/php${FPM.exec(pkg)![1]}/php-fpm.d/www.conf`;
  const edits = [
    ...(gives.user ? ["s/^user = nobody/user = www-data/"] : []),
    "s/^group = nobody/group = www-data/",
  ];
  const at = installRun(ctx, state, pkg)?.end ?? stage.from.end;
  const eol = ctx.doc.eol;
  const line = asRoot(stage, at, `RUN sed -i '${edits.join("; ")}' ${conf}`, eol);
  ctx.edit("users", at, at, `${eol}${line}`);
  const what = gives.user ? "user and group" : "group";
  ctx.warn(
    "users",
    at,
    `Alpine's ${pkg} runs its pool's workers as nobody (user = nobody, group = nobody in ${conf}); Debian's php-fpm runs them as www-data, to which this stage gives files: set the pool's ${what} to www-data there, so the workers can write them as on Debian`,
  );
}

/** The RUN of this stage whose `apk add` installs `pkg`, if one does. */
function installRun(
  ctx: MigrationContext,
  state: StageState,
  pkg: string,
): Instruction | undefined {
  const add = state.apkAdds.find(
    (a) => !a.temporary && apkAddWords(ctx, a, state.values).includes(pkg),
  );
  if (!add) return undefined;
  return state.info.stage.body.find(
    (i) => i.keyword === "RUN" && i.start <= add.from && add.from < i.end,
  );
}

function chainGives(stage: Stage): Gives {
  return {
    user: inChain(stage, "gives www-data files", (s) => s.body.some(givesUser)),
    group: inChain(stage, "gives www-data's group files", (s) => s.body.some(givesGroup)),
  };
}

/**
 * `chown [options] OWNER:www-data`, `chgrp [options] www-data`, as
 * `\bchown\s+(?:-\S+\s+)*[^\s:.]*[:.]www-data(?=\s|$)` and its chgrp form read.
 */
export function chownsGroup(text: string): boolean {
  const word = (start: number, end: number) => text.slice(start, end);
  return (
    commandOperand(text, /\bchown\s+/, (_t, s, e) => /^[^\s:.]*[:.]www-data$/.test(word(s, e))) ||
    commandOperand(text, /\bchgrp\s+/, (_t, s, e) => word(s, e) === "www-data")
  );
}

/**
 * `USER www-data`, `COPY --chown=www-data`, `chown www-data …`, and commands run as www-data
 * (`sudo -u www-data php artisan …`), whose files are www-data's too.
 */
function givesUser(ins: Instruction): boolean {
  return usesUser(ins, "www-data");
}

/** `USER app:www-data`, `COPY --chown=root:www-data`, `chown root:www-data …`, `chgrp www-data`. */
function givesGroup(ins: Instruction): boolean {
  const owner = ownerSpec(ins);
  if (owner !== undefined) return owner.split(":")[1] === "www-data";
  return ins.keyword === "RUN" && chownsGroup(ins.args.text);
}

/** The `USER` or `COPY`/`ADD --chown` spec, undefined for other instructions. */
function ownerSpec(ins: Instruction): string | undefined {
  if (ins.keyword === "USER") return ins.args.text.trim();
  if (ins.keyword === "COPY" || ins.keyword === "ADD")
    return splitFlags(ins.args.text).flags.get("chown") ?? "";
  return undefined;
}
