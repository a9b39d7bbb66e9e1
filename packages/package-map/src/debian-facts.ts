import { loadDebian } from "./data.js";

export interface DebianBinary {
  source: string;
  commands: string[];
}

/** Facts about a Debian bookworm binary package, or undefined when bookworm has no such name. */
export function debianBinary(name: string): DebianBinary | undefined {
  const data = loadDebian();
  const row = Object.hasOwn(data.binaries, name) ? data.binaries[name] : undefined;
  if (!row) return undefined;
  const [source = "", ...commands] = row;
  return { source: source || name, commands };
}

export function debianVirtualProviders(name: string): string[] {
  const data = loadDebian();
  return Object.hasOwn(data.virtuals, name) ? (data.virtuals[name] ?? []) : [];
}

export function debianHomepage(source: string): string {
  const data = loadDebian();
  return (Object.hasOwn(data.sources, source) ? data.sources[source]?.[0] : "") ?? "";
}

export function debianBinaryNames(): string[] {
  return Object.keys(loadDebian().binaries);
}
