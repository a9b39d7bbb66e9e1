/**
 * Debian's JDK directory (`/usr/lib/jvm/java-17-openjdk-amd64`) in a stage that has a JDK on
 * Alpine: rewritten to where that JDK is, so `ENV JAVA_HOME=…` keeps pointing at a Java.
 *
 * Where Alpine's JDKs are, from aports' community/openjdkNN APKBUILDs (their `_java_home`):
 * openjdk11, openjdk17, openjdk21 … install into /usr/lib/jvm/java-NN-openjdk, with no
 * architecture suffix, and openjdk8 into /usr/lib/jvm/java-1.8-openjdk. The eclipse-temurin
 * images, on Ubuntu and Alpine alike, keep theirs in /opt/java/openjdk (the JAVA_HOME their
 * Dockerfiles set).
 */
import type { MigrationContext } from "../migrate/context.js";
import { sourceSpan } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { baseRepository } from "./base-image.js";
import { DEBIAN_JDK_DIR, jdkDirNote, NOTE_JOIN } from "./debian-layout.js";
import type { StageState } from "./scope.js";

/** Instructions whose text names the directory as a value or a literal path. */
const KEYWORDS = new Set(["ENV", "ARG", "RUN", "CMD", "ENTRYPOINT"]);
/** Alpine's JDK and JRE packages (openjdk17-jre-headless, openjdk8-jre-base …): the major. */
const ALPINE_JDK = /^openjdk(\d+)(?:-(?:jre|jre-headless|jre-base|jdk|jmods))?$/;
const DEBIAN_JDK = /^openjdk-(\d+)-(?:jre|jdk)(?:-headless)?$/;
const TEMURIN_HOME = "/opt/java/openjdk";

/** Alpine's directory for a JDK major. */
export function alpineJdkHome(major: string): string {
  return major === "8" ? "/usr/lib/jvm/java-1.8-openjdk" : `/usr/lib/jvm/java-${major}-openjdk`;
}

/**
 * Rewrites Debian's JDK directories in the stage to the Alpine JDK it installs (or has from the
 * stage it is built FROM), or to eclipse-temurin's; the layout warning on each rewritten path
 * goes. Without a JDK to point at, the path and its warning stay.
 */
export function rewriteJavaHome(ctx: MigrationContext, state: StageState): void {
  const home = homeFor(ctx, state);
  for (const ins of state.info.stage.body) {
    if (!KEYWORDS.has(ins.keyword)) continue;
    const done = new Set<string>();
    const left = new Set<string>();
    for (const m of ins.args.text.matchAll(DEBIAN_JDK_DIR)) {
      const to = home(m[1] ?? m[2]!);
      const [s, e] = sourceSpan(ins.args, m.index, m.index + m[0].length);
      if (to === undefined || ctx.text.slice(s, e) !== m[0] || edited(ctx, s, e)) {
        left.add(m[0]);
        continue;
      }
      ctx.edit("apt", s, e, to);
      done.add(m[0]);
    }
    const dropped = new Set([...done].filter((p) => !left.has(p)).map(jdkDirNote));
    if (dropped.size > 0) dropNotes(ctx, ins, dropped);
  }
}

/** The Alpine directory for a Debian JDK major, when the stage has a JDK to point at. */
function homeFor(ctx: MigrationContext, state: StageState): (major: string) => string | undefined {
  const alpine = new Set<string>();
  for (const name of state.alpineInstalled) {
    const m = ALPINE_JDK.exec(name);
    if (m) alpine.add(m[1]!);
  }
  const debian = new Set<string>();
  for (const name of state.debianInstalled) {
    const m = DEBIAN_JDK.exec(name);
    if (m) debian.add(m[1]!);
  }
  const temurin = baseRepository(ctx, state.info.stage) === "eclipse-temurin";
  return (major) => {
    if (alpine.has(major)) return alpineJdkHome(major);
    // Debian's openjdk-N mapped to another Alpine major (a version change, warned about there).
    const [only] = alpine;
    if (alpine.size === 1 && debian.has(major)) return alpineJdkHome(only!);
    if (alpine.size === 0 && temurin) return TEMURIN_HOME;
    return undefined;
  };
}

/** Another rule already changes this span (a removed RUN, a rewritten sh -c string). */
function edited(ctx: MigrationContext, start: number, end: number): boolean {
  return ctx.edits.some((e) => e.start < end && start < e.end);
}

/** Removes the layout notes on the rewritten paths from the instruction's warning. */
function dropNotes(ctx: MigrationContext, ins: Instruction, notes: ReadonlySet<string>): void {
  const warnings = ctx.warnings;
  for (let k = warnings.length - 1; k >= 0; k--) {
    const w = warnings[k]!;
    if (w.rule !== "apt" || w.offset < ins.start || w.offset > ins.end) continue;
    const parts = w.message.split(NOTE_JOIN);
    const kept = parts.filter((p) => !notes.has(p));
    if (kept.length === parts.length) continue;
    if (kept.length === 0) warnings.splice(k, 1);
    else warnings[k] = { ...w, message: kept.join(NOTE_JOIN) };
  }
}
