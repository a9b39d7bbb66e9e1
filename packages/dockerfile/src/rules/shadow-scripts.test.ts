import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../index.js";

const migrate = (text: string, files: Record<string, string>) =>
  migrateDockerfile(text, {
    fileName: "Dockerfile",
    readContextFile: (path) => files[path.replace(/^\.\//, "")],
  });
const SCRIPT = "#!/bin/bash\nuseradd -m bob\ntput cols\n";

describe("rule users: shadow for a copied script a RUN executes", () => {
  it("adds shadow (with ncurses for tput) when RUN runs the script, by path or through bash", () => {
    for (const run of ["RUN /tmp/install.sh", "RUN bash -e /tmp/install.sh"]) {
      const text = `FROM debian:bookworm\nCOPY install.sh /tmp/\n${run}\n`;
      const r = migrate(text, { "install.sh": SCRIPT });
      expect(r.output, run).toMatch(/^FROM alpine:\S+\nRUN apk add --no-cache [^\n]*\bshadow\b/);
      expect(r.output, run).toMatch(/apk add --no-cache [^\n]*\bncurses\b/);
      const w = r.warnings.find((x) => x.rule === "users");
      expect(w, run).toMatchObject({ line: 3, column: 5 });
      expect(w?.message).toMatch(/^install\.sh calls useradd, shadow's tool, .*: added shadow$/);
      expect(r.packages.find((p) => p.alpine[0] === "shadow")?.debian).toBe("passwd");
      expect(migrate(r.output, { "install.sh": SCRIPT }).changed, run).toBe(false);
    }
  });

  it("finds the script by name in a PATH folder, and leaves a script no RUN runs alone", () => {
    const files = { "setup.sh": "#!/bin/sh\ngroupadd -r app\n" };
    expect(
      migrate("FROM debian:12\nCOPY setup.sh /usr/local/bin/setup.sh\nRUN setup.sh\n", files)
        .output,
    ).toMatch(/apk add --no-cache shadow\n/);
    expect(migrate("FROM debian:12\nCOPY setup.sh /opt/\nRUN true\n", files).output).not.toMatch(
      /shadow/,
    );
  });
});

describe("rule users: the script a RUN runs, found through WORKDIR, cd and copied folders", () => {
  const files = { "install.sh": SCRIPT, "scripts/install.sh": SCRIPT, "scripts/setup.sh": SCRIPT };
  const shadowed = (text: string) =>
    /apk add --no-cache[^\n]*\bshadow\b/.test(migrate(text, files).output);

  it("resolves a relative COPY destination and a relative RUN against WORKDIR", () => {
    for (const [copy, run] of [
      ["COPY install.sh .", "RUN ./install.sh"],
      ["COPY install.sh ./", "RUN sh install.sh"],
      ["COPY install.sh scripts/", "RUN scripts/install.sh"],
      ["COPY install.sh /app", "RUN ./install.sh"],
      ["COPY install.sh .", "RUN /app/install.sh"],
    ]) {
      expect(shadowed(`FROM debian:12\nWORKDIR /app\n${copy}\n${run}\n`), `${copy} ${run}`).toBe(
        true,
      );
    }
    // A WORKDIR relative to the one before it.
    const chained = "FROM debian:12\nWORKDIR /srv\nWORKDIR app\nCOPY install.sh .\n";
    expect(shadowed(`${chained}RUN /srv/app/install.sh\n`)).toBe(true);
    expect(shadowed(`${chained}RUN /app/install.sh\n`)).toBe(false);
    // On a base whose WORKDIR the file does not show, relative meets relative only.
    expect(shadowed("FROM golang:1.22\nCOPY install.sh .\nRUN ./install.sh\n")).toBe(true);
    expect(shadowed("FROM golang:1.22\nCOPY install.sh .\nRUN /install.sh\n")).toBe(false);
  });

  it("follows a literal cd of the same RUN, and nothing it cannot read", () => {
    const copy = "FROM debian:12\nCOPY install.sh /tmp/\n";
    expect(shadowed(`${copy}RUN cd /tmp && ./install.sh\n`)).toBe(true);
    expect(shadowed(`${copy}RUN cd /tmp; sh install.sh\n`)).toBe(true);
    expect(shadowed(`${copy}RUN cd "$TMP" && ./install.sh\n`)).toBe(false);
    expect(shadowed(`${copy}RUN if [ -d /tmp ]; then cd /tmp; fi; ./install.sh\n`)).toBe(false);
    expect(shadowed(`${copy}RUN ./install.sh\n`)).toBe(false);
    // `COPY x /tmp` puts x inside the folder the image has: a RUN naming /tmp/x shows it.
    expect(shadowed("FROM debian:12\nCOPY install.sh /tmp\nRUN /tmp/install.sh\n")).toBe(true);
  });

  it("finds a script inside a copied folder, under its context path", () => {
    const text = "FROM debian:12\nCOPY scripts/ /opt/scripts/\nRUN /opt/scripts/setup.sh\n";
    const r = migrate(text, files);
    expect(r.output).toMatch(/apk add --no-cache [^\n]*\bshadow\b/);
    expect(r.warnings.find((w) => w.rule === "users")?.message).toMatch(
      /^scripts\/setup\.sh calls useradd/,
    );
    expect(shadowed("FROM debian:12\nCOPY scripts /opt/scripts\nRUN /opt/scripts/other.sh\n")).toBe(
      false,
    );
  });
});
