import { globalArg } from "../global-args.js";
import type { MigrationContext } from "../migrate/context.js";
import type { ArgDefault } from "../stages.js";
import { CODENAMES, decideImage } from "./images.js";
import { noteFloatingTag } from "./pin-release.js";

/** A variable's value names only the Debian/Ubuntu release or variant (`bookworm`, `slim-trixie`). */
function debianOnly(value: string): boolean {
  const parts = value.toLowerCase().split("-");
  return (
    parts.length > 0 &&
    parts.every((p) => CODENAMES.has(p) || p === "slim" || /^(?:debian|ubuntu)\d*$/.test(p))
  );
}

/** What became of a tag that is one ARG: its default rewritten, or the reference to write instead. */
export type TagArgOutcome =
  | { kind: "alpine" }
  | { kind: "rewritten" }
  | { kind: "literal"; after: string; arg: string; why: "image" | "shared" };

/**
 * `FROM python:${TAG}` with `ARG TAG=3.12-slim-bookworm`: the tag lives in the ARG, so its
 * default is rewritten (`3.12-alpine`), as `FROM ${IMAGE}` rewrites the image's. When the image
 * itself changes (`debian:${V}` → `alpine`), or another FROM or ARG reads the same variable (a
 * stage that stays on Debian would get an Alpine tag), the reference is written out instead.
 * Undefined when the tag is not one such variable, or its image has no Alpine twin.
 */
export function rewriteTagArg(
  ctx: MigrationContext,
  name: string,
  tag: string,
  args: readonly ArgDefault[],
  at: number,
): TagArgOutcome | undefined {
  const whole = /^\$\{?(\w+)\}?$/.exec(tag);
  const arg = whole ? globalArg(args, whole[1]!) : undefined;
  if (!arg || arg.value === "" || arg.value.includes("$")) return undefined;
  const d = decideImage(`${name}:${arg.value}`, ctx.release);
  // The default names an Alpine tag already (a second run, or written so): nothing to do.
  if (d.family === "alpine") return { kind: "alpine" };
  if (d.family !== "converted" || d.after === undefined) return undefined;
  const colon = d.after.lastIndexOf(":");
  if (d.after.slice(0, colon) !== name)
    return { kind: "literal", after: d.after, arg: arg.name, why: "image" };
  if (readElsewhere(ctx, arg.name, name))
    return { kind: "literal", after: d.after, arg: arg.name, why: "shared" };
  const newTag = d.after.slice(colon + 1);
  // A second stage on the same image and ARG: the default is rewritten once.
  const { rewritten } = fileFacts(ctx);
  if (rewritten.has(arg)) return { kind: "rewritten" };
  rewritten.add(arg);
  const mark = { edits: ctx.edits.length, warnings: ctx.warnings.length };
  ctx.edit("from", arg.start, arg.end, newTag);
  const said = (tag: string) =>
    `the tag of this image comes from ARG ${arg.name}: its default is now ${tag}; a --build-arg ${arg.name}=… must name an Alpine tag too`;
  ctx.warn("from", at, said(newTag));
  const edit = ctx.edits[mark.edits];
  const warning = ctx.warnings[mark.warnings];
  noteFloatingTag(ctx, arg.start, d.after, (pinned) => {
    const tag = pinned.slice(pinned.lastIndexOf(":") + 1);
    if (edit) edit.text = tag;
    if (warning) warning.message = said(tag);
    return [newTag, tag];
  });
  return { kind: "rewritten" };
}

/** Whether a FROM or ARG line uses `$NAME` other than as the whole tag of `image`. */
function readElsewhere(ctx: MigrationContext, variable: string, image: string): boolean {
  const { uses, tags } = fileFacts(ctx);
  return (uses.get(variable) ?? 0) > (tags.get(`${image}:${variable}`) ?? 0);
}

interface FileFacts {
  text: string;
  /** `$NAME`/`${NAME…}` on FROM and ARG lines, by name. */
  uses: Map<string, number>;
  /** Of those, the whole tag of an image (`python:${TAG}`), by `image:NAME`. */
  tags: Map<string, number>;
  /** The tag ARGs whose default this rule has rewritten. */
  rewritten: Set<ArgDefault>;
}

// Gathered once per file: a file of thousands of `python:${TAG}` stages asks once per stage, and
// scanning every line (and every edit) each time made migrating it grow with the square.
const factsByContext = new WeakMap<MigrationContext, FileFacts>();

function fileFacts(ctx: MigrationContext): FileFacts {
  const known = factsByContext.get(ctx);
  if (known?.text === ctx.text) return known;
  const facts: FileFacts = {
    text: ctx.text,
    uses: new Map(),
    tags: new Map(),
    rewritten: new Set(),
  };
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const line of ctx.text.split(/\r?\n/)) {
    if (!/^\s*(?:FROM|ARG)\s/i.test(line)) continue;
    for (const m of line.matchAll(/\$\{?(\w+)/g)) add(facts.uses, m[1]!);
    // An image has no `$`, `:` or `@` of its own here (from.ts only asks about such references).
    for (const m of line.matchAll(/(?:^|[\s="'])([^\s="'$:@]+):\$\{?(\w+)\}?(?![\w$])/g))
      add(facts.tags, `${m[1]}:${m[2]}`);
  }
  factsByContext.set(ctx, facts);
  return facts;
}

/**
 * Tag words that are variables holding only the Debian release or variant (`${DEBIAN_VERSION}`
 * = bookworm): they go, with the `-` before them, since the Alpine tag has no place for them.
 * Returns the tag without them and the names dropped.
 */
export function dropDebianVariables(
  tag: string,
  args: readonly ArgDefault[],
): { tag: string; dropped: string[] } {
  const dropped: string[] = [];
  const kept = tag.split("-").filter((token) => {
    const v = /^\$\{?(\w+)\}?$/.exec(token);
    const arg = v ? globalArg(args, v[1]!) : undefined;
    if (!arg || !debianOnly(arg.value)) return true;
    dropped.push(arg.name);
    return false;
  });
  return { tag: kept.join("-"), dropped };
}
