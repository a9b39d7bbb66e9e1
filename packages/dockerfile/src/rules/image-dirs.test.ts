import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../parse/dockerfile.js";
import { cdTarget, resolveIn, workdirAfter } from "./image-dirs.js";

describe("image folders", () => {
  it("resolves absolute and relative paths, above the base's WORKDIR unknown", () => {
    expect(resolveIn("/app", "scripts/../bin/./x.sh")).toBe("/app/bin/x.sh");
    expect(resolveIn("/app", "/tmp/")).toBe("/tmp");
    expect(resolveIn("/", "../..")).toBe("/");
    expect(resolveIn("", "a/b")).toBe("a/b");
    expect(resolveIn("a", "..")).toBe("");
    expect(resolveIn("", "..")).toBeUndefined();
    expect(resolveIn(undefined, "x")).toBeUndefined();
    expect(resolveIn(undefined, "/x")).toBe("/x");
  });

  it("chains WORKDIRs relative to the one before, and loses the folder to a variable", () => {
    const body = parseDockerfile(
      'FROM x\nWORKDIR /srv\nWORKDIR app\nWORKDIR "../lib"\nWORKDIR $HOME\nWORKDIR sub\nWORKDIR /opt\n',
    ).instructions.slice(1);
    const seen: (string | undefined)[] = [];
    let dir: string | undefined = "";
    for (const ins of body) {
      dir = workdirAfter(dir, ins);
      seen.push(dir);
    }
    expect(seen).toEqual(["/srv", "/srv/app", "/srv/lib", undefined, undefined, "/opt"]);
  });

  it("reads literal cd targets only", () => {
    expect(cdTarget("/app", ["-L", "x"])).toBe("/app/x");
    expect(cdTarget("/app", [undefined])).toBeUndefined();
    expect(cdTarget("/app", ["/tm*"])).toBeUndefined();
    expect(cdTarget("/app", [])).toBeUndefined();
  });
});
