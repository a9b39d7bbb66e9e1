import { seededPick } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { fromFlag } from "./locate-dockerfile.js";

// The expression fromFlag replaced: exponential on many options, the oracle on short lines.
const OLD = /^(\s*--[A-Za-z-]+(?:=\S*)?)*?\s*--from=(\S+)/;

describe("fromFlag", () => {
  it.each([
    ["--from=build /src /dst", "build"],
    ["--chown=app:app --from=golang:1.22 /go/bin/x /x", "golang:1.22"],
    ["  --link --chmod=755 --from=builder /a /b", "builder"],
    ["/src --from=build /dst", undefined],
    ["--from= /a /b", undefined],
  ])("reads %j as %j", (text, value) => {
    expect(fromFlag(text)?.value).toBe(value);
    expect(OLD.exec(text)?.[2]).toBe(value);
  });

  it("answers as the former expression when each option is a word of its own", () => {
    const words = [
      "--from=a",
      "--from=",
      "--from",
      "--chown=x:y",
      "--link",
      "--a-b=",
      "/src",
      "-x",
      "--",
    ];
    const pick = seededPick(23);
    let found = 0;
    for (let n = 0; n < 20_000; n++) {
      let text = pick(["", " ", "\t"]);
      for (let i = 1 + pick([0, 1, 2, 3, 4, 5]); i > 0; i--)
        text += `${pick(words)}${pick([" ", "  ", "\t"])}`;
      const old = OLD.exec(text);
      const mine = fromFlag(text);
      expect([text, mine]).toEqual([text, old ? { value: old[2], end: old[0].length } : undefined]);
      if (mine) found++;
    }
    expect(found).toBeGreaterThan(1000);
  });

  it("takes a word as one option, as Docker does, where the former expression split it", () => {
    // `--chown=x--from=y` is --chown with the value x--from=y: no --from.
    expect(fromFlag("--chown=x--from=y /a /b")).toBeUndefined();
    expect(OLD.exec("--chown=x--from=y /a /b")?.[2]).toBe("y");
  });

  it("reads a line of many options that ends without --from", () => {
    expect(fromFlag(`${"--a ".repeat(50_000)}/src /dst`)).toBeUndefined();
    expect(fromFlag(`${"--a ".repeat(50_000)}--from=x /dst`)?.value).toBe("x");
  });
});
