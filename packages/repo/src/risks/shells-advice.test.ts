import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { MUSL_BUSYBOX } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { detectRisks } from "./detect.js";

const advice =
  detectRisks([{ file: "run.sh", kind: "script", text: "#!/bin/bash\n" }]).find(
    (r) => r.id === "shells",
  )?.advice ?? "";

// Each form the advice names, as it names it, with a script that uses it and prints ok.
const FORMS: { named: string; script: string }[] = [
  { named: "arrays (`a=(1 2)`)", script: "a=(1 2); echo ok" },
  { named: "here-strings (`<<<`)", script: "read x <<< ok; echo $x" },
  { named: "`[[ ]]`", script: "[[ 1 == 1 ]] && echo ok" },
  { named: "`source`", script: "source /dev/null && echo ok" },
  { named: "`function f`", script: "function f { echo ok; }; f" },
  { named: "`$'…'`", script: "[ $'a\\tb' = \"$(printf 'a\\tb')\" ] && echo ok" },
];

// "stops on X and Y …; it runs A, B …": which clause of the advice names the form.
function saidToRun(named: string): boolean {
  const runs = advice.indexOf("it runs ");
  const stops = advice.indexOf("stops on ");
  expect(runs, advice).toBeGreaterThan(stops);
  expect(advice, named).toContain(named);
  return advice.indexOf(named) > runs;
}

describe.skipIf(!existsSync(MUSL_BUSYBOX))(
  "the shells risk's advice against musl busybox ash",
  () => {
    it.each(FORMS)("says what busybox sh does with $named", ({ named, script }) => {
      const run = spawnSync(MUSL_BUSYBOX, ["sh", "-c", script], { encoding: "utf8" });
      const ran = run.status === 0 && run.stdout.trim() === "ok";
      expect(saidToRun(named), `${run.stdout}${run.stderr}`).toBe(ran);
    });
  },
);
