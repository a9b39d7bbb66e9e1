import { describe, expect, it } from "vitest";
import { accountNameArgument } from "./name-arg.js";

// The expression accountNameArgument replaced: exponential on many options, kept as the oracle
// on short lines, where it is quick.
const OLD =
  /\b(?:groupadd|addgroup|useradd|adduser)\b(?:\s+-{1,2}[A-Za-z-]+(?:[ =](?:"[^"]*"|'[^']*'|\S+))?)*?\s+["']?([a-z_][a-z0-9_-]*)["']?\s*(?:$|&&|;|\\|\|)/;

const TOKENS = [
  "useradd",
  "adduser",
  "groupadd",
  "addgroup",
  "xuseradd",
  " ",
  "  ",
  "\t",
  "-",
  "--",
  "-a",
  "-m",
  "--home",
  "-G",
  "=",
  '"',
  "'",
  '"a b"',
  "'c d'",
  "app",
  "www-data",
  "_svc",
  "App",
  "1000",
  "&&",
  ";",
  "\\",
  "|",
  "!",
  "x",
];

/** A fixed pseudo-random sequence, so a failure names a line that can be run again. */
function* lines(count: number): Generator<string> {
  let seed = 12345;
  const pick = <T>(from: readonly T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return from[seed % from.length] as T;
  };
  const few = [0, 1, 2, 3, 4, 5];
  for (let n = 0; n < count; n++) {
    // Half are shaped like a call (options, values, a name, an end), half are any tokens.
    let line = pick(["RUN ", "", "x "]) + pick(TOKENS.slice(0, 5));
    if (n % 2 === 0) {
      for (let i = pick(few); i > 0; i--) {
        line += pick([" ", "  ", "\t"]) + pick(["-a", "--home", "-", "--", "-G", "-x1"]);
        line += pick(["", "", " ", "="]) + pick(["", "v", '"a b"', "'c'", '"open', "-m", "app"]);
      }
      line += pick([" ", "", "  "]) + pick(["", '"', "'"]) + pick(["app", "App", "_s-1", "9x"]);
      line +=
        pick(["", '"', "'"]) + pick(["", " ", "  "]) + pick(["", "&&", ";", "\\", "|", "!", "&"]);
    } else {
      for (let i = pick(few) * 2; i > 0; i--) line += pick(TOKENS);
    }
    yield line;
  }
}

describe("accountNameArgument", () => {
  it.each([
    ["RUN groupadd -r -g 999 redis && useradd -r -g redis -u 999 redis", "redis"],
    ["RUN groupadd www-data", "www-data"],
    ["RUN addgroup -S -g 1000 app && adduser -S -u 1000 -G app app", "app"],
    ['RUN useradd --home "/home/a b" -m svc;', "svc"],
    ["RUN useradd -m 'app'", "app"],
    ["RUN useradd -m app \\", "app"],
    ["RUN useradd -m App", undefined],
    // `-m` takes `app` as its value: the last word is the name.
    ["RUN useradd -m app extra", "extra"],
    ["RUN useradd -- app", "app"],
    ["RUN useradd - app", undefined],
    ["RUN echo useradd", undefined],
  ])("reads %j as %j", (line, name) => {
    expect(accountNameArgument(line)).toBe(name);
    expect(OLD.exec(line)?.[1]).toBe(name);
  });

  it("finds the name the former expression found on many generated lines", () => {
    let named = 0;
    for (const line of lines(20_000)) {
      const name = accountNameArgument(line);
      expect([line, name]).toEqual([line, OLD.exec(line)?.[1]]);
      if (name !== undefined) named++;
    }
    // Enough of them name an account for the comparison to mean something.
    expect(named).toBeGreaterThan(1000);
  });

  it("reads a line of many options that ends in no name (each could be the last's value)", () => {
    const line = `RUN useradd${" -a".repeat(300)} !`;
    expect(accountNameArgument(line)).toBeUndefined();
    expect(accountNameArgument(`RUN useradd${" -a".repeat(300)} app`)).toBe("app");
  });
});
