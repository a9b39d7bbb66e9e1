/**
 * A library named by its path in Debian's multiarch directory (`ENV LD_PRELOAD=/usr/lib/
 * x86_64-linux-gnu/libjemalloc.so.2`, Rails' `ln -s /usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2
 * …`) in a stage whose Alpine packages install the same file in /usr/lib: rewritten to
 * /usr/lib/<file>, on every architecture. musl's loader skips an LD_PRELOAD entry it cannot open
 * without a word, so the old path would silently run without the allocator.
 *
 * Where Alpine's packages put these files (aports APKBUILDs): main/jemalloc builds with
 * --prefix=/usr, so libjemalloc.so.2 (jemalloc's soname) is /usr/lib/libjemalloc.so.2 in
 * jemalloc, and abuild's default -dev split moves the libjemalloc.so link to jemalloc-dev;
 * community/mimalloc2 links /usr/lib/libmimalloc.so.2 to its secure build. Debian's libjemalloc2
 * and libmimalloc2.0 have /usr/lib/<triplet>/libjemalloc.so.2 and libmimalloc.so.2.
 */
import type { MigrationContext } from "../migrate/context.js";
import { sourceSpan } from "../parse/logical.js";
import { MULTIARCH_TRIPLET, multiarchNote } from "./debian-layout.js";
import { dropInside, dropNotes, edited } from "./java-home.js";
import type { StageState } from "./scope.js";

/** A library file in /usr/lib on Alpine → the apk packages that install it there. */
const ALPINE_USR_LIB: ReadonlyMap<string, readonly string[]> = new Map([
  ["libjemalloc.so.2", ["jemalloc", "jemalloc-dev"]],
  ["libjemalloc.so", ["jemalloc-dev"]],
  ["libmimalloc.so.2", ["mimalloc2", "mimalloc2-dev"]],
]);

/**
 * The multiarch directory as written: a triplet, or one computed for the build's architecture
 * (`$(uname -m)-linux-gnu`, `` `uname -m`-linux-gnu ``, `$(arch)-linux-gnu`,
 * `$(dpkg-architecture -qDEB_HOST_MULTIARCH)`, `$(gcc -print-multiarch)`).
 */
const UNAME = String.raw`(?:uname\s+(?:-m|--machine)|arch)`;
const ARCH_DIR = [
  MULTIARCH_TRIPLET,
  // \x60 is the backquote of `uname -m`.
  String.raw`(?:\$\(\s*${UNAME}\s*\)|\x60\s*${UNAME}\s*\x60)-linux-gnu`,
  String.raw`\$\(\s*(?:dpkg-architecture\s+(?:-q\s*|--query\s+)DEB_HOST_MULTIARCH|gcc\s+-print-multiarch)\s*\)`,
].join("|");
const LIB_PATH = new RegExp(
  String.raw`(?<![\w./-])(/usr/lib/(?:${ARCH_DIR}))/([\w+-][\w.+-]*)(?![\w.+/-])`,
  "g",
);
/** A multiarch directory as debian-layout.ts flags it (a literal triplet). */
const DEBIAN_DIR = new RegExp(`/usr/lib/${MULTIARCH_TRIPLET}\\b`, "g");
/** Instructions whose text names the path as a value or a command's word. */
const KEYWORDS = new Set(["ENV", "ARG", "RUN", "CMD", "ENTRYPOINT"]);

/**
 * Rewrites the multiarch path of each library an installed Alpine package has in /usr/lib; the
 * layout warning on the directory goes where every path in it was rewritten, and stays on the
 * others (a library no installed package is known to provide).
 */
export function rewriteMultiarchLibs(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine) return;
  const provided = (file: string) =>
    (ALPINE_USR_LIB.get(file) ?? []).some((pkg) => state.alpineInstalled.has(pkg));
  for (const ins of state.info.stage.body) {
    if (!KEYWORDS.has(ins.keyword) || !ins.args.text.includes("linux-gnu")) continue;
    if (!ins.args.text.includes("/usr/lib/")) continue;
    const done = new Set<string>();
    const spans: [number, number][] = [];
    for (const m of ins.args.text.matchAll(LIB_PATH)) {
      const [s, e] = sourceSpan(ins.args, m.index, m.index + m[0].length);
      if (!provided(m[2]!) || ctx.text.slice(s, e) !== m[0] || edited(ctx, s, e)) continue;
      dropInside(ctx, s, e);
      ctx.edit("apt", s, e, `/usr/lib/${m[2]}`);
      done.add(m[1]!);
      spans.push([m.index, m.index + m[0].length]);
    }
    // The note on a directory stays while the instruction names it anywhere else.
    const kept = new Set<string>();
    for (const d of ins.args.text.matchAll(DEBIAN_DIR))
      if (!spans.some(([a, b]) => d.index >= a && d.index < b)) kept.add(d[0]);
    const dropped = new Set([...done].filter((d) => !kept.has(d)).map(multiarchNote));
    if (dropped.size > 0) dropNotes(ctx, ins, dropped);
  }
}
