import { migrateDockerfile } from "@alpinize/dockerfile";
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";
import { ECHOES_LISTED } from "./started-echo.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const FROM = `FROM alpine:3.24@${DIGEST}`;

const echoFindings = (text: string) =>
  checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
    (f) => f.rule === "echo-escapes",
  );

/** `line:column` of each echo-escapes finding of a Dockerfile. */
const found = (...lines: string[]) =>
  echoFindings(`${lines.join("\n")}\n`).map((f) => `${f.line}:${f.column ?? "-"}`);

describe("echo-escapes in what a container starts and in sh -c strings", () => {
  it("points at each echo, with its column, in shell-form CMD/ENTRYPOINT/HEALTHCHECK", () => {
    expect(
      found(
        FROM,
        "CMD echo 'a\\nb' && exec foo",
        'HEALTHCHECK --interval=5s CMD echo "h\\tb" || exit 1',
        "ENTRYPOINT printf x; echo 'c\\\\d'",
      ),
    ).toEqual(["2:5", "3:31", "4:22"]);
    const [cmd] = echoFindings(`${FROM}\nCMD echo 'a\\nb'\n`);
    expect(cmd).toMatchObject({ line: 2, column: 5, severity: "warning" });
    expect(cmd?.message).toMatch(
      /^echo with \\n in Alpine stage 0 prints these as written: busybox ash's echo \(this CMD's \/bin\/sh\)/,
    );
  });

  it("reads sh -c strings of RUN, exec forms and starters (tini --, gosu USER)", () => {
    expect(
      found(
        FROM,
        "RUN sh -c 'echo \"c\\td\"' && sh -c \"echo 'e\\nf'\"",
        'RUN ["sh", "-c", "echo \'x\\\\ny\'"]',
        'ENTRYPOINT ["tini", "--", "sh", "-c", "echo \\"e\\\\tf\\"; exec \\"$@\\""]',
        'CMD ["gosu", "app", "/bin/sh", "-c", "sh -c \'echo a\\\\\\\\\\\\\\\\b\'"]',
      ),
    ).toEqual(["2:12", "2:35", "3:19", "4:40", "5:46"]);
    const [string] = echoFindings(`${FROM}\nRUN sh -c 'echo "c\\td"'\n`);
    expect(string?.message).toMatch(/\(\/bin\/sh, which runs this sh -c string\)/);
  });

  it("leaves echo -e, bash and dash, a bash SHELL's own code, /bin/sh linked to bash, Debian", () => {
    expect(found(FROM, "CMD echo -e 'a\\nb'", "RUN sh -c \"echo -ne 'x\\ty'\"")).toEqual([]);
    expect(
      found(FROM, 'CMD ["bash", "-c", "echo \'a\\\\nb\'"]', "RUN dash -c 'echo \"a\\nb\"'"),
    ).toEqual([]);
    expect(found(FROM, "RUN bash -c \"sh -c 'echo a\\nb'\"")).toEqual([]);
    // The SHELL runs CMD's own code; its sh -c string is still /bin/sh's.
    expect(
      found(FROM, 'SHELL ["/bin/bash", "-c"]', "CMD echo 'a\\nb'; sh -c 'echo \"c\\td\"'"),
    ).toEqual(["3:25"]);
    expect(found(FROM, "CMD sh -c 'echo \"c\\td\"'", "RUN ln -sf /bin/bash /bin/sh")).toEqual([]);
    expect(found("FROM debian:bookworm", "CMD echo 'a\\nb'")).toEqual([]);
    // Strings the outer shell expands first are migrate's warning, not read here.
    expect(found(FROM, "RUN sh -c \"echo $X'a\\nb'\"")).toEqual([]);
  });
});

describe("echo-escapes in command substitutions and the echo builtin spelt otherwise", () => {
  it("reads a RUN's $( ), backquotes and here-document bodies, with the echo's column", () => {
    expect(
      found(
        FROM,
        "RUN x=$(echo 'a\\tb') && y=`echo \"c\\\\td\"` && z=$(printf x $(echo 'e\\nf'))",
        "RUN cat <<EOF > /f && cat <<'RAW' > /g",
        "h: $(echo 'h\\td')",
        "EOF",
        "raw: $(echo 'k\\tl')",
        "RAW",
        "CMD echo \"$(echo 'c\\td')\"",
      ),
    ).toEqual(["2:9", "2:28", "2:60", "4:6", "8:13"]);
  });

  it("reads command echo, \\echo and quoted echo; not command -v, env or sudo echo", () => {
    expect(
      found(
        FROM,
        "RUN command echo 'a\\tb' && \\echo 'a\\tb' && \"echo\" -n 'a\\tb'",
        "RUN command -v echo 'a\\tb' && env echo 'a\\tb' && sudo echo 'a\\tb'",
        "RUN sh -c 'command echo \"a\\tb\"'",
      ),
    ).toEqual(["2:13", "2:28", "2:44", "4:20"]);
  });
});

/** Debian Dockerfiles whose echo migrate rewrites in each place check looks. */
const DEBIAN = [
  ["FROM debian:bookworm", "CMD echo 'a\\nb' && exec foo"],
  ["FROM debian:bookworm", 'HEALTHCHECK CMD echo "h\\\\tb" || exit 1'],
  [
    "FROM debian:bookworm",
    "RUN dash -c \"echo 'a\\nb'\" && sh -c 'echo \"c\\td\"'",
    'RUN ["sh", "-c", "echo \'x\\\\\\\\ny\'"]',
  ],
  [
    "FROM debian:bookworm",
    'SHELL ["/bin/bash", "-c"]',
    "RUN sh -c \"echo 'a\\tb'\" > /f",
    'ENTRYPOINT ["tini", "--", "sh", "-c", "echo \\"e\\\\\\\\tf\\"; exec \\"$@\\""]',
  ],
  [
    "FROM ubuntu:24.04",
    "RUN printf x && sh -c 'sh -c \"echo a\\\\\\\\\\\\\\\\nb\"'",
    "CMD sh -c 'echo \"x\\ty\"'",
  ],
  [
    "FROM debian:bookworm",
    "RUN x=$(echo 'a\\tb') && y=`echo \\`echo 'c\\\\\\\\td'\\`` && cat <<EOF > /f",
    "$(command echo -n 'h\\td')",
    "EOF",
    "RUN \\echo 'a\\tb' && \"echo\" 'a\\tb' && command -p echo 'a\\tb'",
    'CMD ["sh", "-c", "x=$(echo \'e\\\\tf\'); exec app"]',
  ],
];

describe("echo-escapes agrees with migrate", () => {
  it.each(DEBIAN.map((lines) => [lines.join("\n")]))(
    "finds the echo on the Debian file made Alpine as written, none on migrate's output: %s",
    (debian) => {
      const { output } = migrateDockerfile(`${debian}\n`, { release: "3.24" });
      expect(output).not.toBe(`${debian}\n`);
      // The same file with only its FROM changed: the echo migrate rewrites are still there.
      const as = `${debian.replace(/^FROM \S+/, FROM)}\n`;
      expect(echoFindings(as).length).toBeGreaterThan(0);
      expect(echoFindings(output).map((f) => `${f.line}:${f.column}: ${f.message}`)).toEqual([]);
    },
  );
});

describe("echo-escapes of an instruction with many echo calls", () => {
  const echoes = (n: number) => Array.from({ length: n }, () => "echo 'a\\tb'").join(" \\\n && ");

  it("lists the first 100 of a RUN and counts the rest in one finding at the first left out", () => {
    const text = `${FROM}\nRUN ${echoes(ECHOES_LISTED + 50)}\nCMD echo 'c\\nd'\n`;
    const all = echoFindings(text);
    expect(all).toHaveLength(ECHOES_LISTED + 2);
    expect(all[ECHOES_LISTED - 1]).toMatchObject({ line: ECHOES_LISTED + 1, column: 5 });
    expect(all[ECHOES_LISTED - 1]?.more).toBeUndefined();
    const more = all[ECHOES_LISTED];
    expect(more).toMatchObject({ line: ECHOES_LISTED + 2, column: 5, more: 50 });
    expect(more?.severity).toBe("warning");
    expect(more?.message).toBe(
      `50 more echo calls with escapes in this RUN (lines ${ECHOES_LISTED + 2}-${ECHOES_LISTED + 51}), past the first ${ECHOES_LISTED}, in Alpine stage 0: not listed one by one; each prints its escapes as written under busybox ash, as the ones listed do; alpinize migrate rewrites them all to echo -e`,
    );
    // The count is per instruction: the CMD's echo is listed.
    expect(all.at(-1)).toMatchObject({ line: ECHOES_LISTED + 52, column: 5 });
  });

  it("lists every one of two RUN lines within the count each", () => {
    const run = `RUN ${echoes(ECHOES_LISTED)}`;
    const all = echoFindings(`${FROM}\n${run}\n${run}\n`);
    expect(all).toHaveLength(2 * ECHOES_LISTED);
    expect(all.every((f) => f.more === undefined)).toBe(true);
  });
});
