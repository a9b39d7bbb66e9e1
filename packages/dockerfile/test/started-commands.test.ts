import { describe, expect, it } from "vitest";
import { shellScriptIndex } from "../src/index.js";
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

describe("the script an exec-form shell is given with -c", () => {
  const note = (r: ReturnType<typeof migrate>) =>
    r.warnings.filter((w) => /starts php-fpm8\.2/.test(w.message));

  it("flags Debian's program names inside it, at the command", () => {
    const r = migrate(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y nginx\nCMD ["sh","-c","php-fpm8.2 -D && nginx -g \'daemon off;\'"]\n',
    );
    expect(note(r)).toEqual([expect.objectContaining({ rule: "apt", line: 3, column: 17 })]);
    expect(note(r)[0]?.message).toMatch(/^CMD starts php-fpm8\.2: php-fpm8\.2 is Debian's name/);
  });

  it("takes -c inside a flag cluster and after other options, by any shell path", () => {
    for (const shell of [
      '"bash", "-lc"',
      '"/bin/bash", "-euxc"',
      '"/usr/bin/dash", "-ec"',
      '"bash", "-o", "pipefail", "--login", "-c"',
      '"ash", "-c", "--"',
    ]) {
      const r = migrate(
        `FROM debian:bookworm\nRUN apt-get update && apt-get install -y xvfb\nCMD [${shell}, "xvfb-run node render.js"]\n`,
      );
      expect(r.output, shell).toMatch(/apk add --no-cache xvfb xvfb-run/);
    }
  });

  it("looks through tini to the shell, and points past escapes and continuation lines", () => {
    const r = migrate(
      'FROM debian:bookworm\nENTRYPOINT ["tini", "--", "sh", \\\n  "-c", "echo \\"up\\" && exec php-fpm8.2 -F"]\n',
    );
    expect(note(r)).toEqual([expect.objectContaining({ line: 3, column: 30 })]);
  });

  it("leaves a shell that runs a script file, or a -c without a string, alone", () => {
    for (const cmd of ['["sh", "php-fpm8.2"]', '["bash", "-x", "run.sh"]', '["sh", "-c"]']) {
      expect(note(migrate(`FROM debian:bookworm\nCMD ${cmd}\n`)), cmd).toEqual([]);
    }
  });
});

describe("a shell-form CMD/ENTRYPOINT that runs sh -c itself", () => {
  const note = (r: ReturnType<typeof migrate>) =>
    r.warnings.filter((w) => /starts php-fpm8\.2/.test(w.message));

  it("flags Debian's program names in its script, at the command", () => {
    const r = migrate('FROM debian:bookworm\nCMD sh -c "php-fpm8.2 -F"\n');
    expect(note(r)).toEqual([expect.objectContaining({ rule: "apt", line: 2, column: 12 })]);
    const e = migrate(
      "FROM debian:bookworm\nENTRYPOINT exec bash -o pipefail -lc 'exec php-fpm8.2 -F'\n",
    );
    expect(note(e)).toEqual([expect.objectContaining({ line: 2, column: 44 })]);
  });

  it("chooses the packages for the commands of the script", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y xvfb\nCMD sh -ec 'xvfb-run node render.js'\n",
    );
    expect(r.output).toMatch(/apk add --no-cache xvfb xvfb-run/);
  });

  it("flags at the shell a script whose quoting moves the characters", () => {
    const r = migrate('FROM debian:bookworm\nCMD sh -c "echo \\"up\\"; php-fpm8.2 -F"\n');
    expect(note(r)).toEqual([expect.objectContaining({ line: 2, column: 11 })]);
  });
});

describe("shellScriptIndex: where the script of sh [options] -c SCRIPT is", () => {
  it.each([
    [["sh", "-c", "x"], 2],
    [["/bin/bash", "-lc", "x"], 2],
    [["zsh", "-euxc", "x"], 2],
    [["bash", "-eo", "pipefail", "-c", "x"], 4],
    [["bash", "-O", "extglob", "-c", "x"], 4],
    [["bash", "--rcfile", "/r", "--login", "-c", "x"], 5],
    [["sh", "-c", "-e", "x"], 3],
    [["sh", "-c", "--", "-x"], 3],
  ])("%j → %i", (words, index) => {
    expect(shellScriptIndex(words)).toBe(index);
  });

  it.each([
    [["sh", "run.sh", "-c", "x"]],
    [["sh", "-x", "x"]],
    [["sh", "-c"]],
    [["sh", "-o", "-c"]],
    [["env", "-c", "x"]],
    [[]],
  ])("%j → undefined", (words) => {
    expect(shellScriptIndex(words)).toBeUndefined();
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
