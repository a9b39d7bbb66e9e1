const UNITS = ["bytes", "KiB", "MiB", "GiB", "TiB"] as const;

/**
 * A byte count as people read it: `900 bytes`, `1 KiB`, `1.5 MiB`, `512 MiB`: one decimal below
 * 10 of a unit and none from 10 up, so a limit of exactly 1K reads "1 KiB", not "0.0 MiB".
 */
export function formatBytes(bytes: number): string {
  const n = Number.isFinite(bytes) ? Math.max(0, bytes) : 0;
  if (n < 1024) {
    const whole = Math.round(n);
    return `${whole} ${whole === 1 ? "byte" : "bytes"}`;
  }
  let unit = 0;
  let value = n;
  while (unit < UNITS.length - 1) {
    const rounded = round(value);
    // Moves on while the rounded value would still read 1024 of this unit or more.
    if (rounded < 1024) break;
    value /= 1024;
    unit++;
  }
  return `${round(value)} ${UNITS[unit]}`;
}

const round = (v: number) => (v < 10 ? Math.round(v * 10) / 10 : Math.round(v));
