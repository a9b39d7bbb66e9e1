import { describe, expect, it } from "vitest";
import { apkInstalls, worldAtStart } from "../check/apk-history.js";
import { isStageIgnored, rootStage } from "./stage-scope.js";
import { describeStages } from "./stages.js";

/** `FROM image AS s0`, then `FROM s{i-1} AS s{i}`, each stage with the given RUN body. */
function chain(stages: number, image: string, run: (i: number) => string): string {
  const lines: string[] = [];
  for (let i = 0; i < stages; i++)
    lines.push(i === 0 ? `FROM ${image} AS s0` : `FROM s${i - 1} AS s${i}`, `RUN ${run(i)}`);
  return `${lines.join("\n")}\n`;
}

describe("stage links: FROM earlier-stage chains", () => {
  it("finds the pulled image at the bottom of a long chain, for every stage", () => {
    const stages = describeStages(
      chain(1000, "debian:12", () => "true"),
      "Dockerfile",
    );
    expect(stages.every((s) => rootStage(s, stages) === stages[0])).toBe(true);
    expect(stages.every((s) => isStageIgnored(s, stages, ["debian"]))).toBe(true);
    expect(stages.some((s) => isStageIgnored(s, stages, ["ubuntu"]))).toBe(false);
  });

  it("follows the first stage of a repeated name, as the builder does", () => {
    const stages = describeStages(
      "FROM alpine:3.23 AS x\nFROM debian:12 AS x\nFROM x AS y\nFROM y\n",
      "Dockerfile",
    );
    expect(rootStage(stages[3]!, stages).image).toBe("alpine:3.23");
    expect(rootStage(stages[1]!, stages).image).toBe("debian:12");
  });

  it("gives each stage of a long chain what the stages below it left installed", () => {
    // Stage i adds p{i} and deletes what stage i-1 added: only the last two names stay.
    const stages = describeStages(
      // edge: a release alpinize has no index for, so the made-up names count as installed.
      chain(
        1500,
        "alpine:edge",
        (i) => `apk add --no-cache p${i}${i > 1 ? ` && apk del p${i - 2}` : ""}`,
      ),
      "Dockerfile",
    );
    for (const k of [0, 1, 2, 300, 599])
      expect([...apkInstalls(stages[k]!, stages).keys()].sort()).toEqual(
        (k === 0 ? ["p0"] : [`p${k - 1}`, `p${k}`]).sort(),
      );
  });

  it("hands out worlds a check may change without changing what later stages see", () => {
    const stages = describeStages(
      chain(3, "alpine:edge", (i) => `apk add p${i}`),
      "Dockerfile",
    );
    const last = stages[2]!;
    const world = worldAtStart(last, stages);
    world.del(["p0", "p1"], { line: 1 });
    world.add(["shadow"], undefined, { line: 1 });
    expect([...worldAtStart(last, stages).installed().keys()]).toEqual(["p0", "p1"]);
    expect([...apkInstalls(last, stages).keys()]).toEqual(["p0", "p1", "p2"]);
    // A fresh list of the same text is read again, not served from the first one's worlds.
    const other = describeStages(
      chain(3, "alpine:edge", (i) => `apk add q${i}`),
      "Dockerfile",
    );
    expect([...apkInstalls(other[2]!, other).keys()]).toEqual(["q0", "q1", "q2"]);
  });
});
