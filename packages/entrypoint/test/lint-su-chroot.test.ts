import { afterEach, describe, expect, it } from "vitest";
import { lintEntrypoint } from "../src/index.js";
import { makeRoot, skipReason, type TestRoot } from "./support/roots.js";

describe("su options busybox lacks", () => {
  it("flags -g, -G and long options, not -s and -c", () => {
    const found = lintEntrypoint(
      "su -g 999 app -c id\nsu -G ping app -c id\nsu --group=ping app\nsu --command=id app\nsu -s /bin/sh app -c id\n",
    ).map((f) => `${f.line}:${f.rule}`);
    expect(found).toEqual(["1:gnu-option", "2:gnu-option", "3:gnu-option", "4:gnu-option"]);
  });
});

const reason = skipReason("busybox");
describe.skipIf(reason !== undefined)("su under musl busybox", () => {
  let root: TestRoot | undefined;
  afterEach(async () => {
    await root?.remove();
  });

  it("rejects what the lint flags and runs the suggested form", async () => {
    root = await makeRoot("busybox");
    const run = (cmd: string) => root!.exec(["/bin/sh", "-c", cmd]);
    for (const bad of [
      "su -g 999 root -c true",
      "su -G ping root -c true",
      "su --group=ping root -c true",
      "su --command=true root",
      "su --shell=/bin/sh root -c true",
      "su --supp-group=ping root -c true",
    ]) {
      expect((await run(bad)).code, bad).not.toBe(0);
    }
    expect((await run("su -s /bin/sh root -c true")).code).toBe(0);
  });
});
