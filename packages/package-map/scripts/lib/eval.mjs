/** Rows of an evaluation TSV: debian, alpine ("-" = none), confidence, note. */
export function readEvalList(text) {
  const rows = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#") || line.startsWith("debian\t")) continue;
    const [debian, alpine = "", confidence = "certain", note = ""] = line.split("\t");
    if (!debian) continue;
    rows.push({
      debian,
      alpine: alpine === "-" ? [] : alpine.split(" ").filter(Boolean),
      confidence,
      note,
    });
  }
  return rows;
}

/** Exact agreement: the same set of Alpine names (order ignored). */
export function score(rows, map) {
  const out = {};
  for (const row of rows) {
    out[row.confidence] ??= { agree: 0, total: 0, misses: [] };
    const s = out[row.confidence];
    const d = map(row.debian);
    const got = [...d.alpine].sort().join(" ");
    const expected = [...row.alpine].sort().join(" ");
    s.total++;
    if (got === expected) s.agree++;
    else s.misses.push({ debian: row.debian, expected, got, kind: d.kind, layer: d.layer });
  }
  return out;
}
