import { globalArg } from "../global-args.js";
import type { MigrationContext } from "../migrate/context.js";
import { rootStage, type Stage } from "../stages.js";
import { resolveReference } from "./from-resolve.js";
import { variableInName } from "./from-segments.js";
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
 * `postgres`, `ubuntu`): through `FROM base` chains, a `FROM ${BASE}` global ARG default, a
 * `${REGISTRY}/` prefix and `${IMG:-debian}` words. Undefined when a variable hides the name.
 */
export function baseRepository(ctx: MigrationContext, stage: Stage): string | undefined {
  let image = rootStage(stage).image;
  const whole = /^\$\{?(\w+)\}?$/.exec(image);
  if (whole) image = globalArg(ctx.globalArgs, whole[1]!)?.value ?? image;
  image = image.replace(/^(?:\$\{[^}]*\}|\$\w+)\//, "");
  // `${IMG:-debian}:bookworm`: what a build without --build-arg runs on.
  if (variableInName(image)) image = resolveReference(image, 0, ctx.globalArgs)?.text ?? image;
  const name = splitReference(image).name;
  if (name.includes("$")) return undefined;
  return familiarRepository(name);
}
