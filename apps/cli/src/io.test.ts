import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createIo } from "./io.js";

function tty(): PassThrough & { isTTY: boolean } {
  return Object.assign(new PassThrough(), { isTTY: true });
}

describe("createIo", () => {
  it("shows progress on a terminal unless CI says it is CI; CI=false and CI=0 do not", () => {
    const io = (env: NodeJS.ProcessEnv) =>
      createIo({ stdout: tty(), stderr: tty(), env, cwd: "/" }).interactive;
    expect(io({})).toBe(true);
    expect(io({ CI: "true" })).toBe(false);
    expect(io({ CI: "1" })).toBe(false);
    expect(io({ CI: "false" })).toBe(true);
    expect(io({ CI: "0" })).toBe(true);
    expect(io({ TERM: "dumb" })).toBe(false);
  });
});
