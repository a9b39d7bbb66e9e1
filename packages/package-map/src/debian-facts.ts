import { loadDebian } from "./data.js";
import { withPrefix } from "./sorted.js";

export interface DebianBinary {
  source: string;
  commands: string[];
}

/** Source and commands of a Debian bookworm binary; a name absent from the slice is its own source. */
export function debianBinary(name: string): DebianBinary {
  const data = loadDebian();
  const row = Object.hasOwn(data.binaries, name) ? data.binaries[name] : undefined;
  if (!row) return { source: name, commands: [] };
  const [source = "", ...commands] = row;
  return { source: source || name, commands };
}

let sortedNames: string[] | undefined;

/**
 * The source of a bookworm binary that `name` is a prefix of, for names bookworm does not have
 * (trixie's `libwxgtk3.2-1t64` written as `libwxgtk3.2`): `libwxgtk3.2-1` → wxwidgets3.2.
 */
export function debianSiblingSource(name: string): { binary: string; source: string } | undefined {
  sortedNames ??= Object.keys(loadDebian().binaries).sort();
  for (const binary of withPrefix(sortedNames, name)) {
    if (/^[-\d]/.test(binary.slice(name.length))) {
      return { binary, source: debianBinary(binary).source };
    }
  }
  return undefined;
}

/**
 * The bookworm binary of the same PostgreSQL extension for bookworm's server major, for a name
 * bookworm does not have (PGDG's `postgresql-16-repack` → `postgresql-15-repack`).
 */
export function debianPostgresSibling(extension: string): string | undefined {
  sortedNames ??= Object.keys(loadDebian().binaries).sort();
  for (const binary of withPrefix(sortedNames, "postgresql-")) {
    if (/^postgresql-\d+-(.+)$/.exec(binary)?.[1] === extension) return binary;
  }
  return undefined;
}
