import { describe, expect, it } from "vitest";
import { busyboxRejections, type Words } from "../src/index.js";

const options = (tool: string, words: Words) => busyboxRejections(tool, words).map((r) => r.option);

describe("busyboxRejections: options", () => {
  it.each([
    ["grep", ["-oP", "v\\K\\d+"], ["-P"]],
    ["grep", ["-e", "-P", "f"], []],
    ["grep", ["-r", "--include=*.txt", "hi", "."], ["--include"]],
    ["sed", ["-i.bak", "-e", "s/z/u/", "f"], []],
    ["sed", ["-zs", "p"], ["-z"]],
    ["sort", ["--unique", "--human-numeric-sort", "f"], ["--unique", "--human-numeric-sort"]],
    ["tar", ["xzf", "-P"], []],
    ["tar", ["xPf", "a.tgz"], ["-P"]],
    ["rm", ["-rf", "--", "--recursive"], []],
    ["readlink", ["-e", "/x"], ["-e"]],
    ["stat", ["--format=%s", "f"], ["--format"]],
    ["date", ["-I", "-R", "--reference=f", "--utc"], []],
    ["date", ["--rfc-email"], ["--rfc-email"]],
    ["ls", [undefined, "--sort=size"], ["--sort"]],
    ["ls", ["--sort", undefined], ["--sort"]],
    ["wget", ["-q", "--show-progress", "-O", "x", "https://h/"], ["--show-progress"]],
    ["wget", ["-nv", "-nc", "-t", "3", "-O", "-v", "--spider", "https://h/"], []],
    ["wget", ["-r", "--progress=dot", "--tries=2", "https://h/"], ["-r", "--progress"]],
    ["grep", ["--exclude-from=f", "-d", "skip", "x", "f"], ["--exclude-from", "-d"]],
    ["tail", ["--pid=1", "-f", "f"], ["--pid"]],
    ["tail", ["-s", "1", "-qv", "f"], []],
    ["touch", ["--time=mtime", "-r", "--time", "f"], ["--time"]],
  ] as const)("%s %j rejects %j", (tool, words, rejected) => {
    expect(options(tool, words)).toEqual(rejected);
  });

  it("names wget, grep and coreutils for what Alpine's applets lack, and drops wget's display options", () => {
    const [wget] = busyboxRejections("wget", ["--show-progress", "u"]);
    expect(wget).toMatchObject({ package: "wget", advice: expect.stringMatching(/^drop it: /) });
    expect(busyboxRejections("wget", ["--mirror", "u"])[0]?.package).toBe("wget");
    expect(busyboxRejections("grep", ["--exclude=*.md", "x", "d"])[0]?.package).toBe("grep");
    expect(busyboxRejections("tail", ["--pid=1", "-f", "f"])[0]?.package).toBe("coreutils");
    expect(busyboxRejections("tail", ["--quiet", "f"])[0]?.busybox).toBe("-q");
  });

  it("reads touch -d as busybox date -d does", () => {
    const [r] = busyboxRejections("touch", ["-d", "1 hour ago", "f"]);
    expect(r).toMatchObject({ kind: "value", package: "coreutils", index: 0 });
    expect(r?.message).toBe(
      'busybox touch -d cannot parse "1 hour ago" (GNU date\'s free-form dates)',
    );
    expect(busyboxRejections("touch", ["--date", "yesterday", "f"])).toHaveLength(1);
    expect(busyboxRejections("touch", ["-d", "@5", "-d", "$x", "f"])).toEqual([]);
    expect(busyboxRejections("touch", ["-t", "202401021000", "f"])).toEqual([]);
  });

  it("reads a wrapper's own options only, up to the command it runs", () => {
    expect(options("env", ["-S", "a b", "true"])).toEqual(["-S"]);
    expect(options("env", ["FOO=1", "ls", "-S"])).toEqual([]);
    expect(options("timeout", ["5", "ls", "-v"])).toEqual([]);
    expect(options("timeout", ["-v", "5", "true"])).toEqual(["-v"]);
    expect(options("xargs", ["-0", "grep", "-d"])).toEqual([]);
  });

  it("names the package, the busybox spelling and what to write", () => {
    const [r] = busyboxRejections("rm", ["--recursive", "x"]);
    expect(r).toEqual({
      tool: "rm",
      kind: "option",
      option: "--recursive",
      index: 0,
      package: "coreutils",
      busybox: "-r",
      message: "busybox rm has no --recursive",
      advice: "use -r",
    });
    expect(busyboxRejections("sha256sum", ["-c", "--strict"])[0]).toMatchObject({
      busybox: "",
      advice: "drop it",
    });
    expect(busyboxRejections("grep", ["-P", "x"])[0]).toMatchObject({
      package: "grep",
      message: "busybox grep has no Perl regular expressions (-P)",
      advice: "use -E",
    });
    expect(busyboxRejections("sed", ["-u", "p"])[0]).toMatchObject({
      package: "sed",
      advice: "drop it, or do without it under busybox",
    });
    expect(busyboxRejections("adduser", ["--gid", "5", "app"])[0]).toMatchObject({
      package: undefined,
      advice: "name the group with -G GROUP (--ingroup)",
    });
    expect(busyboxRejections("su", ["--login", "root"])[0]?.package).toBe("util-linux-login");
  });

  it("leaves tools busybox runs as GNU does, and unknown tools, alone", () => {
    expect(busyboxRejections("curl", ["--fail", "-sSL"])).toEqual([]);
    expect(busyboxRejections("constructor", ["--x"])).toEqual([]);
    expect(busyboxRejections("grep", ["-qE", "^x", "f"])).toEqual([]);
  });
});

describe("busyboxRejections: values busybox reads otherwise", () => {
  it("date -d with GNU's free-form dates, unless -D gives the format", () => {
    for (const when of ["+1 day", "yesterday", "now", "2024-01-02T10:00:00", "Jan 2 2024"]) {
      expect(busyboxRejections("date", ["-d", when, "+%s"])).toEqual([
        expect.objectContaining({
          kind: "value",
          option: when,
          index: 0,
          package: "coreutils",
          message: `busybox date -d cannot parse "${when}" (GNU date's free-form dates)`,
        }),
      ]);
    }
    expect(options("date", ["--date=2 hours ago"])).toEqual(["2 hours ago"]);
    expect(options("date", ["--date", "tomorrow"])).toEqual(["tomorrow"]);
    expect(options("date", ["-ud", "tomorrow"])).toEqual(["tomorrow"]);
    for (const when of ["@1700000000", "2024-01-02 10:00:00", "10:00", "202401021000"])
      expect(options("date", ["-d", when])).toEqual([]);
    expect(options("date", ["-D", "%b %d", "-d", "Jan 02"])).toEqual([]);
    expect(options("date", ["-d", undefined])).toEqual([]);
    expect(options("date", ["-d", "$WHEN"])).toEqual([]);
  });

  it("mktemp templates with fewer than six X's, sed's 0,/re/ address, realpath options", () => {
    expect(busyboxRejections("mktemp", ["-d", "-t", "foo.XXXX"])[0]).toMatchObject({
      index: 2,
      message: "busybox mktemp needs six X's in foo.XXXX",
    });
    expect(options("mktemp", ["-t", "bar.XXXXXX"])).toEqual([]);
    // -p's DIR is no template; -t takes no value, so the word after it is the template.
    expect(options("mktemp", ["-p", "/tmp/dirXXX", "fooXXXXXX"])).toEqual([]);
    expect(options("mktemp", ["-p/tmp/dirXXX", "-d", "fooXXXXXX"])).toEqual([]);
    expect(busyboxRejections("mktemp", ["-p", "/tmp/dirXXX", "fooXXX"])[0]).toMatchObject({
      index: 2,
      option: "fooXXX",
    });
    expect(busyboxRejections("mktemp", ["--", "-fooXXX"])[0]?.index).toBe(1);
    expect(busyboxRejections("mktemp", ["-t", "--suffix=.x", "fooXXXXXX"])[0]).toMatchObject({
      kind: "option",
      option: "--suffix",
    });
    expect(busyboxRejections("sed", ["-i", "0,/root/s//ROOT/", "f"])[0]).toMatchObject({
      kind: "value",
      package: "sed",
      index: 1,
    });
    expect(options("sed", ["-i", "1,/a/d", "f"])).toEqual([]);
    expect(busyboxRejections("realpath", ["--relative-to=/opt", "x"])[0]?.message).toBe(
      "busybox realpath takes no options (it reads --relative-to as a file name)",
    );
    expect(options("realpath", ["/x", "--", "-y"])).toEqual([]);
  });

  it("sed's GNU step addresses, in the script words only", () => {
    expect(busyboxRejections("sed", ["1~2d", "f"])[0]).toMatchObject({
      kind: "value",
      package: "sed",
      index: 0,
      option: "1~2",
    });
    expect(options("sed", ["-n", "-e", "p", "-e", "/a/,~4p", "f"])).toEqual(["/a/,~4"]);
    expect(busyboxRejections("sed", ["-n", "-e", "3,~4p"])[0]?.index).toBe(2);
    expect(options("sed", ["-i", "s/x/y/;0~3d", "f"])).toEqual(["0~3"]);
    // A tilde that is no address: in a regex, a replacement, a file name, a -f script.
    expect(options("sed", ["s/1~2/x/", "1~2.txt"])).toEqual([]);
    expect(options("sed", ["-i", "s|~|/root|", "f"])).toEqual([]);
    expect(options("sed", ["-f", "1~2d", "f"])).toEqual([]);
    expect(options("sed", ["-e", undefined, "1~2d"])).toEqual([]);
  });

  it("head and tail counts with GNU's size suffixes", () => {
    expect(busyboxRejections("head", ["-c", "1K", "f"])[0]).toMatchObject({
      kind: "value",
      package: "coreutils",
      index: 0,
      option: "-c 1K",
    });
    expect(options("tail", ["-n2M"])).toEqual(["-n 2M"]);
    expect(options("head", ["-c", "-10KiB"])).toEqual(["-c -10KiB"]);
    expect(options("tail", ["-c", "+1kB"])).toEqual(["-c +1kB"]);
    for (const count of ["1k", "2m", "3b", "-4", "+5", "10", "$N", undefined])
      expect(options("head", ["-c", count, "f"]), String(count)).toEqual([]);
  });
});

describe("busyboxRejections: find and ps", () => {
  it.each([
    ["find", ["/srv", "-type", "f", "-printf", "%T@ %p\\n"], ["-printf"]],
    ["find", [".", "-newermt", "2020-01-01", "-regextype", "egrep"], ["-newermt", "-regextype"]],
    ["find", [".", "-name", "*.log", "-newer", "f", "-print0", "-exec", "ls", "-printf", ";"], []],
    ["find", [".", "-name", "-ls"], []],
    [
      "find",
      ["-O3", ".", "-newerct", "x", "-execdir", "rm", "-printf", "{}", "+"],
      ["-O3", "-newerct", "-execdir"],
    ],
    ["find", [".", "-type", "f,d", "-size", "+1M", "-size", "1c"], ["-type f,d", "-size +1M"]],
    ["ps", ["-eo", "pid,comm", "--no-headers"], ["--no-headers"]],
    ["ps", ["-o", "pid=", "-C", "app"], ["-C"]],
    ["ps", ["-p", "1"], ["-p"]],
    ["ps", ["-ef"], []],
    ["ps", ["aux"], []],
    ["ps", ["-opid,comm", "-T"], []],
    ["ps", ["-o", undefined], []],
    ["ps", ["-o", "pid,%cpu,cmd"], ["-o %cpu", "-o cmd"]],
  ] as const)("%s %j rejects %j", (tool, words, rejected) => {
    expect(options(tool, words)).toEqual(rejected);
  });

  it("says what to write, and names findutils or procps-ng", () => {
    expect(busyboxRejections("find", [".", "-printf", "%p"])[0]).toMatchObject({
      kind: "option",
      index: 1,
      package: "findutils",
      message: "busybox find has no -printf",
      advice: "print with -exec stat -c FORMAT {} + (busybox stat takes -c), or apk add findutils",
    });
    expect(busyboxRejections("ps", ["-o", "pid=PID,ucmd=NAME"])[0]).toMatchObject({
      kind: "value",
      index: 1,
      package: "procps-ng",
      message: "busybox ps has no column ucmd",
      advice: "write comm, which prints the same, or apk add procps-ng",
    });
  });
});
