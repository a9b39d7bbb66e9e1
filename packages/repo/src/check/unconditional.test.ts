import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { runCommands } from "./apk-history.js";
import { runsWhenReached } from "./unconditional.js";

/** The commands of the file's first RUN, each as `name` (runs when reached) or `(name)`. */
function reached(script: string): string[] {
  const [stage] = describeStages(`FROM alpine:3.23\nRUN ${script}\n`, "Dockerfile");
  const run = stage!.runs[0]!;
  return runCommands(run).map(({ cmd }) => {
    const word = [cmd.name, ...cmd.args.slice(-1)].join(" ");
    return runsWhenReached(run, cmd) ? word : `(${word})`;
  });
}

describe("runsWhenReached", () => {
  it("takes the steps of an && / ; list, and the command a || follows", () => {
    expect(reached("set -eux; addgroup a && adduser -D b; addgroup c || true")).toEqual([
      "set -eux",
      "addgroup a",
      "adduser b",
      "addgroup c",
      "(true)",
    ]);
  });

  it("leaves out what runs after a ||, in a branch or loop, and in $(…) or sh -c", () => {
    expect(reached("getent group a || addgroup a && adduser -D a; addgroup z")).toEqual([
      "getent a",
      "(addgroup a)",
      "(adduser a)",
      "addgroup z",
    ]);
    expect(
      reached("if true; then addgroup a; fi; for u in x; do adduser $u; done; addgroup z"),
    ).toEqual(["(true)", "(addgroup a)", "(adduser $u)", "addgroup z"]);
    expect(reached("echo $(addgroup a); sh -c 'addgroup b'")).toEqual([
      "(addgroup a)",
      "echo $(addgroup a)",
      "sh addgroup b",
      "(addgroup b)",
    ]);
  });

  it("keeps a || inside ( … ) to the subshell, and one before it for all of it", () => {
    expect(reached("(getent group a || addgroup a); addgroup b")).toEqual([
      "getent a",
      "(addgroup a)",
      "addgroup b",
    ]);
    expect(reached("true || { addgroup a; addgroup b; }")).toEqual([
      "true",
      "(addgroup a)",
      "(addgroup b)",
    ]);
  });
});
