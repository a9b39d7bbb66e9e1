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
