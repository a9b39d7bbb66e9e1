const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9})\d*)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Reads an RFC 3339 date-time (offsets and fractions included) as milliseconds since the
 * epoch (whole seconds) and the fraction of a second as nine digits. Undefined when the text
 * is not one, or names a day or time that does not exist.
 */
export function parseTimestamp(text: string): { ms: number; fraction: string } | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const leap = second === 60;
  const base = Date.UTC(year, month - 1, day, hour, minute, leap ? 59 : second);
  const check = new Date(base);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 60
  )
    return undefined;
  let offset = 0;
  if (!m[8]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offset = (m[9] === "-" ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  // A leap second (…:60) sorts after …:59 and before the next minute.
  const fraction = leap ? "999999999" : (m[7] ?? "").padEnd(9, "0");
  return { ms: base - offset, fraction };
}

/** Compares two parsed times; a missing time counts as the oldest. */
export function compareTimes(
  a: { time?: number; timeFraction?: string },
  b: { time?: number; timeFraction?: string },
): number {
  if (a.time === undefined || b.time === undefined)
    return (a.time === undefined ? 0 : 1) - (b.time === undefined ? 0 : 1);
  if (a.time !== b.time) return a.time - b.time;
  const fa = a.timeFraction ?? "000000000";
  const fb = b.timeFraction ?? "000000000";
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}
