export const KNOWN_RELEASES = ["3.21", "3.22", "3.23", "3.24"] as const;
export const DEFAULT_RELEASE = "3.24";

export type KnownRelease = (typeof KNOWN_RELEASES)[number];

export function isKnownRelease(value: string): value is KnownRelease {
  return (KNOWN_RELEASES as readonly string[]).includes(value);
}
