import { maskPasswords } from "@alpinize/image-ref";
import type { SimpleCommand } from "../shell/script.js";
import type { Word } from "../shell/tokens.js";
import { rustGnuTarget } from "./debian-layout.js";

// Adoptium's JDK assets: `…_x64_linux_hotspot_…` is the glibc build, `…_x64_alpine-linux_…` musl.
const GLIBC =
  /linux-gnu|glibc|manylinux|\.deb(?:$|[?#"'\s])|_(?:x64|aarch64|ppc64le|s390x|riscv64|arm)_linux_hotspot/i;
const INSTALLERS = /^(?:apt-get|apt|aptitude|dpkg|gdebi)$/;

/**
 * The first word of `cmd` that names a download built against glibc (rule 9), or undefined.
 * `skip`: words read elsewhere (migrate's converted `sh -c` strings). Shared by migrate's
 * flagGlibc and glibcArtifacts, which `alpinize check` reads.
 */
export function glibcDownloadWord(
  cmd: SimpleCommand,
  skip: (w: Word) => boolean = () => false,
): Word | undefined {
  // Removing a file (apt's cached .debs) is no download; a .deb given to apt/dpkg has its own,
  // more precise, warning from the apt rule.
  if (cmd.name === "rm") return undefined;
  const installer = INSTALLERS.test(cmd.name ?? "");
  for (const w of [...cmd.assignments, ...cmd.args.slice(1)]) {
    if (skip(w)) continue;
    if (installer && /\.deb$/.test(w.value ?? w.raw)) continue;
    if (namesGlibcDownload(w.raw)) return w;
  }
  return undefined;
}

/** Whether one word (a URL, a file name) names a download built against glibc. */
export function namesGlibcDownload(raw: string): boolean {
  // A local path (/usr/lib/x86_64-linux-gnu) is Debian's layout, flagged as such elsewhere.
  if (raw.startsWith("/")) return false;
  // A Rust -gnu target outside a download name is flagged, with its musl twin, by debianPathNote.
  if (rustGnuTarget(raw)) return false;
  return GLIBC.test(raw) && /[/.]/.test(raw);
}

/** What migrate says about such a word. */
export function glibcDownloadNote(raw: string): string {
  // The URL's `user:password@` is masked before the cut, which could leave half a password.
  return `${truncate(maskPasswords(raw))} looks like a glibc build: use the musl (linux-musl, musllinux) asset, or add gcompat`;
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
