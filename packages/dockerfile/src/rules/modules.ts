import type { MigrationContext } from "../migrate/context.js";
import { addPackage } from "./place.js";
import type { StageState } from "./scope.js";

/**
 * Libraries that load parts of themselves at run time. The scanelf scan that replaces Debian's
 * ldd/dpkg-query one finds only what binaries link (`so:` names), so these modules would be
 * deleted with the build dependencies; on Debian the library package carried them.
 */
const MODULES: readonly { dev: string; add: string; debian: string; reason: string }[] = [
  {
    dev: "imagemagick-dev",
    add: "imagemagick",
    debian: "libmagickcore-6.q16-6",
    reason:
      "ImageMagick reads and writes formats through coder modules it loads at run time; Debian's libmagickcore package ships them with the library, Alpine's imagemagick-libs does not (they are in imagemagick), and scanelf sees only the linked libraries",
  },
  {
    dev: "icu-dev",
    add: "icu-data-full",
    debian: "libicuNN",
    reason:
      "ICU loads its locale and converter data at run time; Debian's libicuNN (kept by the ldd scan) carries the data of every locale, Alpine's icu-libs (what scanelf finds) pulls in only icu-data-en, so PHP intl, Node Intl or ICU collations would fall back to English; drop icu-data-full (about 30 MB) if English is all the image needs",
  },
];

/** Keeps the run-time modules of libraries a build-deps RUN linked against (see MODULES). */
export function addRuntimeModules(ctx: MigrationContext, state: StageState): void {
  const at = state.runtimeScanAt;
  if (at === undefined) return;
  for (const m of MODULES) {
    if (!state.alpineInstalled.has(m.dev) || state.lasting.has(m.dev)) continue;
    if (state.lasting.has(m.add)) continue;
    addPackage(ctx, state, {
      pkg: m.add,
      debian: m.debian,
      // Debian's library package carried them; Alpine packages them apart.
      kind: "split",
      offset: at,
      rule: "apt",
      warning: `${m.dev} was a build dependency and the image keeps only the libraries scanelf finds: added ${m.add} for the modules it loads at run time`,
      reason: m.reason,
    });
  }
}
