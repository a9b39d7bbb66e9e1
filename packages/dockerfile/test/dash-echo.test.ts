// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../src/parse/dockerfile.js";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const echoNotes = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.rule === "shell" && /^echo with /.test(w.message));

describe("echo with backslash escapes in a RUN that ran under dash", () => {
  it("becomes echo -e, an edit of rule shell with a note", () => {
    const r = migrate(
      lines(
        "FROM debian:bookworm-slim",
        'RUN echo "[global]\\nindex-url = https://pypi.example/simple\\ntimeout = 60" > /etc/pip.conf',
        "RUN echo -n 'a\\tb' > /tmp/t && echo plain",
      ),
    );
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.23",
        'RUN echo -e "[global]\\nindex-url = https://pypi.example/simple\\ntimeout = 60" > /etc/pip.conf',
        "RUN echo -ne 'a\\tb' > /tmp/t && echo plain",
      ),
    );
    expect(r.edits.filter((e) => e.rule === "shell").map((e) => [e.before, e.after])).toEqual([
      ["echo", "echo -e"],
      ["-n", "-ne"],
    ]);
    expect(echoNotes(r).map((w) => [w.line, w.message.slice(0, 30)])).toEqual([
      [2, "echo with \\n is now echo -e: u"],
      [3, "echo with \\t is now echo -ne: "],
    ]);
  });

  it("respells \\x and octal escapes past 255, which busybox -e reads otherwise", () => {
    const r = migrate(lines("FROM ubuntu:22.04", "RUN echo '\\0777 \\x41\\n' \\\\400 > /f"));
    expect(r.output).toContain("RUN echo -e '\\0377 \\\\x41\\n' \\\\0000 > /f");
  });

  it("reads a heredoc body run by /bin/sh, not one for bash", () => {
    const r = migrate(
      lines(
        "FROM debian:bookworm",
        "RUN <<EOF",
        'echo "a\\tb" > /a',
        "EOF",
        "RUN <<EOF bash",
        'echo "a\\tb" > /b',
        "EOF",
        "RUN <<EOF",
        "#!/bin/bash",
        'echo "a\\tb" > /c',
        "EOF",
      ),
    );
    expect(r.output).toContain('echo -e "a\\tb" > /a');
    expect(r.output).toContain('echo "a\\tb" > /b');
    expect(r.output).toContain('echo "a\\tb" > /c');
  });

  it("leaves echo under bash: a bash SHELL, /bin/sh linked to bash, a stage built FROM that", () => {
    const r = migrate(
      lines(
        "FROM debian:bookworm AS base",
        'RUN ln -sf /bin/bash /bin/sh && echo "x\\ty" > /1',
        'RUN echo "x\\ty" > /2',
        "FROM base",
        'RUN echo "x\\ty" > /3',
        "FROM debian:bookworm",
        'SHELL ["/bin/bash", "-c"]',
        'RUN echo "x\\ty" > /4 && [[ -f /4 ]]',
        'SHELL ["/bin/sh", "-c"]',
        'RUN echo "x\\ty" > /5',
      ),
    );
    // The link is made while the RUN's own shell is dash already.
    expect(r.output).toContain('ln -sf /bin/bash /bin/sh && echo -e "x\\ty" > /1');
    for (const n of [2, 3, 4]) expect(r.output).toContain(`RUN echo "x\\ty" > /${n}`);
    expect(r.output).toContain('RUN echo -e "x\\ty" > /5');
  });

  it("leaves a stage that was Alpine already; reads sh -c strings (dash-echo-strings.test.ts)", () => {
    const r = migrate(
      lines(
        "FROM alpine:3.20",
        'RUN echo "x\\ty" > /1',
        "FROM debian:bookworm",
        "RUN sh -c 'echo \"x\\ty\" > /2'",
      ),
    );
    expect(r.output).toContain('RUN echo "x\\ty" > /1');
    expect(r.output).toContain("RUN sh -c 'echo -e \"x\\ty\" > /2'");
  });

  it("leaves echo -e as written, with a note: dash printed the -e", () => {
    const r = migrate(lines("FROM debian:bookworm", 'RUN echo -e "a\\nb" > /f'));
    expect(r.output).toContain('RUN echo -e "a\\nb" > /f');
    expect(echoNotes(r)[0]?.message).toMatch(
      /dash's echo printed "-e" as text, which busybox's echo takes as its option/,
    );
  });

  it("gives no note for an echo whose step another rule removes", () => {
    const r = migrate(
      lines(
        "FROM debian:bookworm",
        'RUN echo "deb http://deb.debian.org/debian bookworm-backports main\\n" > /etc/apt/sources.list.d/b.list',
      ),
    );
    expect(echoNotes(r)).toEqual([]);
  });
});

describe("echo escapes written in a ${ } word", () => {
  it("warns at the echo, left as is; not where echo -e is added or nothing is escaped", () => {
    const text = lines(
      "FROM debian:12",
      'RUN echo "${X:-a\\tb}" > /a && echo ${Y:-x} "$Z" > /b',
      'RUN echo "a\\tb ${X:+c\\nd}" > /c',
    );
    const r = migrate(text);
    expect(r.output).toBe(
      text.replace("debian:12", "alpine:3.23").replace('echo "a', 'echo -e "a'),
    );
    expect(echoNotes(r).map((w) => [w.line, w.column, w.message.slice(0, 28)])).toEqual([
      [2, 5, "echo with \\t inside ${ }: wh"],
      [3, 5, "echo with \\t is now echo -e:"],
    ]);
  });

  it("leaves a pattern's escapes alone: they only say what to strip, in dash and ash alike", () => {
    const text = lines(
      "FROM debian:12",
      'RUN echo "${X#a\\tb}" "${X%%c\\nd}" "${X:-${Y##a\\tb}}" > /a',
    );
    const r = migrate(text);
    expect(r.output).toBe(text.replace("debian:12", "alpine:3.23"));
    expect(echoNotes(r)).toEqual([]);
  });
});

const BUSYBOX = join(
  process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test",
  "busybox-musl",
  "busybox",
);
const DASH = ["/usr/bin/dash", "/bin/dash"].find(existsSync);

/** The shell-form RUN bodies of a Dockerfile, in order. */
function runBodies(text: string): string[] {
  return parseDockerfile(text)
    .instructions.filter((i) => i.keyword === "RUN")
    .map((i) => i.args.text);
}

describe.skipIf(!existsSync(BUSYBOX) || !DASH)(
  "migrated echo RUNs under musl busybox ash print what dash printed (skipped without dash and the musl busybox)",
  () => {
    it("gives the same bytes for each RUN, continuation lines and several echoes included", () => {
      const runs = [
        'echo "[global]\\nindex-url = x\\ntimeout = 60"',
        "echo -n 'a\\tb\\c never' && echo ' next\\0101'",
        "echo '\\0777' \\\\400 '\\x41' \"C:\\\\new\" \\\n  'line\\\\two'",
        'for f in a b; do echo "$f\\t|"; done',
        "V='v\\tw' && echo \"$V\\n\" $V",
      ];
      const before = lines("FROM debian:bookworm", ...runs.map((r) => `RUN ${r}`));
      const after = runBodies(migrate(before).output);
      expect(after).toHaveLength(runs.length);
      runs.forEach((_, i) => {
        const original = runBodies(before)[i]!;
        const dash = spawnSync(DASH!, ["-c", original]);
        const ash = spawnSync(BUSYBOX, ["ash", "-c", after[i]!]);
        expect([after[i], ash.stdout.toString("latin1")]).toEqual([
          after[i],
          dash.stdout.toString("latin1"),
        ]);
        expect(after[i]).not.toBe(original);
      });
    });

    it("gives the same bytes for sh -c strings, shell-form CMD/ENTRYPOINT/HEALTHCHECK and exec forms", () => {
      const before = lines(
        "FROM debian:bookworm",
        'RUN sh -c \'echo "a\\tb\\c never"; echo -n x\\\\0101\' && echo " \\0777"',
        "RUN sh -c \"echo 'a\\tb' \\\"q\\\\\\\\n\\\" \\$0 '\\x41'\" && sh -c 'sh -c \"echo -- a\\\\\\\\tb\"'",
        "RUN V='v\\tw' sh -c 'echo \"$V|\\n\" \"\\0101\\0777\"' \\",
        "  && sudo=x sh -ec 'echo \"\\\\-\\c\"'",
        "CMD echo \"c\\td\" -n 'e\\\\f' \\",
        '    "\\06\\0"',
        "ENTRYPOINT echo -n '\\x41\\0400'; echo \"$HOME\\n\"",
        "HEALTHCHECK --retries=2 CMD echo 'h\\tc' && sh -c \"echo 'i\\tj'\"",
        'CMD ["sh", "-c", "echo \\"a\\\\tb\\" \'\\\\0101\\\\c\' && echo \\"\\u0041\\\\n\\""]',
        'RUN ["/bin/sh", "-ec", "echo -n \'\\\\x7\\\\t\' \\\\\\\\"]',
      );
      const after = migrate(before).output;
      const originals = started(before);
      const rewritten = started(after);
      expect(rewritten).toHaveLength(originals.length);
      const dashBin = shellDir("dash", DASH!);
      const ashBin = shellDir("ash", BUSYBOX);
      originals.forEach((original, i) => {
        const dash = spawnSync(DASH!, ["-c", original], { env: { PATH: dashBin } });
        const ash = spawnSync(BUSYBOX, ["ash", "-c", rewritten[i]!], { env: { PATH: ashBin } });
        expect([rewritten[i], ash.stdout.toString("latin1")]).toEqual([
          rewritten[i],
          dash.stdout.toString("latin1"),
        ]);
        expect(rewritten[i]).not.toBe(original);
      });
    });
  },
);

/**
 * What each RUN, CMD, ENTRYPOINT and HEALTHCHECK hands a shell: the shell form's text, or an
 * exec form's `-c` string.
 */
function started(text: string): string[] {
  return parseDockerfile(text)
    .instructions.filter((i) => ["RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"].includes(i.keyword))
    .map((i) => {
      const body = i.args.text.replace(/^--\S+\s+/, "").replace(/^CMD\s+/, "");
      if (!body.startsWith("[")) return body;
      const words = JSON.parse(body) as string[];
      return words[2]!;
    });
}

/** A folder whose `sh` is the given shell, so a `sh -c` inside a script runs that shell. */
function shellDir(name: string, program: string): string {
  const dir = mkdtempSync(join(tmpdir(), `alpinize-echo-${name}-`));
  // busybox started as `sh` runs its ash.
  symlinkSync(program, join(dir, "sh"));
  return dir;
}
