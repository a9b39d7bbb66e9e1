import { AlpinizeError } from "@alpinize/errors";
import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";

const CRLF = "#!/bin/sh\r\ngroupadd -g 999 docker\r\nusermod -aG docker app\r\n";

describe("CRLF scripts", () => {
  it("are refused by the rewrite with exit code 2 and a hint", () => {
    let err: unknown;
    try {
      rewriteEntrypoint(CRLF);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AlpinizeError);
    const e = err as AlpinizeError;
    expect(e.code).toBe("ALPINIZE_ENTRYPOINT_CRLF");
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain("first on line 1");
    expect(e.hint).toContain("dos2unix");
  });

  it("are refused when only a later line or the last line ends in CRLF", () => {
    expect(() => rewriteEntrypoint("#!/bin/sh\ngroupadd -g 9 d\r\n")).toThrow(/first on line 2/);
    expect(() => rewriteEntrypoint("#!/bin/sh\ngroupadd -g 9 d\r")).toThrow(/line 2/);
  });

  it("are an error finding of the linter, reported once at the first CRLF", () => {
    const f = lintEntrypoint(CRLF).filter((x) => x.rule === "crlf");
    expect(f).toEqual([expect.objectContaining({ severity: "error", line: 1, column: 10 })]);
    expect(f[0]!.message).toContain("on 3 line(s)");
  });

  it("leave LF scripts and a \\r inside a line alone", () => {
    expect(lintEntrypoint("#!/bin/sh\nprintf 'a\rb'\n").some((x) => x.rule === "crlf")).toBe(false);
    expect(rewriteEntrypoint("#!/bin/sh\nprintf 'a\rb'\n").changed).toBe(false);
  });
});

describe("CRLF messages", () => {
  it("spell the carriage return as \\r, never carry one", () => {
    let message = "";
    try {
      rewriteEntrypoint(CRLF);
    } catch (e) {
      message = (e as Error).message;
    }
    const lint = lintEntrypoint(CRLF).find((x) => x.rule === "crlf")!.message;
    for (const m of [message, lint]) {
      expect(m).toContain('"#!/bin/sh\\r"');
      expect(m).not.toContain("\r");
    }
  });
});
