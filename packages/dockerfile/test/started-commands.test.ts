import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("what the container starts counts as a command of the stage", () => {
  it("adds xvfb-run for a CMD that runs it (Alpine splits it from xvfb)", () => {
    const r = migrate(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y xvfb\nCMD ["xvfb-run", "-a", "npm", "test"]\n',
    );
    expect(r.output).toMatch(/apk add --no-cache xvfb xvfb-run/);
  });

  it("reads a sh -c string of an exec-form ENTRYPOINT and a shell-form CMD", () => {
    const exec = migrate(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y xvfb\nENTRYPOINT ["sh", "-c", "exec xvfb-run -a node test.js"]\n',
    );
    expect(exec.output).toMatch(/xvfb xvfb-run/);
    const shell = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y xvfb\nCMD xvfb-run -a node test.js\n",
    );
    expect(shell.output).toMatch(/xvfb xvfb-run/);
  });

  it("leaves xvfb alone when nothing runs xvfb-run", () => {
    const r = migrate(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y xvfb\nCMD ["Xvfb", ":99"]\n',
    );
    expect(r.output).not.toMatch(/xvfb-run/);
  });
});

describe("locale", () => {
  it("adds musl-locales for a RUN that calls locale (glibc's libc-bin had it)", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && locale -a\n",
    );
    expect(r.output).toMatch(/musl-locales/);
    expect(r.warnings.some((w) => /locale is not a busybox applet/.test(w.message))).toBe(true);
  });
});
