import type { PackageDecision } from "@alpinize/package-map";
import type { MigrationContext } from "../migrate/context.js";
import { simpleCommands } from "../shell/script.js";
import { withNestedSources } from "./nested.js";
import { runScripts } from "./run-scripts.js";
import type { StageState } from "./scope.js";

// Packages Debian needs at build time that an Alpine base already covers.

/**
 * Whether migrate drops wget's display-only options (`--show-progress`, `--progress=dot`) from
 * the stage's direct wget calls, so busybox wget runs them: the stage calls wget only in ways
 * busybox wget takes, and no GNU wget is installed for good. The rule busybox then adds no GNU
 * wget for those options. The same test gates the drop in run.ts.
 */
export function dropsWgetDisplayOptions(stage: StageState): boolean {
  return stage.wget.kind === "busybox" && !stage.info.already && !stage.alpineInstalled.has("wget");
}

/**
 * wget is a busybox applet in every Alpine image. When each wget call the stage makes uses only
 * options the applet accepts, a build-time GNU wget is not needed; any other option keeps it.
 */
export function busyboxWget(
  ctx: MigrationContext,
  stage: StageState,
  offset: number,
): PackageDecision | undefined {
  if (stage.wget.kind === "none") return undefined;
  if (stage.wget.kind === "gnu") {
    ctx.warn(
      "busybox",
      offset,
      `wget kept: ${stage.wget.options.join(", ")} needs GNU wget (busybox wget lacks it); drop the option to use busybox's`,
    );
    return undefined;
  }
  return {
    debian: "wget",
    alpine: [],
    kind: "none",
    reason:
      "busybox wget (always present on Alpine) accepts every option this stage's wget calls use (-O, -q, -c, -T, --header, --no-check-certificate, …)",
    layer: "migrate-rule",
  };
}

/**
 * Every Alpine base image ships ca-certificates-bundle (/etc/ssl/certs/ca-certificates.crt), the
 * trust store TLS downloads read. A ca-certificates that is installed only to be purged again in
 * the same RUN served those downloads, so the bundle does the job. The package proper (the
 * update-ca-certificates tool, custom CAs) matters only when the stage runs that tool.
 */
export function buildCaBundle(
  stage: StageState,
  mapped: PackageDecision,
): PackageDecision | undefined {
  if (!mapped.alpine.includes("ca-certificates")) return undefined;
  if (stage.commands.has("update-ca-certificates")) return undefined;
  return {
    debian: "ca-certificates",
    alpine: [],
    kind: "none",
    reason:
      "a temporary build dependency (removed again in the same RUN): Alpine images ship ca-certificates-bundle (/etc/ssl/certs/ca-certificates.crt), which TLS downloads during the build use; ca-certificates itself (update-ca-certificates, custom CAs) matters only at run time",
    layer: "migrate-rule",
  };
}

const BZIP2_COMMANDS = new Set(["bzip2", "bunzip2", "bzcat"]);
/** What busybox's bzip2/bunzip2/bzcat applets accept (`-cfkdtz1..9`). */
const BZIP2_OPTION = /^-[cfkdtz1-9]+$/;

/**
 * Debian's tar runs the external bzip2 program for .bz2 archives; busybox tar decompresses them
 * itself, and busybox has bzip2, bunzip2 and bzcat applets. A build-time bzip2 is not needed
 * unless the stage calls it with options the applets lack (or builds the call at run time).
 */
export function busyboxBzip2(
  ctx: MigrationContext,
  stage: StageState,
  offset: number,
): PackageDecision | undefined {
  for (const ins of stage.info.stage.body) {
    if (ins.keyword !== "RUN") continue;
    if (ins.form === "exec") return undefined;
    let sources: ReturnType<typeof runScripts>;
    try {
      sources = runScripts(ctx, ins).flatMap((s) => withNestedSources(s));
    } catch {
      return undefined;
    }
    for (const src of sources) {
      for (const c of simpleCommands(src.script)) {
        if (!BZIP2_COMMANDS.has(c.name?.replace(/^.*\//, "") ?? "")) continue;
        const options = c.args
          .slice(1)
          .filter((a) => a.value === undefined || a.value.startsWith("-"));
        const odd = options.find((a) => a.value === undefined || !BZIP2_OPTION.test(a.value));
        if (odd) {
          ctx.warn("busybox", offset, `bzip2 kept: ${odd.raw} is not an option of busybox's bzip2`);
          return undefined;
        }
      }
    }
  }
  return {
    debian: "bzip2",
    alpine: [],
    kind: "none",
    reason:
      "busybox tar reads .bz2 archives itself and busybox has bzip2, bunzip2 and bzcat applets; Debian's tar needs the bzip2 program (a build-time bzip2 only)",
    layer: "migrate-rule",
  };
}
