// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./parse/dockerfile.js";
import { DEFAULT_PATH, pathAfterEnv } from "./search-path.js";

const env = (line: string, current: readonly string[] = DEFAULT_PATH) =>
  pathAfterEnv(parseDockerfile(`FROM alpine\n${line}\n`).instructions[1]!, current);

describe("pathAfterEnv", () => {
  it("puts $PATH's folders where the value names it", () => {
    expect(env('ENV PATH="/opt/app/bin:$PATH"')[0]).toBe("/opt/app/bin");
    // Appended: searched last, after Docker's default folders.
    expect(env("ENV PATH=$PATH:/opt/bin").at(-1)).toBe("/opt/bin");
    expect(env("ENV PATH ${PATH}:/opt/bin").at(-1)).toBe("/opt/bin");
  });

  it("replaces the path when $PATH is not named, dropping unknown and relative folders", () => {
    expect(env("ENV FOO=1 PATH=/a/:${APP}/bin:bin:/b")).toEqual(["/a", "/b"]);
    expect(env("ENV GOPATH=/go")).toEqual(DEFAULT_PATH);
    expect(env("ENV MYPATH /x")).toEqual(DEFAULT_PATH);
  });

  it("reads only ENV", () => {
    expect(env("ARG PATH=/x")).toEqual(DEFAULT_PATH);
  });
});
