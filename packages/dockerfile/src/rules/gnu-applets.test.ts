import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../index.js";

const migrate = (text: string) => migrateDockerfile(text, { fileName: "Dockerfile" });
const added = (text: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === "busybox")
    .map((w) => w.message);
const FROM = "FROM debian:trixie\n";

// Debian's Essential perl-base, ncurses-bin, util-linux and bsdutils put these commands in every
// Debian image; Alpine's busybox has no applet for any of them.
describe("rule busybox: commands of Debian's base that busybox has no applet for", () => {
  it("adds perl to the apk add of the RUN that calls it", () => {
    const r = migrate(
      `${FROM}RUN apt-get update && apt-get install -y curl && perl -pi -e "s/a/b/" /etc/foo\n`,
    );
    expect(r.output).toBe(
      'FROM alpine:3.24\nRUN apk add --no-cache curl perl && perl -pi -e "s/a/b/" /etc/foo\n',
    );
    expect(r.warnings.filter((w) => w.rule === "busybox").map((w) => w.message)).toEqual([
      "perl is not a busybox applet: added perl",
    ]);
    expect(r.packages.find((p) => p.alpine[0] === "perl")).toMatchObject({
      debian: "perl-base",
      reason:
        "every Debian image has perl (perl-base is Essential); Alpine's busybox has no perl applet, so perl is added for it",
    });
  });

  it("adds ncurses, util-linux-misc, lsblk and findmnt, each once", () => {
    const r = migrate(
      `${FROM}RUN tput cols && tic x && taskset -c 0 true && chrt -p 1 && whereis ls && script -qc true /dev/null && wall hi && lsblk && findmnt /\n`,
    );
    expect(r.output).toMatch(
      /^FROM alpine:3\.24\nRUN apk add --no-cache ncurses util-linux-misc lsblk findmnt\n/,
    );
    expect(r.packages.find((p) => p.alpine[0] === "ncurses")?.debian).toBe("ncurses-bin");
  });

  it("leaves a stage alone that installs the package, or one that brings it along", () => {
    expect(added(`${FROM}RUN apt-get update && apt-get install -y perl && perl -e 1\n`)).toEqual(
      [],
    );
    // Every perl module depends on perl.
    const json = migrate(
      `${FROM}RUN apt-get update && apt-get install -y libjson-perl\nRUN perl -MJSON -e 1\n`,
    );
    expect(json.output).toBe(
      "FROM alpine:3.24\nRUN apk add --no-cache perl-json\nRUN perl -MJSON -e 1\n",
    );
    // util-linux pulls in its parts (install_if), lsblk and the -misc tools among them.
    expect(
      added(
        `${FROM}RUN apt-get update && apt-get install -y util-linux && lsblk && taskset -p 1\n`,
      ),
    ).toEqual([]);
    expect(
      added(`${FROM}RUN apt-get update && apt-get install -y ncurses-bin && tput cols\n`),
    ).toEqual([]);
  });

  it("counts what the stage it is built FROM keeps, and nothing installed after the call", () => {
    const parent = `FROM debian:12 AS base\nRUN apt-get update && apt-get install -y libdbi-perl\nFROM base\nRUN perl -e 1\n`;
    expect(added(parent)).toEqual([]);
    const later = migrate(
      `${FROM}RUN perl -e 1\nRUN apt-get update && apt-get install -y libjson-perl\n`,
    );
    expect(later.output).toMatch(
      /^FROM alpine:3\.24\nRUN apk add --no-cache perl\nRUN perl -e 1\n/,
    );
  });

  it("adds perl once, and changes nothing on a second run", () => {
    const first = migrate(
      `${FROM}RUN apt-get update && apt-get install -y curl && perl -e 1 && perl -e 2\nRUN perl -e 3\n`,
    );
    expect(first.output.match(/\bperl\b(?! -e)/g)).toEqual(["perl"]);
    const again = migrate(first.output);
    expect(again.output).toBe(first.output);
    expect(again.edits).toEqual([]);
  });

  it("adds nothing for Debian's rename, or busybox's clear and reset", () => {
    expect(added(`${FROM}RUN rename 's/a/b/' x && clear && reset\n`)).toEqual([]);
  });
});
