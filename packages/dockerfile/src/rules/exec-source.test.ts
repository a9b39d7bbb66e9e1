import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../index.js";

const migrate = (text: string) => migrateDockerfile(text, { fileName: "Dockerfile" });
const FROM = "FROM debian:trixie\n";

describe("an exec-form RUN's sh -c / bash -c string is read like a shell-form RUN", () => {
  it('adds ncurses for tput in RUN ["bash","-c",…], pointing at the call', () => {
    const text = `${FROM}RUN ["bash","-c","tput cols"]\n`;
    const r = migrate(text);
    expect(r.output).toMatch(/^FROM alpine:\S+\nRUN apk add --no-cache [^\n]*\bncurses\b/);
    // The exec-form RUN itself is left as written.
    expect(r.output).toContain('RUN ["bash","-c","tput cols"]\n');
    const w = r.warnings.find((x) => x.rule === "busybox");
    expect(w).toMatchObject({ line: 2, column: 19 });
    expect(migrate(r.output).changed).toBe(false);
  });

  it("follows JSON escapes, flags and shell options before the -c string", () => {
    const r = migrate(
      `${FROM}RUN --network=none ["/bin/sh","-eo","pipefail","-c","echo \\"x\\" | taskset -c 0 true"]\n`,
    );
    expect(r.output).toMatch(/apk add --no-cache [^\n]*\butil-linux-misc\b/);
    const w = r.warnings.find((x) => x.rule === "busybox");
    expect(w?.line).toBe(2);
    expect(w?.column).toBe(r.output.split("\n")[2]!.indexOf("taskset") + 1);
  });

  it("adds GNU packages instead of respelling options inside the JSON string", () => {
    const text = `${FROM}RUN ["sh","-c","sha256sum --check sums"]\n`;
    const r = migrate(text);
    expect(r.output).toContain('RUN ["sh","-c","sha256sum --check sums"]\n');
    expect(r.output).toMatch(/apk add --no-cache [^\n]*\bcoreutils\b/);
  });
});
