import type { MigrationContext } from "../migrate/context.js";
import { baseRepository } from "./base-image.js";
import { addPackage } from "./place.js";
import type { StageState } from "./scope.js";

const CGO_ON = /\bCGO_ENABLED[= ]["']?1\b/;

/**
 * Rule `from` (what the variant ships): golang's Debian tags carry gcc and the libc headers, its
 * -alpine tags do not, so a stage that turns cgo on (`CGO_ENABLED=1`) gets `gcc musl-dev`.
 */
export function addCgoToolchain(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || state.info.already) return;
  if (baseRepository(ctx, state.info.stage) !== "golang") return;
  const on = state.info.stage.body.find(
    (ins) =>
      (ins.keyword === "ENV" || ins.keyword === "RUN" || ins.keyword === "ARG") &&
      CGO_ON.test(ins.args.text),
  );
  if (!on) return;
  const missing = ["gcc", "musl-dev"].filter((pkg) => !state.alpineInstalled.has(pkg));
  missing.forEach((pkg, k) => {
    addPackage(ctx, state, {
      pkg,
      debian: "golang image",
      offset: on.start,
      rule: "from",
      // One warning for the pair.
      warning:
        k === 0
          ? `CGO_ENABLED=1 needs a C compiler and libc headers, which golang's Debian tags carry and its -alpine tags do not: added ${missing.join(" ")}`
          : undefined,
      reason: "golang's Debian tags ship gcc and libc6-dev; the -alpine tags ship neither",
    });
  });
}
