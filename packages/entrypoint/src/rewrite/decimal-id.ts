/**
 * A UID or GID written with leading zeros (`groupadd -g 0999`, `useradd -u 01000`), as its
 * base-10 value: shadow's tools and busybox's addgroup/adduser read it in base 10 (0999 is 999),
 * while the shims take only plain decimal IDs and stop with "invalid GID '0999'" (exit 2). Any
 * other text (a name, a variable, an ID without leading zeros) is returned as it is.
 */
export function decimalId(id: string): string {
  const m = /^(["']?)0+(\d+)\1$/.exec(id);
  return m ? `${m[1]}${m[2]}${m[1]}` : id;
}
