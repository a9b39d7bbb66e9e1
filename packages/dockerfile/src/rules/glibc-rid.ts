/**
 * Where a RID is given: `-r linux-x64`, `--runtime=linux-arm64`, `-p:RuntimeIdentifier=linux-x64`,
 * `RuntimeIdentifiers="linux-x64;linux-arm64"`. Group 1 is the value as written.
 */
const RID_USE =
  /(?:\s(?:-r|--runtime)(?:\s+|[=:])|RuntimeIdentifiers?=)["']?([^\s"'&|;<>)]*(?:;[^\s"'&|<>)]*)*)/g;
/** A glibc RID inside that value; `linux-musl-x64` and `linux-bionic-…` do not match. */
const GLIBC_RID = /(?:^|[;,]|%3B)linux-(x64|arm64|arm|x86)(?![\w-])/gi;
/** `-o DIR`, `--output DIR` (or `=DIR`) of the same dotnet command. */
const OUTPUT = /\s(?:-o|--output)(?:\s+|=)["']?([^\s"'&|;<>)]+)/;

/** A .NET runtime identifier for glibc given in a script: where its value is, and its archs. */
export interface GlibcRid {
  /** Offsets of the value in the text. */
  start: number;
  end: number;
  /** `x64`, `arm64`…: the architectures of the glibc RIDs in the value. */
  archs: string[];
  /** The command's `-o`/`--output` folder, when it names one: where the build lands. */
  output?: string;
}

/** Every glibc RID use in `text` (a RUN's script), in order; musl and bionic RIDs are left out. */
export function glibcRids(text: string): GlibcRid[] {
  const out: GlibcRid[] = [];
  for (const use of text.matchAll(RID_USE)) {
    const value = use[1] ?? "";
    const archs = [...value.matchAll(GLIBC_RID)].map((m) => (m[1] ?? "").toLowerCase());
    if (archs.length === 0) continue;
    const start = use.index + use[0].length - value.length;
    const output = OUTPUT.exec(commandAround(text, use.index))?.[1];
    out.push({ start, end: start + value.length, archs, ...(output ? { output } : {}) });
  }
  return out;
}

/**
 * The text of the command `index` is in: between the list operators around it, within a window
 * of AROUND characters each way (a RUN of many uses is read in linear time; an `-o` further off
 * is not seen, and the build is then taken to land anywhere).
 */
function commandAround(text: string, index: number): string {
  const start = Math.max(0, index - AROUND);
  const before = text.slice(start, index);
  const from = start + Math.max(...SEPARATORS.map((s) => before.lastIndexOf(s))) + 1;
  const rest = text.slice(index, index + AROUND);
  const ends = SEPARATORS.map((s) => rest.indexOf(s)).filter((k) => k >= 0);
  return text.slice(from, index + (ends.length > 0 ? Math.min(...ends) : rest.length));
}

const AROUND = 4096;
const SEPARATORS = ["&&", "||", ";", "|", "\n"];

/** What to say about glibc RIDs: the musl twins and the publish command with the first. */
export function glibcRidNote(archs: readonly string[]): string {
  const glibc = archs.map((a) => `linux-${a}`).join(", ");
  const musl = archs.map((a) => `linux-musl-${a}`).join(", ");
  const first = archs[0] ?? "x64";
  return `.NET runtime identifier${archs.length > 1 ? "s" : ""} ${glibc} build${archs.length > 1 ? "" : "s"} for glibc; on Alpine use ${musl} (dotnet publish -r linux-musl-${first})`;
}
