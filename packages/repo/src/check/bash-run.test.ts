// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { ashSyntaxProblems, BASH_ONLY_BUILTINS } from "./ash-syntax.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

const found = (body: string, base = `alpine:3.24@${DIGEST}`) =>
  checkStages("Dockerfile", describeStages(`FROM ${base}\n${body}\n`, "Dockerfile"), settings)
    .filter((f) => f.rule === "bash-syntax" || f.rule === "bash-missing")
    .map((f) => `${f.line} ${f.rule} ${f.severity}`);

describe("bash-syntax: RUN lines busybox ash does not run", () => {
  it("reports a here-string in a shell-form RUN under /bin/sh as an error", () => {
    expect(found('RUN read a <<<"$V"')).toEqual(["2 bash-syntax error"]);
  });

  it("reports arrays, &>>, |&, for ((, subscripts, case changes and indirection", () => {
    expect(found("RUN a=(1 2) && echo x")).toEqual(["2 bash-syntax error"]);
    expect(found("RUN make &>> log")).toEqual(["2 bash-syntax error"]);
    expect(found("RUN make |& tee log")).toEqual(["2 bash-syntax error"]);
    expect(found("RUN for ((i=0; i<2; i++)); do echo $i; done")).toEqual(["2 bash-syntax error"]);
    expect(found('RUN echo "${a[0]}" ${#b[@]}')).toEqual([
      "2 bash-syntax error",
      "2 bash-syntax error",
    ]);
    expect(found('RUN echo "${X^^}" && echo ${!N}')).toEqual([
      "2 bash-syntax error",
      "2 bash-syntax error",
    ]);
  });

  it("leaves what Alpine's ash runs: [[ ]], function f {, &>, ${x/a/b}, ${x:1:2}, source", () => {
    expect(
      found(
        `RUN [[ -n "$X" ]] && function f { :; } && f &> /dev/null && echo "\${X/a/b}" "\${X:1:2}" && source /etc/profile`,
      ),
    ).toEqual([]);
  });

  it("leaves quoted text, comments and the script of bash -c alone", () => {
    expect(
      found(`RUN apk add --no-cache bash && echo "a <<< b" 'c=(d)' '\${e[0]}' # f <<< g`),
    ).toEqual([]);
    expect(found(`RUN apk add --no-cache bash && bash -c 'read a <<< "$V"; declare x=1'`)).toEqual(
      [],
    );
  });

  it("reports where the command starts on a continued RUN", () => {
    expect(found("RUN true \\\n    && read a <<< x")).toEqual(["3 bash-syntax error"]);
  });

  it("makes an expansion in a guarded branch, and a {a..b} range, warnings", () => {
    expect(found("RUN if command -v bash; then echo ${X^^}; fi")).toEqual([
      "2 bash-syntax warning",
    ]);
    expect(found("RUN for i in {1..3}; do echo $i; done")).toEqual(["2 bash-syntax warning"]);
  });

  it("warns of {a,b} lists in unquoted words, which ash keeps as written", () => {
    expect(found("RUN mkdir -p /app/{logs,data}")).toEqual(["2 bash-syntax warning"]);
    expect(found("RUN true \\\n    && cp /etc/{passwd,group} /tmp/ && cp a{,.bak}")).toEqual([
      "3 bash-syntax warning",
      "3 bash-syntax warning",
    ]);
    expect(found("RUN export X={a,b} && env Y=--o={c,d} x")).toHaveLength(2);
  });

  it("leaves braces that are no list: quoted, ${…}, {}, groups, @{u}, assignments, bash", () => {
    const none = [
      `RUN echo "{a,b}" '{c,d}' \\{e,f} # {g,h}`,
      "RUN echo ${X:-{a,b}} ${Y:-${Z}} && find . -exec rm {} +",
      "RUN { echo a,b; } && git log @{u} && X={a,b} make && if true; then Y={c,d}; fi",
      "RUN awk -F, '{print $1,$2}' f && docker ps --format {{.Names}},{{.ID}}",
      'RUN apk add --no-cache bash\nSHELL ["/bin/bash", "-c"]\nRUN mkdir -p /app/{logs,data}',
    ];
    for (const body of none) expect(found(body), body).toEqual([]);
  });

  it("reports bash-only builtins ash lacks, guarded ones as warnings", () => {
    expect(found("RUN declare -x A=1")).toEqual(["2 bash-syntax error"]);
    expect(found("RUN pushd /tmp || true")).toEqual(["2 bash-syntax warning"]);
  });

  it("does not judge RUN lines under a bash SHELL, also one a parent stage set", () => {
    const text = `RUN apk add --no-cache bash\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN read a <<< x\nFROM 0\nRUN x=(1) && declare y`;
    expect(found(text)).toEqual([]);
  });

  it("does not judge an exec-form RUN or RUN lines after /bin/sh was pointed at bash", () => {
    expect(found('RUN ["sh", "-c", "echo"]\nRUN ["/bin/echo", "a=(1)"]')).toEqual([]);
    expect(found("RUN apk add --no-cache bash && ln -sf /bin/bash /bin/sh\nRUN a=(1)")).toEqual([]);
  });

  it("reads SHELL /bin/sh as bash once a RUN linked /bin/sh to bash, /bin/ash as busybox", () => {
    const linked = `RUN apk add --no-cache bash && ln -sf /bin/bash /bin/sh\nSHELL ["/bin/bash", "-c"]\nRUN true`;
    expect(found(`${linked}\nSHELL ["/bin/sh", "-c"]\nRUN read a <<< x`)).toEqual([]);
    expect(found(`${linked}\nSHELL ["/bin/ash", "-c"]\nRUN read a <<< x`)).toEqual([
      "6 bash-syntax error",
    ]);
  });

  it("judges a stage that goes back to sh with SHELL", () => {
    const text = `RUN apk add --no-cache bash\nSHELL ["/bin/bash", "-c"]\nRUN true\nSHELL ["/bin/sh", "-c"]\nRUN read a <<< x`;
    expect(found(text)).toEqual(["6 bash-syntax error"]);
  });
});

describe("bash-missing: RUN lines that run bash Alpine does not have", () => {
  it("reports dash (no busybox applet) run by a RUN, exec form or SHELL before apk add dash", () => {
    expect(found('RUN dash -c "echo \'a\\nb\'"\nRUN ["/bin/dash", "-c", "true"]')).toEqual([
      "2 bash-missing error",
      "3 bash-missing error",
    ]);
    expect(found('SHELL ["/bin/dash", "-c"]\nRUN echo hi')).toEqual(["3 bash-missing error"]);
    expect(
      found('RUN apk add --no-cache dash\nRUN dash -c true\nSHELL ["/bin/dash", "-c"]\nRUN true'),
    ).toEqual([]);
    expect(found("RUN dash -c true", `postgres:17-alpine@${DIGEST}`)).toEqual([
      "2 bash-missing error",
    ]);
  });

  it("names dash in the message, with the echo it would need under sh", () => {
    const [f] = checkStages(
      "Dockerfile",
      describeStages(`FROM alpine:3.24@${DIGEST}\nRUN dash -c true\n`, "Dockerfile"),
      settings,
    ).filter((x) => x.rule === "bash-missing");
    expect(f?.message).toMatch(/^this RUN runs dash, .*"dash: not found".*apk add --no-cache dash/);
  });

  it("reports bash called in a RUN, exec form included, before apk add bash", () => {
    expect(found('RUN ["bash", "-c", "echo hi"]\nRUN bash -c "echo"')).toEqual([
      "2 bash-missing error",
      "3 bash-missing error",
    ]);
    expect(found('RUN apk add --no-cache bash\nRUN ["bash", "-c", "echo hi"]')).toEqual([]);
  });

  it("reports RUN lines under a bash SHELL before bash is installed", () => {
    expect(found('SHELL ["/bin/bash", "-c"]\nRUN echo hi')).toEqual(["3 bash-missing error"]);
  });

  it("trusts images that ship bash, and only warns for images it does not know", () => {
    expect(found('SHELL ["/bin/bash", "-c"]\nRUN echo', `postgres:17-alpine@${DIGEST}`)).toEqual(
      [],
    );
    expect(found("RUN bash -c true", `ghcr.io/acme/base:alpine@${DIGEST}`)).toEqual([
      "2 bash-missing warning",
    ]);
  });
});

// The patterns were measured with Alpine's busybox; when that binary is here, measure them again.
const CACHE = process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test";
const BUSYBOX = join(CACHE, "busybox-musl", "busybox");

describe.skipIf(!existsSync(BUSYBOX))("the ash syntax table against real musl busybox", () => {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-ash-"));
  const ash = (script: string): { ok: boolean; out: string } => {
    try {
      const out = execFileSync(BUSYBOX, ["sh", "-c", script], {
        cwd: dir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      return { ok: true, out };
    } catch {
      return { ok: false, out: "" };
    }
  };
  const scripts = {
    parse: [
      "true || read a <<< x",
      "false && echo x &>> o",
      "false && echo x |& cat",
      "if false; then a=(1); fi",
      "x+=(a)",
      "false && for ((i=0;i<1;i++)); do :; done",
    ],
    expansion: ['X=a; echo "${X^^}"', "X=a; echo ${X,,}", "echo ${!X}", 'echo "${a[0]}"'],
    literal: ["echo {1..3}", "echo x{a,b}y", "echo f{,.bak}"],
    accepted: ["[[ a == a ]]", "function f { :; }; f", "echo &> o", "X=ab; echo ${X/a/b} ${X:1:1}"],
  };

  it("ash rejects each script the table calls a parse failure, before running any of it", () => {
    for (const s of scripts.parse) {
      expect(
        ashSyntaxProblems(s).map((p) => p.kind),
        s,
      ).toEqual(["parse"]);
      expect(ash(`echo ran; ${s}`), s).toEqual({ ok: false, out: "" });
    }
  });

  it("ash fails on each expansion when reached, not when skipped", () => {
    for (const s of scripts.expansion) {
      expect(
        ashSyntaxProblems(s).map((p) => p.kind),
        s,
      ).toEqual(["expansion"]);
      expect(ash(s).ok, s).toBe(false);
      expect(ash(`false && { ${s}; }; echo ok`).out, s).toBe("ok\n");
    }
  });

  it("ash leaves ranges and lists as written, and runs what the table leaves alone", () => {
    for (const s of scripts.literal) {
      expect(ashSyntaxProblems(s).map((p) => p.kind)).toEqual(["literal"]);
      expect(ash(s).out, s).toBe(`${s.slice("echo ".length)}\n`);
    }
    expect(ash("mkdir -p app/{logs,data} && ls app").out).toBe("{logs,data}\n");
    for (const s of scripts.accepted) {
      expect(ashSyntaxProblems(s), s).toEqual([]);
      expect(ash(s).ok, s).toBe(true);
    }
  });

  it("ash has none of the bash-only builtins", () => {
    for (const name of [...BASH_ONLY_BUILTINS.keys()])
      expect(ash(`${name} x`).ok, name).toBe(false);
  });
});
