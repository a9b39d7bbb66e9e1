import { linkedOutScripts } from "../check/context-link.js";
import type { MissingScript } from "../discover/missing-source.js";
import type { TransformWarning } from "../transforms.js";
import type { FilePlan } from "./types.js";

/**
 * The scripts a migrated image runs (ENTRYPOINT/CMD, and a RUN's: `unreadRunScripts`) whose COPY
 * source links out of the build context, or is a link to nothing: not read, so not migrated (a
 * RUN's is read for what it needs, never rewritten: not checked), and broken for Docker. A `context` warning at the COPY, as
 * the Dockerfile migration gives for each file it asked the context for, and as `check` reports
 * them (`context-link`); one the migration already gave (same COPY, same file) is not repeated,
 * so each script is reported once. A warning, not a file skipped (exit 2): the link is the
 * build's problem, as a missing script is (`script-not-found`), not input alpinize could not read.
 */
export function contextLinkWarnings(
  outside: readonly MissingScript[],
  dockerfile: FilePlan,
  ignoreImages: readonly string[],
): TransformWarning[] {
  const warned = dockerfile.warnings.filter((w) => w.rule === "context");
  // The migration's warning starts with the quoted name it asked for: the file, or the linked
  // folder the COPY names that the file is in (`COPY ext/ /opt/`).
  const given = (line: number, source: string) =>
    warned.some(
      (w) =>
        w.line === line &&
        namesOf(source).some((n) => w.message.startsWith(`${n} `) || w.message.startsWith(`${n},`)),
    );
  return linkedOutScripts(outside, dockerfile.stagesAfter ?? [], ignoreImages)
    .filter((m) => !given(m.line, m.source))
    .map((m) => ({
      rule: "context",
      line: m.line,
      message: `${m.what}, ${m.problem}, so alpinize did not read it and ${m.byRun ? "nothing in it was checked" : "it was not migrated"}; ${m.docker}: ${m.fix}, then run alpinize migrate again`,
    }));
}

/** `a/b/c.sh`: itself and the folders it is in, as a COPY may name them (`a`, `a/`, `a/b`, `a/b/`). */
function namesOf(source: string): string[] {
  const names = [source];
  for (let i = source.indexOf("/"); i > 0; i = source.indexOf("/", i + 1))
    names.push(source.slice(0, i), source.slice(0, i + 1));
  return names;
}
