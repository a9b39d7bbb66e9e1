import type { MigrationContext } from "../migrate/context.js";
import type { ParsedDockerfile } from "../parse/types.js";
import { rootStage, type Stage } from "../stages.js";
import { familiarRepository, splitReference } from "./images.js";

/** Official images built on the php image: they keep its `$PHPIZE_DEPS` and its www-data user. */
export const PHP_BASED = new Set([
  "php",
  "wordpress",
  "drupal",
  "joomla",
  "nextcloud",
  "matomo",
  "composer",
]);

/**
 * The Docker Hub repository a stage is built on, as written before migration (`php`,
 * `postgres`, `ubuntu`): through `FROM base` chains, a `FROM ${BASE}` global ARG default and a
 * `${REGISTRY}/` prefix. Undefined when a variable hides the name.
 */
export function baseRepository(ctx: MigrationContext, stage: Stage): string | undefined {
  let image = rootStage(stage).image;
  const whole = /^\$\{?(\w+)\}?$/.exec(image);
  if (whole) image = globalArg(ctx, whole[1]!) ?? image;
  image = image.replace(/^(?:\$\{[^}]*\}|\$\w+)\//, "");
  const name = splitReference(image).name;
  if (name.includes("$")) return undefined;
  return familiarRepository(name);
}

/** The default of a global `ARG NAME=value` (before the first FROM). */
function globalArg(ctx: MigrationContext, name: string): string | undefined {
  return globalDefaults(ctx.doc).get(name);
}

// Read once per file: every stage asks, and a file may have thousands of global ARGs.
const defaults = new WeakMap<ParsedDockerfile, ReadonlyMap<string, string>>();

/** Name → default of each `ARG NAME=value` alone on its line before the first FROM (first wins). */
function globalDefaults(doc: ParsedDockerfile): ReadonlyMap<string, string> {
  let out = defaults.get(doc);
  if (out) return out;
  const found = new Map<string, string>();
  for (const ins of doc.instructions) {
    if (ins.keyword === "FROM") break;
    if (ins.keyword !== "ARG") continue;
    const m = /^\s*(\w+)=(["']?)([^"'\s]*)\2\s*$/.exec(ins.args.text);
    if (m && !found.has(m[1]!)) found.set(m[1]!, m[3]!);
  }
  out = found;
  defaults.set(doc, out);
  return out;
}
