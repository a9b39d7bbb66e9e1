import type { MigrationContext } from "../migrate/context.js";
import type { Stage } from "../stages.js";
import { baseRepository, PHP_BASED } from "./base-image.js";

/** A user (and its group of the same name) that an official image creates in both variants. */
export interface ImageAccount {
  name: string;
  debian: { uid: number; gid: number };
  alpine: { uid: number; gid: number };
}

/**
 * Service accounts the official images create, in their Debian/Ubuntu tags and their `-alpine`
 * tags, as their own Dockerfiles write them (the groupadd/useradd and addgroup/adduser lines of
 * the pairs in the shared corpus: nodejs/docker-node 24, docker-library/postgres 16 and 18,
 * nginxinc/docker-nginx mainline, docker-library/redis 7.0 and 7.2, docker-library/rabbitmq 4.2,
 * docker-library/redmine 6.1, docker-library/php 8.3 and 8.4, docker-library/httpd 2.4). Alpine's
 * base has GID 999 (ping), so redis and redmine take GID 1000 there; postgres takes Alpine's
 * customary 70. php and httpd add only the user www-data (82) to the www-data group Alpine's base
 * has; Debian's base has both as 33. memcached is not in the corpus: docker-library/memcached's
 * two Dockerfiles make memcache 11211:11211 in both variants. The images built on php keep its
 * accounts (PHP_BASED).
 */
const IMAGE_ACCOUNTS: ReadonlyMap<string, readonly ImageAccount[]> = new Map([
  ["node", [account("node", [1000, 1000], [1000, 1000])]],
  ["postgres", [account("postgres", [999, 999], [70, 70])]],
  ["nginx", [account("nginx", [101, 101], [101, 101])]],
  ["redis", [account("redis", [999, 999], [999, 1000])]],
  ["rabbitmq", [account("rabbitmq", [999, 999], [100, 101])]],
  ["redmine", [account("redmine", [999, 999], [999, 1000])]],
  ["php", [account("www-data", [33, 33], [82, 82])]],
  ["httpd", [account("www-data", [33, 33], [82, 82])]],
  ["memcached", [account("memcache", [11211, 11211], [11211, 11211])]],
]);

function account(
  name: string,
  [uid, gid]: [number, number],
  [alpineUid, alpineGid]: [number, number],
): ImageAccount {
  return { name, debian: { uid, gid }, alpine: { uid: alpineUid, gid: alpineGid } };
}

/** The accounts the image of `repo` (`node`, `postgres`) has in both variants; none if unknown. */
function accountsOf(repo: string | undefined): readonly ImageAccount[] {
  const image = repo !== undefined && PHP_BASED.has(repo) ? "php" : (repo ?? "");
  return IMAGE_ACCOUNTS.get(image) ?? [];
}

/**
 * The accounts the `-alpine` tags of the official image `repo` (`node`, `php`, `wordpress`) add to
 * Alpine's base /etc/passwd and /etc/group; none for an image not in the table. busybox adduser and
 * addgroup refuse their names and IDs: `alpinize check` reads them from here.
 */
export function alpineImageAccounts(repo: string): readonly ImageAccount[] {
  return accountsOf(repo);
}

/**
 * Official images whose `-alpine` tags add no account to Alpine's base, read in their own
 * Dockerfiles (the shared corpus's pairs: python 3.13, golang 1.26, erlang 28, elixir 1.18 on
 * erlang, eclipse-temurin 21; docker-library/ruby 3.4): their /etc/passwd is Alpine's.
 */
const NO_ACCOUNTS: ReadonlySet<string> = new Set([
  "alpine",
  "python",
  "golang",
  "erlang",
  "elixir",
  "ruby",
  "eclipse-temurin",
]);

/**
 * Whether the accounts of the `-alpine` tags of `repo` are known: plain `alpine`, an image of the
 * table above, or one that adds none. `alpinize check` judges a user name missing only there.
 */
export function knowsAlpineImageAccounts(repo: string): boolean {
  return NO_ACCOUNTS.has(repo) || accountsOf(repo).length > 0;
}

/** The image users whose UID differs between the variants, as `{ repo, user, debian, alpine }`. */
export function renumberedUsers(): {
  repo: string;
  user: string;
  debian: string;
  alpine: string;
}[] {
  return [...IMAGE_ACCOUNTS].flatMap(([repo, accounts]) =>
    accounts
      .filter((a) => a.debian.uid !== a.alpine.uid)
      .map((a) => ({ repo, user: a.name, debian: `${a.debian.uid}`, alpine: `${a.alpine.uid}` })),
  );
}

/** The accounts of the official image the stage is built on (through `FROM` chains and ARGs). */
function stageAccounts(ctx: MigrationContext, stage: Stage): readonly ImageAccount[] {
  return accountsOf(baseRepository(ctx, stage));
}

/**
 * The account `name` (a user and its group) that the stage's image has in its Alpine variant
 * too: `adduser worker node` on node needs no addgroup first.
 */
export function imageAccount(
  ctx: MigrationContext,
  stage: Stage,
  name: string,
): ImageAccount | undefined {
  return stageAccounts(ctx, stage).find((a) => a.name === name);
}

/**
 * The image's group that a numeric GID meant, read as the Dockerfile was written: for the Debian
 * image (`--gid 999` on postgres is its group postgres, which is 70 on Alpine). busybox adduser -G
 * and addgroup USER GROUP take that name.
 */
export function imageGroupWithGid(
  ctx: MigrationContext,
  stage: Stage,
  gid: string,
): string | undefined {
  if (!/^\d+$/.test(gid)) return undefined;
  return stageAccounts(ctx, stage).find((a) => a.debian.gid === Number(gid))?.name;
}
