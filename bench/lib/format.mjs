// Number formatting and fixed-width tables for benchmark output.

/** "850 ms", or "1.25 s" from one second up. */
export const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** Microseconds per unit of input: "1.25 µs/line". */
export const perUnit = (ms, count, unit, digits = 2) =>
  `${((ms * 1000) / count).toFixed(digits)} µs/${unit}`;

/** Mebibytes from bytes, one decimal. */
export const mib = (bytes) => (bytes / 1048576).toFixed(1);

/**
 * Prints a header line and one line per row in fixed-width columns separated by one space.
 * A column is [title, width, cell(row) => string] and is left-aligned, or right-aligned when its
 * width is negative. Trailing spaces are dropped.
 */
export function printTable(columns, rows) {
  const line = (cells) =>
    cells
      .map((cell, i) => {
        const width = columns[i][1];
        return width < 0 ? cell.padStart(-width) : cell.padEnd(width);
      })
      .join(" ")
      .trimEnd();
  console.log(line(columns.map(([title]) => title)));
  for (const row of rows) console.log(line(columns.map(([, , cell]) => cell(row))));
}
