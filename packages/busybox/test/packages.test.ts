import { describe, expect, it } from "vitest";
import {
  APPLETS,
  busyboxSpelling,
  gnuPackageOf,
  gnuPackagesOf,
  hasGnuTool,
  missingApplet,
  SHORT_FOR,
} from "../src/index.js";

describe("packages", () => {
  it("names the package with the GNU tool, coreutils by default", () => {
    expect(gnuPackageOf("stat")).toBe("coreutils");
    expect(gnuPackageOf("egrep")).toBe("grep");
    expect(gnuPackageOf("xargs")).toBe("findutils");
    expect(gnuPackageOf("gunzip")).toBe("gzip");
    expect(gnuPackagesOf("ps")).toEqual(["procps-ng", "procps"]);
    expect(gnuPackageOf("adduser")).toBeUndefined();
    expect(gnuPackageOf("toString")).toBe("coreutils");
    expect(hasGnuTool("ps", (p) => p === "procps")).toBe(true);
    expect(hasGnuTool("adduser", () => true)).toBe(false);
  });

  it("names the package of a command busybox has no applet for", () => {
    expect(missingApplet("csplit")).toBe("coreutils");
    expect(missingApplet("locale")).toBe("musl-locales");
    expect(missingApplet("ls")).toBeUndefined();
    expect(missingApplet("hasOwnProperty")).toBeUndefined();
  });
});

describe("the tables agree with each other", () => {
  it("spells only options busybox rejects", () => {
    const stray = Object.entries(SHORT_FOR).flatMap(([tool, table]) =>
      Object.keys(table)
        .filter((long) => !Object.hasOwn(APPLETS[tool]?.rejects ?? {}, `--${long}`))
        .map((long) => `${tool} --${long}`),
    );
    expect(stray).toEqual([]);
    expect(busyboxSpelling("grep", "--quiet")).toBe("-q");
    expect(busyboxSpelling("grep", "--include")).toBeUndefined();
  });

  it("writes every rejected option as -X or --name", () => {
    for (const [tool, spec] of Object.entries(APPLETS)) {
      for (const option of Object.keys(spec.rejects)) {
        expect(option, tool).toMatch(/^(?:-[A-Za-z]|--[a-z][a-z0-9-]*)$/);
      }
    }
  });
});
