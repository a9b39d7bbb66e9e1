import type { PackageDecision } from "@alpinize/package-map";
import type { MigrationContext } from "../migrate/context.js";
import { baseRepository } from "./base-image.js";
import type { StageState } from "./scope.js";

const PG_BUILT_IN = /^postgresql(?:-(?:contrib|client|server-dev|doc))?(?:-\d+)?$/;
const PG_EXTENSION = /^postgresql-(?:\d+-[a-z0-9.+-]+|pl[a-z0-9]+-\d+)$/;

/**
 * On the postgres image, the server is built into /usr/local with its contrib modules, client and
 * headers; its Alpine variant has no PGDG packages, and Alpine's postgresqlNN packages are a second,
 * separate server. Built-in parts go; extensions (postgis, pgvector, plpython) stay, flagged: they
 * are built from source against /usr/local there.
 */
export function postgresImagePackage(
  ctx: MigrationContext,
  stage: StageState,
  name: string,
  offset: number,
): PackageDecision | undefined {
  if (!PG_BUILT_IN.test(name) && !PG_EXTENSION.test(name)) return undefined;
  if (baseRepository(ctx, stage.info.stage) !== "postgres") return undefined;
  if (PG_BUILT_IN.test(name)) {
    return {
      debian: name,
      alpine: [],
      kind: "none",
      layer: "migrate-rule",
      reason:
        "the postgres image builds PostgreSQL with contrib, client and headers (pg_config) into /usr/local; Alpine's postgresqlNN packages would add a second server",
    };
  }
  const why = `${name} is a PGDG package for Debian's postgres image; postgres:*-alpine has no such packages and Alpine's own are built for Alpine's server: build the extension from source against /usr/local (pg_config), as the image's server is there`;
  ctx.warn("apt", offset, why);
  return { debian: name, alpine: [], kind: "unknown", layer: "migrate-rule", reason: why };
}
