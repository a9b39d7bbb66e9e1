import { loadDebian } from "./data.js";

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
