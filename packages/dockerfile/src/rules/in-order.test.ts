// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose

import { describe, expect, it } from "vitest";
import { picker } from "../../test/support/picker.js";
import { aptInstallsGosu } from "./gosu.js";
import { followsWithin, inOrder, matchFollowing } from "./in-order.js";
import { venvOnPath } from "./pep668.js";

// The expressions these replaced, cubic on long lines: the oracles on short ones.
const OLD_GOSU = /\b(?:apt-get|apt|aptitude)\b[^;&|\n]*\binstall\b[^;&|\n]*\bgosu\b/;
const OLD_VENV = /PATH[= ]["']?[^\s"']*venv[^\s"']*\/bin/;

/** Words joined by separators, drawn by a fixed pseudo-random sequence (xorshift). */
function* lines(
  words: readonly string[],
  joins: readonly string[],
  count: number,
): Generator<string> {
  const pick = picker(42);
  for (let n = 0; n < count; n++) {
    let line = pick(words);
    for (let i = pick([0, 1, 2, 3, 4, 5, 6, 7, 8]); i > 0; i--) line += pick(joins) + pick(words);
    yield line;
  }
}

describe("inOrder", () => {
  it("finds the parts in order within one piece", () => {
    expect(inOrder("a b c", /;/, [/a/, /b/, /c/])).toBe(true);
    expect(inOrder("a c b", /;/, [/a/, /b/, /c/])).toBe(false);
    expect(inOrder("a b; c", /;/, [/a/, /b/, /c/])).toBe(false);
    expect(inOrder("a; b c", /;/, [/a/, /b/, /c/])).toBe(false);
    expect(inOrder("x; a b c", /;/, [/a/, /b/, /c/])).toBe(true);
  });
});

describe("aptInstallsGosu", () => {
  it.each([
    ["apt-get install -y gosu", true],
    ["apt-get update && apt-get install -y --no-install-recommends ca-certificates gosu", true],
    ["apt install gosu", true],
    ["aptitude install gosu", true],
    ["apt-get install -y curl; gosu nobody true", false],
    ["apt-get install -y curl \\\n gosu", false],
    // `\b` ends a word at a dash: the former expression read these as gosu and apt too.
    ["apt-get install -y gosu-extra", true],
    ["apt-get install -y mygosu", false],
    ["apt-getinstall gosu", false],
    ["apt-cache install gosu", true],
    ["echo gosu; apt-get install gosu", true],
  ])("%j is %j", (text, found) => {
    expect(aptInstallsGosu(text)).toBe(found);
    expect(OLD_GOSU.test(text)).toBe(found);
  });

  it("answers as the former expression on many generated lines", () => {
    const words = ["apt-get", "apt", "aptitude", "apt-cache", "install", "install", "reinstall"];
    words.push("gosu", "gosu", "gosu-x", "-get", "x");
    const joins = [" ", " ", " ", " ", " ", "", ";", "&", "|", "\n"];
    let yes = 0;
    for (const line of lines(words, joins, 20_000)) {
      const found = aptInstallsGosu(line);
      expect([line, found]).toEqual([line, OLD_GOSU.test(line)]);
      if (found) yes++;
    }
    expect(yes).toBeGreaterThan(200);
  });

  it("reads a long line of repeated apt-get install without gosu", () => {
    expect(aptInstallsGosu(`apt-get install -y${" apt-get install".repeat(5000)}`)).toBe(false);
    expect(aptInstallsGosu(`apt-get install -y${" apt-get install".repeat(5000)} gosu`)).toBe(true);
  });
});

describe("venvOnPath", () => {
  it.each([
    ["PATH=/opt/venv/bin:$PATH", true],
    ['PATH="/venv/bin:$PATH"', true],
    ["PATH /app/.venv/bin:$PATH", true],
    ["PATH=/opt/venv:$PATH", false],
    ["PATH=/opt/venv /bin", false],
    ["PATH=/bin/venv", false],
    ["MYPATH=/opt/venv/bin", true],
    ["PATH=venv PATH=/x/bin", false],
  ])("%j is %j", (text, found) => {
    expect(venvOnPath(text)).toBe(found);
    expect(OLD_VENV.test(text)).toBe(found);
  });

  it("answers as the former expression on many generated lines", () => {
    const words = [
      "PATH=",
      "PATH ",
      'PATH="',
      "PATH",
      "venv",
      "venv",
      "ven",
      "/bin",
      "/bin",
      "/bi",
    ];
    words.push("x", '"', "'");
    let yes = 0;
    for (const line of lines(words, ["", "", "", "", " ", ":", "\t"], 20_000)) {
      const found = venvOnPath(line);
      expect([line, found]).toEqual([line, OLD_VENV.test(line)]);
      if (found) yes++;
    }
    expect(yes).toBeGreaterThan(200);
  });

  it("reads one long word of repeated PATH=venv", () => {
    expect(venvOnPath("PATH=venv".repeat(20_000))).toBe(false);
    expect(venvOnPath(`${"PATH=venv".repeat(20_000)}/bin`)).toBe(true);
  });
});

/** Expressions of the form A[^S]*B that callers now read with followsWithin, and their parts. */
const SPLIT: [RegExp, RegExp, RegExp, RegExp, string[]][] = [
  [
    /\bssh-keygen\b[^;&|\n]*\s-[a-zA-Z]*A\b/,
    /\bssh-keygen\b/,
    /\s-[a-zA-Z]*A\b/,
    /[;&|\n]/,
    ["ssh-keygen", "-A", "-qA", "-Aq", "-q", "A"],
  ],
  [
    /\b(?:purge|remove|del)\b[^;&|]*\bopenssh/,
    /\b(?:purge|remove|del)\b/,
    /\bopenssh/,
    /[;&|]/,
    ["purge", "remove", "del", "delx", "openssh", "xopenssh", "openssh-server"],
  ],
  [
    /\badduser\b[^;&|\n]*(?:\s-s|--shell)[\s=]+["']?(?:\/usr)?\/bin\/bash\b/,
    /\badduser\b/,
    /(?:\s-s|--shell)[\s=]+["']?(?:\/usr)?\/bin\/bash\b/,
    /[;&|\n]/,
    ["adduser", "su", "-s", "--shell", "=", "/bin/bash", "/usr/bin/bash", '"/bin/bash', "/bin/sh"],
  ],
  [
    /\b(?:apk|apt-get|apt)\b[^;&|]*\$\{?PHPIZE_DEPS\b/,
    /\b(?:apk|apt-get|apt)\b/,
    /\$\{?PHPIZE_DEPS\b/,
    /[;&|]/,
    ["apk", "apt-get", "apt", "add", "$PHPIZE_DEPS", "${PHPIZE_DEPS}", "$PHPIZE_DEPSX", "-get"],
  ],
  [/\bstat\s[^)]*%[Yy]/, /\bstat\s/, /%[Yy]/, /\)/, ["stat", "-c", "%Y", "%y", "%s", ")", "("]],
  [
    /\busermod\b.*\s(?:-p|--password)\b/,
    /\busermod\b/,
    /\s(?:-p|--password)\b/,
    /[\n\r\u2028\u2029]/,
    ["usermod", "-p", "--password", "-px", "\r", "x"],
  ],
  [
    /\binstall\b[^\n]*\s(?!golang-)[\w.+-]+-dev\b/,
    /\binstall\b/,
    /\s(?!golang-)[\w.+-]+-dev\b/,
    /\n/,
    ["install", "libssl-dev", "golang-dev", "golang-x-dev", "-dev", "x-devx", "y"],
  ],
  [
    /-tags[= ]["']?[\w, -]*\b(?:dynamic|libsqlite3|sqlite_\w+)\b/,
    /-tags[= ]["']?/,
    /\b(?:dynamic|libsqlite3|sqlite_\w+)\b/,
    /[^\w, -]/,
    ["-tags", "=", '"', ",", "dynamic", "sqlite_omit", "netgo", "xdynamic", "."],
  ],
  [
    /supervisord\b[^\n]*?(?:-c|--configuration)["',\s=]+["']?\/etc\/supervisor\/conf\.d\/[\w.-]+\.conf\b/,
    /supervisord\b/,
    /(?:-c|--configuration)["',\s=]+["']?\/etc\/supervisor\/conf\.d\/[\w.-]+\.conf\b/,
    /\n/,
    ["supervisord", "-c", "--configuration", "=", '"', "/etc/supervisor/conf.d/a.conf", "-n", "x"],
  ],
  [
    /--mount=\S*target=\/(?:var\/cache\/apk|etc\/apk\/cache)/,
    /--mount=/,
    /target=\/(?:var\/cache\/apk|etc\/apk\/cache)/,
    /\s/,
    ["--mount=", "type=cache,", "target=/var/cache/apk", "target=/etc/apk/cache", "target=/x", "a"],
  ],
];

describe("followsWithin", () => {
  it.each(SPLIT.map((c) => [c[0].source, ...c]))(
    "answers as %s on many generated lines",
    (_, old, first, then, stops, words) => {
      const joins = [" ", " ", " ", "", ";", "&", "|", "\n", ")", "="];
      let yes = 0;
      for (const line of lines(words as string[], joins, 10_000)) {
        const found = followsWithin(line, first as RegExp, then as RegExp, stops as RegExp);
        expect([line, found]).toEqual([line, (old as RegExp).test(line)]);
        if (found) yes++;
      }
      expect(yes).toBeGreaterThan(50);
    },
  );

  it("reads a long line of repeated firsts", () => {
    const line = `${"adduser -s ".repeat(20_000)}/bin/sh`;
    expect(followsWithin(line, /\badduser\b/, SPLIT[2]![2], /[;&|\n]/)).toBe(false);
  });
});

describe("matchFollowing", () => {
  it("captures what the lazy expression captured", () => {
    const old = /\binstall\b[^;&|]*?(?<=\s)(openssh-server|ssh)(?=[\s='"/:;&|]|$)/;
    const then = /(?<=\s)(openssh-server|ssh)(?=[\s='"/:;&|]|$)/;
    const words = ["install", "ssh", "openssh-server", "sshd", "ssh=1", "ssh/x", "x"];
    let yes = 0;
    for (const line of lines(words, [" ", " ", "", ";", "&", "|", "\n", "="], 20_000)) {
      const mine = matchFollowing(line, /\binstall\b/, then, /[;&|]/);
      const was = old.exec(line);
      expect([line, mine?.[1]]).toEqual([line, was?.[1]]);
      if (mine) yes++;
    }
    expect(yes).toBeGreaterThan(200);
  });
});
