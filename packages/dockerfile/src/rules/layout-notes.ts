/* The layout notes other rules read or drop: Debian's JDK, PHP and multiarch directories. */

/**
 * Debian's JDK directory for an architecture (`java-17-openjdk-amd64`, or its `java-1.17.0-…`
 * alias), also with the architecture computed: `$TARGETARCH` (whose values match Debian's for
 * amd64 and arm64), `$(dpkg --print-architecture)`, or any variable (`-$ARCH`, `-${arch}`): only
 * an architecture follows `java-NN-openjdk-`. Group 1 or 2 is the Java major. java-home.ts
 * rewrites it where the stage has a JDK.
 */
export const DEBIAN_JDK_DIR =
  /\/usr\/lib\/jvm\/java-(?:1\.(\d+)\.0|(\d+))-openjdk-(?:(?:amd64|arm64|armhf|armel|i386|ppc64el|s390x|riscv64|mips64el|loong64)(?![\w-])|\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*|\$\([^()\n]*\))/g;

/** The layout note on one of Debian's JDK directories, with Alpine's for its Java major. */
export function jdkDirNote(path: string): string {
  const m = /java-(?:1\.(\d+)\.0|(\d+))-openjdk/.exec(path);
  const major = m?.[1] ?? m?.[2];
  const alpine =
    major === undefined
      ? ""
      : `; with openjdk${major}, /usr/lib/jvm/${major === "8" ? "java-1.8" : `java-${major}`}-openjdk`;
  return `${path} is Debian's JDK directory; Alpine's openjdkNN installs into /usr/lib/jvm/java-NN-openjdk (java-1.8-openjdk for Java 8), with no architecture suffix, and eclipse-temurin images keep theirs in /opt/java/openjdk${alpine}`;
}

/** How debianPathNote joins the notes of one instruction. */
export const NOTE_JOIN = "; also, ";

/** How the note on /etc/php/X.Y/ starts: php-paths.ts drops it where it rewrites the path. */
export const PHP_LAYOUT_NOTE = "Debian's PHP layout";

/** Debian's multiarch triplets (`x86_64-linux-gnu`, `arm-linux-gnueabihf` …), as a pattern source. */
export const MULTIARCH_TRIPLET =
  "(?:x86_64|aarch64|arm|i386|powerpc64le|s390x)-linux-gnu(?:eabihf)?";

/** The layout note on one of Debian's multiarch library directories (multiarch-libs.ts drops it). */
export function multiarchNote(dir: string): string {
  return `${dir} is Debian's multiarch library directory; Alpine keeps libraries in /usr/lib and /lib`;
}
