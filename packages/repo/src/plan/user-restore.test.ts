// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import {
  ENTRYPOINT_RUNS,
  planWithEntrypoint,
  RUNUSER_SCRIPT,
  scratchRepoPerTest,
} from "../../test/run-defaults.js";
import { describeStages } from "../dockerfile/stages.js";
import { inheritedUser, restoreUser } from "./user-restore.js";

const RUNUSER = RUNUSER_SCRIPT;
const USERADD = ["#!/bin/sh", "useradd -m app", 'exec "$@"', ""].join("\n");
const RUNS = ENTRYPOINT_RUNS;

const scratch = scratchRepoPerTest();

async function migrate(dockerfile: string[], script = RUNUSER) {
  return (await planWithEntrypoint(scratch, dockerfile, script)).dockerfile;
}

function restoreOf(lines: string[]) {
  const stages = describeStages([...lines, ""].join("\n"), "Dockerfile");
  const user = inheritedUser(stages.at(-1)!, stages)!;
  return restoreUser(user, stages);
}

describe("a USER written back after USER root reads its variables as the stage it came from", () => {
  it("declares the stage ARG again in the child, where it is not inherited", async () => {
    const plan = await migrate([
      "FROM debian:12-slim AS base",
      "ARG U=app",
      "RUN useradd $U",
      "USER ${U}",
      "",
      "FROM base",
      ...RUNS,
    ]);
    expect(plan.after).toContain(
      "FROM base\nUSER root\nRUN apk add --no-cache su-exec\nARG U=app\nUSER ${U}\nCOPY",
    );
  });

  it("does the same for shadow", async () => {
    const plan = await migrate(
      ["FROM debian:12-slim AS base", 'ARG U="app"', "USER $U", "FROM base", ...RUNS],
      USERADD,
    );
    expect(plan.after).toContain(
      'FROM base\nUSER root\nRUN apk add --no-cache shadow\nARG U="app"\nUSER $U\nCOPY',
    );
  });

  it("declares a bare ARG, which takes the global default as in the parent", () => {
    const lines = ["ARG U=app", "FROM alpine AS base", "ARG U", "USER ${U}", "FROM base"];
    expect(restoreOf(lines)).toEqual({ args: ["ARG U"] });
  });

  it("writes only the name asked for from an ARG of several, and each name once", () => {
    const lines = ["FROM alpine AS base", "ARG G=g U=app", "USER ${U}:${U}", "FROM base"];
    expect(restoreOf(lines)).toEqual({ args: ["ARG U=app"] });
  });

  it("needs no ARG for an ENV (inherited) nor for a literal user", () => {
    expect(restoreOf(["FROM alpine AS base", "ENV U=app", "USER $U", "FROM base"])).toEqual({
      args: [],
    });
    expect(
      restoreOf(["FROM alpine AS a", "ENV U app", "FROM a AS b", "ARG U=x", "USER $U", "FROM b"]),
    ).toEqual({ args: [] });
    expect(restoreOf(["FROM alpine AS base", "ARG U=x", "USER \\$U", "FROM base"])).toEqual({
      args: [],
    });
  });

  it("declines when an ENV sets the variable again after the USER", async () => {
    const plan = await migrate([
      "FROM debian:12-slim AS base",
      "ENV U=app",
      "USER ${U}",
      "FROM base AS mid",
      "ENV U=other",
      "FROM mid",
      ...RUNS,
    ]);
    expect(plan.after).not.toContain("su-exec");
    expect(plan.warnings.find((w) => w.rule === "exec-as")?.message).toBe(
      "su-exec not added to stage 2, which needs it: U, which USER ${U} of stage base (line 3) reads, is set again by ENV on line 5, so that user cannot be written back here; add RUN apk add --no-cache su-exec by hand before that USER line",
    );
  });

  it("declines when the ARG default uses other variables", () => {
    const lines = ["FROM alpine AS base", "ARG P", "ARG U=${P}app", "USER ${U}", "FROM base"];
    expect(restoreOf(lines)).toEqual({
      declined: expect.stringContaining("the default of ARG U=${P}app (line 3)"),
    });
  });
});
