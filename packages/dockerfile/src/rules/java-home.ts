/**
 * Debian's JDK directory (`/usr/lib/jvm/java-17-openjdk-amd64`) in a stage that has a JDK on
 * Alpine: rewritten to where that JDK is, so `ENV JAVA_HOME=…` keeps pointing at a Java.
 *
 * Where Alpine's JDKs are, from aports' community/openjdkNN APKBUILDs (their `_java_home`):
 * openjdk11, openjdk17, openjdk21 … install into /usr/lib/jvm/java-NN-openjdk, with no
 * architecture suffix, and openjdk8 into /usr/lib/jvm/java-1.8-openjdk. The eclipse-temurin
 * images, on Ubuntu and Alpine alike, keep theirs in /opt/java/openjdk (the JAVA_HOME their
 * Dockerfiles set).
 *
 * Debian's default-jdk/default-jre keep the link /usr/lib/jvm/default-java (its java-common);
 * Alpine's java-common, which every openjdkNN-jre-headless depends on, has a trigger that points
 * /usr/lib/jvm/default-jvm at the newest java-* directory (aports community/java-common).
 */
import type { MigrationContext } from "../migrate/context.js";
import { sourceSpan } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { baseRepository } from "./base-image.js";
import { DEBIAN_JDK_DIR, jdkDirNote, NOTE_JOIN } from "./debian-layout.js";
import { debianRelease } from "./debian-releases.js";
import { rootReference } from "./python-version.js";
import type { StageState } from "./scope.js";

/** Instructions whose text names the directory as a value or a literal path. */
const KEYWORDS = new Set(["ENV", "ARG", "RUN", "CMD", "ENTRYPOINT"]);
/** Alpine's JDK and JRE packages (openjdk17-jre-headless, openjdk8-jre-base …): the major. */
const ALPINE_JDK = /^openjdk(\d+)(?:-(?:jre|jre-headless|jre-base|jdk|jmods))?$/;
const DEBIAN_JDK = /^openjdk-(\d+)-(?:jre|jdk)(?:-headless)?$/;
const TEMURIN_HOME = "/opt/java/openjdk";
/** Debian's link to its default JDK, and Alpine's to the newest JDK installed. */
const DEBIAN_DEFAULT_JAVA = /\/usr\/lib\/jvm\/default-java(?![\w.-])/g;
const ALPINE_DEFAULT_JVM = "/usr/lib/jvm/default-jvm";

/** Alpine's directory for a JDK major. */
function alpineJdkHome(major: string): string {
  return major === "8" ? "/usr/lib/jvm/java-1.8-openjdk" : `/usr/lib/jvm/java-${major}-openjdk`;
}

/**
 * Rewrites Debian's JDK directories in the stage to the Alpine JDK it installs (or has from the
 * stage it is built FROM), or to eclipse-temurin's; the layout warning on each rewritten path
 * goes. Without a JDK to point at, the path and its warning stay.
 */
export function rewriteJavaHome(ctx: MigrationContext, state: StageState): void {
  flagDefaultJavaMajor(ctx, state);
  const home = homeFor(ctx, state);
  for (const ins of state.info.stage.body) {
    if (!KEYWORDS.has(ins.keyword)) continue;
    rewriteDefaultJava(ctx, state, ins, home(DEFAULT));
    const done = new Set<string>();
    const left = new Set<string>();
    for (const m of ins.args.text.matchAll(DEBIAN_JDK_DIR)) {
      const to = home(m[1] ?? m[2]!);
      const [s, e] = sourceSpan(ins.args, m.index, m.index + m[0].length);
      if (to === undefined || ctx.text.slice(s, e) !== m[0] || edited(ctx, s, e)) {
        left.add(m[0]);
        continue;
      }
      // `-$(dpkg --print-architecture)` goes whole: the arch rule's rewrite inside it with it.
      dropInside(ctx, s, e);
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
    if (major === DEFAULT && alpine.size > 0) return ALPINE_DEFAULT_JVM;
    if (alpine.has(major)) return alpineJdkHome(major);
    // Debian's openjdk-N mapped to another Alpine major (a version change, warned about there).
    const [only] = alpine;
    if (alpine.size === 1 && debian.has(major)) return alpineJdkHome(only!);
    if (alpine.size === 0 && temurin) return TEMURIN_HOME;
    return undefined;
  };
}

/** What homeFor is asked for Debian's default-java link rather than a major's directory. */
const DEFAULT = "default";

/**
 * `/usr/lib/jvm/default-java` → `/usr/lib/jvm/default-jvm` in a converted stage with an Alpine
 * JDK (eclipse-temurin's /opt/java/openjdk on that image); without one it stays, with a warning.
 */
function rewriteDefaultJava(
  ctx: MigrationContext,
  state: StageState,
  ins: Instruction,
  to: string | undefined,
): void {
  if (!state.info.alpine || state.info.already) return;
  for (const m of ins.args.text.matchAll(DEBIAN_DEFAULT_JAVA)) {
    const [s, e] = sourceSpan(ins.args, m.index, m.index + m[0].length);
    if (ctx.text.slice(s, e) !== m[0] || edited(ctx, s, e)) continue;
    if (to !== undefined) {
      ctx.edit("apt", s, e, to);
      continue;
    }
    ctx.warn(
      "apt",
      s,
      `${m[0]} is the link Debian's default-jdk/default-jre keep to its default JDK; on Alpine it is ${ALPINE_DEFAULT_JVM} (java-common points it at the newest openjdkNN installed), and this stage installs no Alpine JDK: install one and use ${ALPINE_DEFAULT_JVM}`,
    );
  }
}

/**
 * Another rule already changes this span (a removed RUN, a rewritten sh -c string), other than
 * by the arch rule's rewrite of a `dpkg --print-architecture` inside it.
 */
export function edited(ctx: MigrationContext, start: number, end: number): boolean {
  return ctx.edits.some((e) => e.start < end && start < e.end && !inside(e, start, end));
}

function inside(e: { rule: string; start: number; end: number }, start: number, end: number) {
  return e.rule === "arch" && e.start >= start && e.end <= end;
}

export function dropInside(ctx: MigrationContext, start: number, end: number): void {
  for (let k = ctx.edits.length - 1; k >= 0; k--)
    if (inside(ctx.edits[k]!, start, end)) ctx.edits.splice(k, 1);
}

/** Removes the layout notes on the rewritten paths from the instruction's warning. */
export function dropNotes(
  ctx: MigrationContext,
  ins: Instruction,
  notes: ReadonlySet<string>,
): void {
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

/**
 * The Java major Debian's default-jdk/default-jre depend on, by release codename (their
 * java-common: openjdk-11 on buster, bullseye and Ubuntu 18.04-22.04, 17 on bookworm, 21 on
 * trixie and Ubuntu 24.04).
 */
const DEBIAN_DEFAULT_JAVA_MAJOR: Readonly<Record<string, string>> = {
  buster: "11",
  bullseye: "11",
  bookworm: "17",
  trixie: "21",
  bionic: "11",
  focal: "11",
  jammy: "11",
  noble: "21",
};

const DEBIAN_DEFAULT_JAVA_PACKAGE = /(?<=^|[\s=])default-(?:jdk|jre)(?:-headless)?(?=[\s;&|\\]|$)/m;

/**
 * Rule `apt` (Java version): the package map answers default-jdk/default-jre with the Alpine
 * release's default major (openjdk21), whatever Debian release the file was on; where that
 * release's default-jdk is another major (17 on bookworm), the stage gets a warning naming both.
 */
function flagDefaultJavaMajor(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || state.info.already) return;
  const names = [...state.debianInstalled].filter((n) => /^default-(?:jdk|jre)/.test(n));
  if (names.length === 0) return;
  const stage = state.info.stage;
  const release = debianRelease(rootReference(ctx, stage));
  const debian = release && DEBIAN_DEFAULT_JAVA_MAJOR[release.codename];
  const alpine = [...state.alpineInstalled].flatMap((n) => ALPINE_JDK.exec(n)?.[1] ?? []);
  if (!release || debian === undefined || alpine.length === 0 || alpine.includes(debian)) return;
  const at = installOffset(state) ?? stage.from.start;
  ctx.warn(
    "apt",
    at,
    `${names[0]} is Java ${debian} on ${release.distro} ${release.version} (${release.codename}); on Alpine ${ctx.release} it became Java ${alpine.join(", ")} (openjdk${alpine[0]}): check the application runs on it, or install openjdk-${debian}-jdk (openjdk${debian}-jdk where Alpine still ships it) to keep Java ${debian}`,
  );
}

/** Where the stage's first RUN names default-jdk or default-jre. */
function installOffset(state: StageState): number | undefined {
  for (const ins of state.info.stage.body) {
    if (ins.keyword !== "RUN") continue;
    const m = DEBIAN_DEFAULT_JAVA_PACKAGE.exec(ins.args.text);
    if (m) return sourceSpan(ins.args, m.index, m.index + m[0].length)[0];
  }
  return undefined;
}
