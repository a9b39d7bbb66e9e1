import { createPackageMap, DEFAULT_RELEASE, type PackageMap } from "@alpinize/package-map";
import { globalArgMap } from "../global-args.js";
import type { MigrationContext } from "../migrate/context.js";
import { rootStage, type Stage } from "../stages.js";
import { familiarRepository, splitReference } from "./images.js";
import type { StageInfo } from "./stage-info.js";

/**
 * The release a bare `-alpine` tag of an official image follows: the newest one alpinize knows,
 * as `alpinize check` reads such tags.
 */
const FLOATING_RELEASE = DEFAULT_RELEASE;

/** An `-alpine` tag the FROM rule wrote, which moves to each new Alpine release. */
interface FloatingTag {
  /** Where the tag was written (the FROM, or the ARG default the FROM reads). */
  start: number;
  /** The image reference as the stage now builds on it (`ruby:3.4-alpine`). */
  reference: string;
  /** Writes the pinned reference instead; returns what the FROM read before and reads now. */
  repin: Repin;
}

export type Repin = (pinned: string) => readonly [string, string] | undefined;

const floating = new WeakMap<MigrationContext, FloatingTag[]>();

/**
 * `ruby:3.4-alpine` → `ruby:3.4-alpine3.21`, `nginx:1.29-alpine-otel` → `nginx:1.29-alpine3.21-otel`.
 * Undefined when the tag has no bare `alpine` word, or the image is alpine itself.
 */
export function pinnedReference(reference: string, release: string): string | undefined {
  const ref = splitReference(reference);
  if (ref.tag === undefined || familiarRepository(ref.name) === "alpine") return undefined;
  if (!/(?:^|-)alpine(?:-|$)/.test(ref.tag)) return undefined;
  const tag = ref.tag.replace(/(^|-)alpine(?=-|$)/, `$1alpine${release}`);
  return `${ref.name}:${tag}${ref.digest === undefined ? "" : `@${ref.digest}`}`;
}

/** Records a written `-alpine` tag that `pinAlpineReleases` may pin once the packages are known. */
export function noteFloatingTag(
  ctx: MigrationContext,
  start: number,
  reference: string,
  repin: Repin,
): void {
  if (ctx.release === FLOATING_RELEASE) return;
  if (pinnedReference(reference, ctx.release) === undefined) return;
  let list = floating.get(ctx);
  if (!list) {
    list = [];
    floating.set(ctx, list);
  }
  list.push({ start, reference, repin });
}

let newestMap: PackageMap | undefined;

/**
 * A stage moved to an official image's bare `-alpine` tag builds on the newest Alpine, not the
 * release asked for: when it installs a package that release has and the newest lacks (clang19
 * is in 3.21, not in 3.24), the tag is pinned to the release (`-alpine3.21`), so the build gets
 * the packages migrate chose.
 */
export function pinAlpineReleases(ctx: MigrationContext, infos: readonly StageInfo[]): void {
  const tags = floating.get(ctx) ?? [];
  if (tags.length === 0) return;
  newestMap ??= createPackageMap({ release: FLOATING_RELEASE });
  const newest = newestMap;
  // Indexed once: asking every stage and every package record again for each tag made a file of
  // thousands of `FROM image:${TAG}` stages quadratic.
  const index = readerIndex(ctx, infos);
  for (const tag of tags) {
    const roots = index.rootsAt(tag.start);
    const stages = roots.flatMap((r) => index.byRoot.get(r) ?? []);
    const missing = index
      .writtenIn(roots)
      .filter((n) => ctx.packageMap.exists(n) && !newest.exists(n));
    if (missing.length === 0) continue;
    const pinned = pinnedReference(tag.reference, ctx.release)!;
    const changed = tag.repin(pinned);
    if (!changed) continue;
    followLabels(ctx, stages, changed);
    const ref = splitReference(tag.reference);
    const version = ref.tag?.replace(/(?:^|-)alpine(?=-|$)/, "").replace(/^-|-$/g, "");
    const names = missing.join(", ");
    const verb = missing.length === 1 ? "exists" : "exist";
    ctx.warn(
      "from",
      tag.start,
      `${names} ${verb} in Alpine ${ctx.release} but not in ${FLOATING_RELEASE}, which the bare -alpine tag follows: pinned to ${pinned}; check that ${familiarRepository(ref.name)}${version ? ` ${version}` : ""} publishes that tag`,
    );
  }
}

interface ReaderIndex {
  /** Every stage built on each root stage (the one naming an image), in file order. */
  byRoot: Map<Stage, Stage[]>;
  /** The root stages built on the image written at `start`: its FROM, or FROMs reading its ARG. */
  rootsAt(start: number): Stage[];
  /** The Alpine names the package records say were written in the stages on these roots. */
  writtenIn(roots: readonly Stage[]): string[];
}

const VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

function readerIndex(ctx: MigrationContext, infos: readonly StageInfo[]): ReaderIndex {
  const all = infos.map((i) => i.stage);
  const byRoot = new Map<Stage, Stage[]>();
  for (const s of all) push(byRoot, rootStage(s), s);
  const roots = all.filter((s) => !s.parent);
  const byVariable = new Map<string, Stage[]>();
  for (const r of roots)
    for (const name of new Set([...r.image.matchAll(VARIABLE)].map((m) => m[1]!)))
      push(byVariable, name, r);
  const args = [...globalArgMap(ctx.globalArgs).values()].sort((a, b) => a.start - b.start);
  const records = recordsByRoot(ctx, all);
  return {
    byRoot,
    rootsAt(start) {
      const arg = lastAtOrBefore(args, start, (a) => a.start);
      if (arg && start <= arg.end) return byVariable.get(arg.name) ?? [];
      const root = lastAtOrBefore(roots, start, (s) => s.imageStart);
      return root && start <= root.imageEnd ? [root] : [];
    },
    writtenIn(on) {
      // In record order, as the records were written: the warning names them in that order.
      const picked = on.flatMap((r) => records.get(r) ?? []).sort((a, b) => a - b);
      const names = new Set<string>();
      for (const k of new Set(picked)) for (const n of ctx.packages[k]!.written) names.add(n);
      return [...names];
    },
  };
}

/** Each package record's index, under the root of the stage whose lines hold it. */
function recordsByRoot(ctx: MigrationContext, stages: readonly Stage[]): Map<Stage, number[]> {
  const spans = stages
    .map((s) => {
      const last = s.body.at(-1)?.end ?? s.from.end;
      return { stage: s, first: ctx.line(s.from.start), last: ctx.line(last) };
    })
    .sort((a, b) => a.first - b.first);
  const out = new Map<Stage, number[]>();
  ctx.packages.forEach((record, k) => {
    const span = lastAtOrBefore(spans, record.line, (x) => x.first);
    if (span && record.line <= span.last) push(out, rootStage(span.stage), k);
  });
  return out;
}

/** The last item (sorted by `key`) whose key is at most `at`. */
function lastAtOrBefore<T>(sorted: readonly T[], at: number, key: (t: T) => number): T | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]!) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : sorted[lo - 1];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** `docker.io/library/ruby:3.4` and `ruby:3.4` name the same image. */
function bare(ref: string): string {
  return ref.replace(/^(?:docker\.io\/|index\.docker\.io\/)?(?:library\/)?/, "");
}

/** A base-name LABEL that followed the FROM to the bare tag follows it to the pinned one. */
function followLabels(
  ctx: MigrationContext,
  stages: readonly Stage[],
  [was, now]: readonly [string, string],
): void {
  const old = bare(was);
  for (const edit of ctx.edits) {
    if (edit.rule !== "from" || !edit.text.endsWith(old)) continue;
    const inBody = stages.some((s) => {
      const last = s.body.at(-1)?.end ?? s.from.end;
      return edit.start > s.from.end && edit.end <= last;
    });
    if (inBody) edit.text = edit.text.slice(0, -old.length) + bare(now);
  }
}
