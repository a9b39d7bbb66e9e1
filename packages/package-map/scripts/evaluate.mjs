#!/usr/bin/env node
// Agreement of the built engine with the hand-made evaluation list (eval/*.tsv), certain and
// uncertain rows apart. Run `pnpm build` first. `--misses` lists every disagreement.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createPackageMap } from "../dist/index.js";
import { readEvalList, score } from "./lib/eval.mjs";
import { dataDir } from "./lib/io.mjs";

const release = "3.23";
const createPackageMapRules = (r) => {
  const pm = createPackageMap({ release: r, curated: false });
  return (name) => pm.map(name);
};
const rows = readEvalList(
  readFileSync(join(dataDir, "..", "eval", `top-debian-${release}.tsv`), "utf8"),
);
const pm = createPackageMap({ release });
const result = score(rows, (name) => pm.map(name));
for (const [confidence, s] of Object.entries(result)) {
  console.log(
    `${confidence}: ${s.agree}/${s.total} = ${((100 * s.agree) / s.total).toFixed(1)}% exact agreement`,
  );
  if (process.argv.includes("--misses")) {
    for (const m of s.misses)
      console.log(
        `  ${m.debian}: expected ${m.expected || "-"}, got ${m.got || "-"} [${m.kind}/${m.layer}]`,
      );
  }
}
const rulesOnly = score(rows, createPackageMapRules(release));
for (const [confidence, s] of Object.entries(rulesOnly)) {
  console.log(
    `${confidence}, without curated entries: ${s.agree}/${s.total} = ${((100 * s.agree) / s.total).toFixed(1)}%`,
  );
  if (process.argv.includes("--misses")) {
    for (const m of s.misses)
      console.log(
        `  ${m.debian}: expected ${m.expected || "-"}, got ${m.got || "-"} [${m.kind}/${m.layer}]`,
      );
  }
}
const badKey = rows.flatMap((r) =>
  r.alpine.filter((a) => !pm.exists(a)).map((a) => `${r.debian} → ${a}`),
);
if (badKey.length) console.log(`key names missing from Alpine ${release}: ${badKey.join(", ")}`);
