import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../migrate/migrate.js";
import { MAX_INSTRUCTIONS, parseDockerfile, parseWithoutSizeLimit } from "./dockerfile.js";
import { TooManyInstructionsError } from "./errors.js";

/** FROM, then `runs` one-line RUNs, with a comment and a blank line in front (not counted). */
function manyRuns(runs: number): string {
  return `# many\n\nFROM alpine:3.21\n${"RUN echo 'a\\tb'\n".repeat(runs)}`;
}

describe("the instruction limit", () => {
  it("reads a file of exactly MAX_INSTRUCTIONS instructions", () => {
    const doc = parseDockerfile(manyRuns(MAX_INSTRUCTIONS - 1));
    expect(doc.instructions).toHaveLength(MAX_INSTRUCTIONS);
  });

  it("refuses one more, naming the line of the first one past the count, with exit 2's code", () => {
    let caught: unknown;
    try {
      parseDockerfile(manyRuns(MAX_INSTRUCTIONS), { fileName: "big.Dockerfile" });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TooManyInstructionsError);
    const err = caught as TooManyInstructionsError;
    expect(err.code).toBe("ALPINIZE_DOCKERFILE_TOO_MANY_INSTRUCTIONS");
    expect(err.exitCode).toBe(2);
    const line = MAX_INSTRUCTIONS + 3;
    expect(err.message).toBe(
      `big.Dockerfile:${line}: more than ${MAX_INSTRUCTIONS} instructions in this file (instruction ${MAX_INSTRUCTIONS + 1} starts on line ${line}): alpinize does not migrate or check a file holding more (a larger one runs it out of memory)`,
    );
    expect(err.hint).toMatch(/at most \d+ instructions/);
  });

  it("counts an instruction of many continuation lines once", () => {
    const text = `FROM alpine:3.21\nRUN true \\\n${" && true \\\n".repeat(MAX_INSTRUCTIONS)} && true\n`;
    expect(parseDockerfile(text).instructions).toHaveLength(2);
  });

  it("makes migrate refuse the file", () => {
    expect(() => migrateDockerfile(manyRuns(MAX_INSTRUCTIONS))).toThrow(TooManyInstructionsError);
  });

  it("leaves migrate's self-check of its own output unbounded", () => {
    const doc = parseWithoutSizeLimit(manyRuns(MAX_INSTRUCTIONS), "Dockerfile");
    expect(doc.instructions).toHaveLength(MAX_INSTRUCTIONS + 1);
  });
});
