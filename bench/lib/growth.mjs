// Growth checks: a case timed at a small size and at k times it, next to a baseline that is
// linear by construction measured in the same run, in turns. Linear code keeps the
// work/baseline ratio flat as the input grows; a quadratic step makes it grow about k times.
import { fmtMs, printTable } from "./format.mjs";
import { timeInTurns, warmUp } from "./timing.mjs";

/** Work over baseline for a row of `timeSizes`. */
export const ratio = (row) => row.ms / row.baseMs;

/** The rows of one case, smallest size first. */
export const rowsOf = (rows, c) => rows.filter((r) => r.case === c);

/** How much a case's ratio grew from its smallest size to its largest: 1.0 = linear. */
export const growthOf = (caseRows) => ratio(caseRows.at(-1)) / ratio(caseRows[0]);

/**
 * Times every case at each of its sizes next to the baseline, in turns (`timeInTurns` options in
 * `timing`). A case is { sizes, text(n), run(text) } and may bring its own baseline
 * (`base(text)`, on `baseText(n)` instead of the same text) and a `setup(text)` run untimed
 * before a size (writing the file a check reads). With `warmSize`, each case first runs three
 * times untimed on a text of that size, so the first measured size is not charged for the JIT.
 * Returns rows { case, n, bytes, lines, ms, baseMs } (least times).
 */
export async function timeSizes(cases, { baseline, warmSize, timing }) {
  if (warmSize) {
    for (const c of cases) {
      const text = c.text(warmSize);
      await c.setup?.(text);
      await warmUp(() => c.run(text));
    }
  }
  const rows = [];
  for (const c of cases) {
    for (const n of c.sizes) {
      const text = c.text(n);
      const baseText = c.baseText?.(n) ?? text;
      const base = c.base ?? baseline;
      await c.setup?.(text);
      const [b, w] = await timeInTurns([() => base(baseText), () => c.run(text)], timing);
      const lines = text.split("\n").length - 1;
      rows.push({ case: c, n, bytes: text.length, lines, ms: w.best, baseMs: b.best });
    }
  }
  return rows;
}

/**
 * `timeSizes` of the cases the command line selects (`selectCases`), then `remove()` (the
 * benchmark's temporary folder) whether the timing ended or threw. Returns { cases, rows }.
 */
export async function timeSelected(allCases, options, remove) {
  const cases = selectCases(allCases);
  try {
    return { cases, rows: await timeSizes(cases, options) };
  } finally {
    remove();
  }
}

/** "name on shape": how a case { name, shape } is named in the growth lines. */
const nameOnShape = (c) => `${c.name} on ${c.shape}`;

/**
 * Prints, for each case, how much its work/baseline ratio and its time grew from the smallest
 * size to the largest, marked OVER when the ratio grew more than `limit` times. `label(c)` names
 * the case ("name on shape" by default); `work` and `base` name the two sides. Returns whether
 * any case was over.
 */
export function reportGrowth(
  cases,
  rows,
  { limit, label = nameOnShape, work = "work", base = "parse" },
) {
  let failed = false;
  for (const c of cases) {
    const caseRows = rowsOf(rows, c);
    const [small, large] = [caseRows[0], caseRows.at(-1)];
    const growth = growthOf(caseRows);
    const over = growth > limit;
    failed ||= over;
    console.log(
      `${label(c)}, ${large.n} vs ${small.n}: ${work}/${base} ratio ${growth.toFixed(2)}x, ` +
        `time ${(large.ms / small.ms).toFixed(2)}x (1.0x ratio and ${large.n / small.n}x time = linear)` +
        `${over ? `  OVER ${limit}x` : ""}`,
    );
  }
  return failed;
}

/**
 * Prints one line for a case timed at a size and at `factor` times it with no baseline: both
 * times and their ratio next to linear (factor) and quadratic (factor squared) growth, marked
 * OVER when `limit` is given and the ratio passes it.
 */
export function printScaling(label, small, large, { factor, width, digits = 1, limit }) {
  const r = large / small;
  const over = limit !== undefined && r > limit;
  console.log(
    `${label.padEnd(width)} ${small.toFixed(digits).padStart(8)} ms -> ${large.toFixed(digits).padStart(8)} ms` +
      `  ratio ${r.toFixed(1).padStart(5)} (linear ${factor}, quadratic ${factor ** 2})` +
      `${over ? `  OVER ${limit / factor}x linear` : ""}`,
  );
  return over;
}

/** The cases whose `name shape` holds the first word on the command line (all without one). */
export function selectCases(cases) {
  const only = process.argv[2];
  return cases.filter((c) => !only || `${c.name} ${c.shape}`.includes(only));
}

/**
 * The table of `timeSizes` rows of cases { name, shape } against their baseline: the size (titled
 * `sizeTitle`), bytes, both least times and work/baseline. `widths` are those of the first four
 * columns; `base`, `work` and `ratio` are [title, width] of the last three (parsing alone by
 * default), with `digits` decimals for the ratio.
 */
export function printWorkTable(
  rows,
  sizeTitle,
  widths,
  { base = ["parse", 9], work = ["work", 9], ratio: ratioTitle = "work/parse", digits = 1 } = {},
) {
  const [caseWidth, shapeWidth, sizeWidth, bytesWidth] = widths;
  printTable(
    [
      ["case", caseWidth, (r) => r.case.name],
      ["shape", shapeWidth, (r) => r.case.shape],
      [sizeTitle, sizeWidth, (r) => String(r.n)],
      ["bytes", bytesWidth, (r) => String(r.bytes)],
      [...base, (r) => fmtMs(r.baseMs)],
      [...work, (r) => fmtMs(r.ms)],
      [ratioTitle, 0, (r) => ratio(r).toFixed(digits)],
    ],
    rows,
  );
}

/**
 * One case per nesting shape and side: `nested(n)` is RUN text nested n deep, `flat(length)` a
 * RUN of as many characters with nothing nested, measured beside it as the baseline. Each side
 * gives its command (`run`), the Dockerfile around a RUN (`file`) and its depths (`sizes`).
 */
export function nestedCases(shapes, flat, sides) {
  return Object.entries(shapes).flatMap(([shape, nested]) =>
    sides.map(({ name, run, file, sizes }) => ({
      name,
      shape,
      run,
      base: run,
      text: (n) => file(nested(n)),
      baseText: (n) => file(flat(nested(n).length)),
      sizes,
    })),
  );
}
