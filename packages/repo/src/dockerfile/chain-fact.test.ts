import { describe, expect, it } from "vitest";
import { chainFact } from "./chain-fact.js";
import { stageLinks } from "./stage-links.js";
import { describeStages } from "./stages.js";

function chain(stages: number): string {
  const lines: string[] = [];
  for (let i = 0; i < stages; i++)
    lines.push(i === 0 ? "FROM alpine:3.23 AS s0" : `FROM s${i - 1} AS s${i}`, "RUN true");
  return `${lines.join("\n")}\n`;
}

describe("chainFact", () => {
  it("reads each stage once, however many stages ask, deepest first", () => {
    const stages = describeStages(chain(300), "Dockerfile");
    let reads = 0;
    const depth = chainFact<number>((_stage, parent) => {
      reads++;
      return (parent ?? 0) + 1;
    });
    // Each apk command asks for its stage: walking the parents every time read 45,150 stages.
    for (const stage of [...stages].reverse()) expect(depth(stage, stages)).toBe(stage.index + 1);
    expect(reads).toBe(300);
  });

  it("keeps the facts of one stage list apart from another's", () => {
    const named = chainFact<string>((stage, parent) => `${parent ?? ""}/${stage.name}`);
    const one = describeStages("FROM alpine:3.23 AS a\nFROM a AS b\n", "Dockerfile");
    const two = describeStages("FROM alpine:3.23 AS c\nFROM c AS b\n", "Dockerfile");
    expect(named(one[1]!, one)).toBe("/a/b");
    expect(named(two[1]!, two)).toBe("/c/b");
  });
});

describe("stageLinks().shipped", () => {
  it("is the final stage and the stages it is built FROM, not side builders", () => {
    const stages = describeStages(
      "FROM alpine:3.23 AS base\nFROM base AS builder\nFROM base AS mid\nFROM mid\n",
      "Dockerfile",
    );
    expect(stages.map((s) => stageLinks(stages).shipped(s))).toEqual([true, false, true, true]);
  });
});
