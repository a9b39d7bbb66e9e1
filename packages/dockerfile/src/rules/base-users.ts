import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import type { Pipeline, SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import type { Stage } from "../stages.js";
import { ALPINE_USERS } from "./alpine-base.js";
import { baseRepository, PHP_BASED } from "./base-image.js";
import { inChain } from "./chain-memo.js";
import { renumberedUsers } from "./image-accounts.js";
import { packageAccount } from "./package-accounts.js";
import { fixPhpFpmPool } from "./php-fpm-pool.js";
import { asRoot } from "./place.js";
import type { ScriptScope, StageState } from "./scope.js";
import { createsUser, usesUser } from "./user-uses.js";
import { renamesFrom, renamesTo } from "./users-renamed.js";
import {
  addUbuntuUser,
  imageWithUser,
  startsWithUbuntuUser,
  ubuntuUserAddedAt,
} from "./users-ubuntu.js";

/**
 * Users Debian's and Ubuntu's base images have and Alpine's does not (its own base users are in
 * alpine-base.ts). www-data is the one images use: Alpine has its group (GID 82) and packages
 * and the php:*-alpine images create the user with UID 82; Debian's is 33.
 */
const DEBIAN_ONLY_USERS = ["www-data", "proxy", "backup", "list", "irc", "man", "sys", "_apt"];
const WWW_DATA = "adduser -u 82 -D -S -H -G www-data www-data";

/**
 * Official images whose Alpine variant gives its service user another UID than Debian's
 * (postgres 999 → 70, rabbitmq 999 → 100, php's and httpd's www-data 33 → 82).
 */
const IMAGE_UIDS = renumberedUsers();

/** Official images whose Alpine variant creates www-data itself (php and what builds on it, httpd). */
const HAVE_WWW_DATA = new Set([...PHP_BASED, "httpd"]);

/**
 * Rule `users`: a converted stage that runs as, or chowns to, a user only Debian's base image has
 * (www-data, proxy, …) fails on Alpine. www-data is created the Alpine way (UID 82, in the
 * www-data group Alpine's base has); the others are flagged. On official images whose Alpine
 * variant renumbers its user (postgres 999 → 70, php www-data 33 → 82), numeric uses are flagged.
 */
export function checkBaseUsers(ctx: MigrationContext, state: StageState): void {
  // Only stages that leave Debian lose its base users.
  if (!state.info.alpine || state.info.already) return;
  const stage = state.info.stage;
  const repo = baseRepository(ctx, stage);
  const image =
    IMAGE_UIDS.find((i) => i.repo === repo) ??
    (HAVE_WWW_DATA.has(repo ?? "") ? IMAGE_UIDS.find((i) => i.repo === "php") : undefined);
  const body = stage.body;
  if (image) flagNumericIds(ctx, body, image);
  // Ubuntu's login user ubuntu (23.04 on) has a rule of its own: users-ubuntu.ts.
  addUbuntuUser(ctx, state);
  const installed = [...state.alpineInstalled, ...state.debianInstalled];
  for (const user of DEBIAN_ONLY_USERS) {
    if (ALPINE_USERS.has(user)) continue;
    // An installed package makes it under Alpine's name (squid's proxy is squid): renamed there.
    if (packageAccount(user, installed)) continue;
    if (user === "www-data" && HAVE_WWW_DATA.has(repo ?? "")) continue;
    // `usermod -l web www-data` needs www-data there as much as `USER www-data` does.
    const uses = (ins: Instruction) => usesUser(ins, user) || renamesFrom(ctx, ins, "user", user);
    const use = body.find(uses);
    // A user made (or flagged) in a stage this one is built FROM is not made again; a user
    // renamed to the name (`usermod -l proxy app`) is the file's own.
    const creates = (s: Stage) => bodyCreates(s, user) || renamesTo(ctx, s, "user", user);
    if (!use || inChain(stage, `creates ${user}`, creates)) continue;
    if (inChain(stage.parent, `uses ${user}`, (s) => s.body.some(uses))) continue;
    if (user === "www-data") {
      const at = stage.from.end;
      const line = asRoot(stage, at, `RUN ${WWW_DATA}`, ctx.doc.eol);
      ctx.edit("users", at, at, `${ctx.doc.eol}${line}`);
      ctx.warn(
        "users",
        use.start,
        "Debian's base image has the user www-data (UID 33); Alpine's has only its group (GID 82): added the user with UID 82, as Alpine's packages and php images do; chown files that volumes keep owned by 33",
      );
    } else {
      ctx.warn(
        "users",
        use.start,
        `user ${user} exists in Debian's base image, not in Alpine's: create it (adduser -S -D -H ${user}) or use another user`,
      );
    }
  }
  fixPhpFpmPool(ctx, state);
}

function bodyCreates(stage: Stage, user: string): boolean {
  return stage.body.some((ins) => createsUser(ins, user));
}

function flagNumericIds(
  ctx: MigrationContext,
  body: Instruction[],
  image: (typeof IMAGE_UIDS)[number],
): void {
  const id = image.debian;
  const numeric = new RegExp(`(?:^|[\\s=:])${id}(?=[:\\s]|$)`);
  for (const ins of body) {
    const hit =
      (ins.keyword === "USER" && ins.args.text.trim().split(":")[0] === id) ||
      ((ins.keyword === "COPY" || ins.keyword === "ADD") &&
        splitFlags(ins.args.text).flags.get("chown")?.split(":")[0] === id) ||
      (ins.keyword === "RUN" && /\bchown\b/.test(ins.args.text) && numeric.test(ins.args.text));
    if (!hit) continue;
    ctx.warn(
      "users",
      ins.start,
      `${image.user} is UID ${id} in the Debian image and ${image.alpine} in its Alpine variant: use the name (${image.user}) or ${image.alpine}`,
    );
  }
}

const DELETERS = new Set(["userdel", "deluser", "groupdel", "delgroup"]);

/**
 * `userdel -r ubuntu` frees UID 1000 on ubuntu:23.04 and later, whose base image has that user,
 * and on the images built on them (`eclipse-temurin:21-jre-noble`).
 * Alpine's has no ubuntu user (UID 1000 is free), and the call would fail there (busybox deluser
 * stops on a user that is not there): it goes. Not when an earlier step named the user, so that
 * alpinize added it (users-ubuntu.ts): then the deletion runs on Alpine too.
 */
export function dropUbuntuUser(
  scope: ScriptScope,
  pipeline: Pipeline,
  cmd: SimpleCommand,
): boolean {
  const name = cmd.name?.replace(/^.*\//, "") ?? "";
  if (!DELETERS.has(name)) return false;
  const operands = cmd.args.slice(1).filter((a) => !a.value?.startsWith("-"));
  if (operands.length !== 1 || !namesUbuntu(operands[0]!)) return false;
  const stage = scope.stage.info.stage;
  // Ubuntu's own tags as before (a jammy one fails at the deletion on both), and the images built
  // on a release that has the user (`eclipse-temurin:21-jre-noble`).
  const ctx = scope.ctx;
  if (baseRepository(ctx, stage) !== "ubuntu" && !startsWithUbuntuUser(ctx, stage)) return false;
  if (ubuntuUserAddedAt(scope.ctx, stage, scope.fileOffset(cmd.start))) return false;
  if (pipeline.commands.length !== 1 || !scope.deletePipeline(pipeline, "users")) return false;
  // `getent passwd ubuntu && userdel -r ubuntu`: the lookup fails on Alpine, and as the last
  // command left it would fail the RUN; it goes with the deletion it guarded.
  const items = scope.src.script.items;
  const k = items.indexOf(pipeline);
  const op = items[k - 1];
  const lookup = items[k - 2];
  if (op?.kind === "op" && op.op === "&&" && lookup?.kind === "pipeline" && looksUp(lookup))
    scope.deletePipeline(lookup, "users");
  scope.warn(
    "users",
    cmd.start,
    `${name} ubuntu removed: ${imageWithUser(ctx, stage)} has a user ubuntu (UID 1000), Alpine's does not, so UID 1000 is free there`,
  );
  return true;
}

/** `ubuntu`, or the owner of UID 1000 looked up (`$(id -nu 1000)`), which is ubuntu there. */
function namesUbuntu(word: Word): boolean {
  if (word.value !== undefined) return word.value === "ubuntu";
  return /\$\(|`/.test(word.raw) && /(?<![\w.])1000(?![\w.])/.test(word.raw);
}

/** `getent passwd ubuntu`, `getent group 1000`, `id -u ubuntu`: a lookup of Ubuntu's account. */
function looksUp(p: Pipeline): boolean {
  const words = p.commands.length === 1 ? p.commands[0]!.args.map((w) => w.value) : [];
  const tool = words[0]?.replace(/^.*\//, "");
  const last = words.at(-1);
  if (last !== "ubuntu" && last !== "1000") return false;
  if (tool === "getent") return words.length === 3 && /^(?:passwd|group)$/.test(words[1] ?? "");
  return tool === "id" && words.slice(1, -1).every((w) => w?.startsWith("-"));
}
