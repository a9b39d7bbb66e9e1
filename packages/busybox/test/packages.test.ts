import { describe, expect, it } from "vitest";
import {
  APPLETS,
  busyboxSpelling,
  gnuPackageOf,
  gnuPackagesOf,
  hasGnuTool,
  missingApplet,
  missingAppletSource,
  providesMissingApplet,
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

  it("names the package of what Debian's Essential perl-base, ncurses-bin and util-linux ship", () => {
    expect(missingApplet("perl")).toBe("perl");
    for (const tool of ["tput", "tic", "infocmp", "tabs", "toe", "tset"])
      expect(missingApplet(tool), tool).toBe("ncurses");
    for (const tool of ["taskset", "chrt", "script", "wall", "whereis"])
      expect(missingApplet(tool), tool).toBe("util-linux-misc");
    expect(missingApplet("lsblk")).toBe("lsblk");
    expect(missingApplet("findmnt")).toBe("findmnt");
    expect(missingApplet("updatedb")).toBe("findutils-locate");
    // Debian's rename is a Perl script of its own package; busybox's clear and reset exist.
    for (const tool of ["rename", "clear", "reset"])
      expect(missingApplet(tool), tool).toBeUndefined();
  });

  it("says which Debian package has the command, and whether every Debian image has it", () => {
    expect(missingAppletSource("perl")).toEqual({ debian: "perl-base", essential: true });
    expect(missingAppletSource("tput")).toEqual({ debian: "ncurses-bin", essential: true });
    expect(missingAppletSource("wall")).toEqual({ debian: "bsdutils", essential: true });
    expect(missingAppletSource("lsblk")).toEqual({ debian: "util-linux", essential: true });
    expect(missingAppletSource("join")).toEqual({ debian: "coreutils", essential: true });
    expect(missingAppletSource("locate")).toEqual({ debian: "locate", essential: false });
    expect(missingAppletSource("ls")).toBeUndefined();
  });

  it("knows the packages that bring such a command along", () => {
    expect(providesMissingApplet("perl", "perl")).toBe(true);
    expect(providesMissingApplet("perl", "perl-json")).toBe(true);
    expect(providesMissingApplet("perl", "perl-dev")).toBe(true);
    expect(providesMissingApplet("perl", "perl-doc")).toBe(false);
    expect(providesMissingApplet("perl", "miniperl")).toBe(false);
    expect(providesMissingApplet("taskset", "util-linux")).toBe(true);
    expect(providesMissingApplet("lsblk", "util-linux")).toBe(true);
    expect(providesMissingApplet("lsblk", "util-linux-misc")).toBe(false);
    expect(providesMissingApplet("tput", "ncurses-libs")).toBe(false);
    expect(providesMissingApplet("join", "util-linux")).toBe(false);
    expect(providesMissingApplet("ls", "coreutils")).toBe(false);
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
