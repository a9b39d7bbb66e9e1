import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

/** The exec-form warnings of a file whose stages are on Alpine. */
const hints = (...runs: string[]) =>
  migrate(`FROM alpine:3.23\n${runs.join("\n")}\n`)
    .warnings.filter((w) => w.rule === "exec-form")
    .map((w) => w.message);

describe("the exec-form RUN warning names the tools and the shell-form line to write", () => {
  it("an exec-form RUN of apt-get: its tool, and its words as a shell-form RUN", () => {
    expect(hints('RUN ["apt-get", "install", "-y", "curl"]')).toEqual([
      "exec-form RUN that runs apt-get is not converted (migrate rewrites shell-form RUN lines only): write it in shell form, RUN apt-get install -y curl, then run alpinize again",
    ]);
  });

  it("a sh -c script is the shell-form RUN itself; every tool it runs is named", () => {
    const [hint] = hints('RUN ["/bin/sh", "-c", "apt-get update && useradd -m bob"]');
    expect(hint).toMatch(/^exec-form RUN that runs apt-get and useradd is not converted/);
    expect(hint).toContain(", RUN apt-get update && useradd -m bob, ");
  });

  it("another shell keeps its call, its script quoted for sh; a path to a tool counts", () => {
    const [bash] = hints(`RUN ["bash", "-c", "echo 'hi' && /usr/sbin/usermod -aG x y"]`);
    expect(bash).toMatch(/^exec-form RUN that runs usermod is not converted/);
    expect(bash).toContain(`, RUN bash -c 'echo '\\''hi'\\'' && /usr/sbin/usermod -aG x y', `);
    const [env] = hints(
      'RUN ["/usr/bin/env", "DEBIAN_FRONTEND=noninteractive", "dpkg-reconfigure", "tzdata"]',
    );
    expect(env).toMatch(/^exec-form RUN that runs dpkg-reconfigure is not converted/);
    expect(env).toContain(
      ", RUN /usr/bin/env DEBIAN_FRONTEND=noninteractive dpkg-reconfigure tzdata, ",
    );
  });

  it("the line it gives is one the next run converts", () => {
    for (const run of [
      'RUN ["apt-get", "install", "-y", "curl"]',
      'RUN ["sh", "-c", "apt-get update && apt-get install -y git"]',
    ]) {
      const line = /write it in shell form, (RUN .*), then run alpinize again$/.exec(
        hints(run)[0]!,
      )![1]!;
      const r = migrate(`FROM debian:12\n${line}\n`);
      expect(r.output).toMatch(/^FROM alpine:3\.23\nRUN apk add --no-cache (curl|git)\n$/);
      expect(r.warnings.filter((w) => w.rule === "exec-form")).toEqual([]);
    }
  });

  it("names what it saw when no tool runs, not Debian tools it does not run", () => {
    const [hint] = hints('RUN ["rm", "-rf", "/var/lib/apt/lists"]');
    expect(hint).toMatch(/^exec-form RUN that names \/var\/lib\/apt\/lists is not converted/);
    expect(hint).toContain(", RUN rm -rf /var/lib/apt/lists, ");
  });

  it("stays one line of bounded length: long input is cut at 200 characters, a script of lines is not quoted", () => {
    const long = `apt-get install -y ${"pkg ".repeat(500)}`;
    const [cut] = hints(`RUN ["sh", "-c", "${long}"]`);
    expect(cut).toContain(`RUN ${long.slice(0, 200)}…, then run alpinize again`);
    expect(cut!.length).toBeLessThan(500);
    const [lines] = hints('RUN ["sh", "-c", "apt-get update\\napt-get install -y curl"]');
    expect(lines).toContain("write it in shell form, a RUN <<EOF heredoc holding its script, ");
    for (const hint of [cut, lines]) expect(hint).not.toMatch(/[\n\r\t]/);
    const many = hints('RUN ["sh", "-c", "apt-get x; apt-cache y; dpkg z; useradd w"]');
    expect(many[0]).toMatch(
      /^exec-form RUN that runs apt-get, apt-cache, dpkg and 1 more is not converted/,
    );
  });
});
