import { parseScript, type Script } from "../shell/script.js";
import { ShellSyntaxError } from "../shell/tokenize.js";
import { glibcLayoutHits } from "./debian-layout.js";
import { glibcDownloadNote, glibcDownloadWord, namesGlibcDownload } from "./glibc-download.js";
import { type GlibcRid, glibcRidNote, glibcRids } from "./glibc-rid.js";

/**
 * What a glibc build found in a script is:
 * - `dotnet`: a .NET runtime identifier for glibc (`-r linux-x64`);
 * - `layout`: a program of the glibc layout table (a Node.js tarball, a Rust `-gnu` triple,
 *   tini's plain asset, the AWS CLI v2 installer, `nvm install`…);
 * - `download`: a download named for glibc (`linux-gnu`, `glibc`, Adoptium's `linux_hotspot`);
 * - `wheel`: a `manylinux` wheel, which pip on Alpine does not install (it looks for musllinux);
 * - `deb`: a `.deb`, an archive of Debian's (its programs are glibc builds once unpacked).
 */
export type GlibcArtifactKind = "dotnet" | "layout" | "download" | "wheel" | "deb";

export interface GlibcArtifact {
  /** Offset in the script text. */
  index: number;
  kind: GlibcArtifactKind;
  /** migrate's warning for it, with the musl build to use. */
  note: string;
  /** Where the build lands, when the command names it (`dotnet publish -o /out`). */
  output?: string;
}

/**
 * The glibc builds a RUN's script makes or fetches, as migrate's `glibc` rule finds them
 * (flagDotnetRid, flagGlibc, the layout table's glibc notes): one detection, read by migrate to
 * warn and by `alpinize check` to judge whether the build ends up where musl has to run it.
 */
export function glibcArtifacts(text: string, release?: string): GlibcArtifact[] {
  const out = [...glibcRids(text).map(ridArtifact), ...layoutArtifacts(text, "RUN", release)];
  for (const item of scriptItems(text)) {
    if (item.kind !== "pipeline") continue;
    // One per pipeline, as migrate warns.
    for (const cmd of item.commands) {
      const w = glibcDownloadWord(cmd);
      if (!w) continue;
      out.push(downloadArtifact(w.raw, w.start));
      break;
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * The glibc builds an ADD fetches: its URL sources (the text after its flags), as migrate's
 * layout table and download rule read them. A `.deb` or wheel ADD only puts an archive there,
 * which nothing runs as it is (a RUN that installs it is read on its own).
 */
export function glibcAddArtifacts(text: string, release?: string): GlibcArtifact[] {
  const out = layoutArtifacts(text, "ADD", release);
  const url = /(?:^|\s)(["']?)([a-z][\w+.-]*:\/\/[^\s"']+)\1/gi;
  for (const m of text.matchAll(url)) {
    const raw = m[2] ?? "";
    if (!namesGlibcDownload(raw)) continue;
    const found = downloadArtifact(raw, m.index + m[0].indexOf(raw));
    if (found.kind === "download") out.push(found);
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The script's items; none for a script sh cannot read (migrate does not convert it either). */
function scriptItems(text: string): Script["items"] {
  try {
    return parseScript(text).items;
  } catch (err) {
    if (err instanceof ShellSyntaxError) return [];
    throw err;
  }
}

function ridArtifact(rid: GlibcRid): GlibcArtifact {
  return {
    index: rid.start,
    kind: "dotnet",
    note: glibcRidNote(rid.archs),
    ...(rid.output ? { output: rid.output } : {}),
  };
}

function layoutArtifacts(text: string, keyword: string, release?: string): GlibcArtifact[] {
  return glibcLayoutHits(text, keyword, release).map((hit) => ({
    index: hit.index,
    kind: "layout",
    note: hit.note,
  }));
}

function downloadArtifact(raw: string, index: number): GlibcArtifact {
  return { index, kind: downloadKind(raw), note: glibcDownloadNote(raw) };
}

function downloadKind(raw: string): GlibcArtifactKind {
  const rest = raw.replace(/manylinux/gi, "");
  if (rest !== raw && !/linux-gnu|glibc|_linux_hotspot/i.test(rest)) return "wheel";
  if (/\.deb(?:$|[?#"'\s])/i.test(raw) && !/linux-gnu|glibc|_linux_hotspot/i.test(raw))
    return "deb";
  return "download";
}
