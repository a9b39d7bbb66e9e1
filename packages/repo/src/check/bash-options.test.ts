// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { ashSyntaxProblems } from "./ash-syntax.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

const findings = (body: string) =>
  checkStages(
    "Dockerfile",
    describeStages(`FROM alpine:3.24@${DIGEST}\n${body}\n`, "Dockerfile"),
    settings,
  ).filter((f) => f.rule === "bash-syntax");
const found = (body: string) => findings(body).map((f) => `${f.line} ${f.severity}`);

describe("bash-syntax: bash-only options and descriptors in RUN lines busybox ash runs", () => {
  it("reports read -a, also clustered or after an option that takes a value", () => {
    for (const run of [
      "RUN read -a arr < /etc/passwd",
      "RUN read -ra arr < /etc/passwd",
      'RUN read -r -p "x" -a arr < /etc/passwd',
      "RUN read -d: -a arr < /etc/passwd",
    ])
      expect(found(run), run).toEqual(["2 error"]);
    expect(findings("RUN read -a arr < /etc/passwd")[0]?.message).toMatch(
      /busybox ash .*\("read: illegal option -a", status 2\) and sets no variable, so the build fails here: read the words into plain variables/,
    );
    expect(found("RUN read -a arr < /etc/passwd || true")).toEqual(["2 warning"]);
  });

  it("leaves read without -a: a value of -p or -d, names, and words that only say read -a", () => {
    for (const run of [
      "RUN read -r a b < /etc/passwd",
      'RUN read -p "-a" x < /etc/passwd',
      "RUN read -d a x < /etc/passwd",
      "RUN read -pa x < /etc/passwd",
      "RUN read -- -a < /etc/passwd",
      "RUN echo read -a x && grep 'read -a' /etc/passwd",
    ])
      expect(found(run), run).toEqual([]);
  });

  it("reports printf -v as an error even when guarded: busybox prints it and exits 0", () => {
    expect(found('RUN printf -v X "%s" 1; echo "$X"')).toEqual(["2 error"]);
    expect(found("RUN printf -vX 1 || true")).toEqual(["2 error"]);
    expect(findings('RUN printf -v X "%s" 1')[0]?.message).toMatch(
      /its printf has no -v: it prints "-v" as its format, sets no X and exits 0, and the build goes on: X=\$\(printf …\)/,
    );
    for (const run of ["RUN printf -- -v", 'RUN printf "%s\\n" -v', "RUN echo printf -v x"])
      expect(found(run), run).toEqual([]);
  });

  it("reports exec {fd}>file as an error and {fd}> on another command as a warning", () => {
    expect(found("RUN exec {fd}>/tmp/lock && flock $fd")).toEqual(["2 error"]);
    expect(found("RUN exec 3>/tmp/a {fd}</tmp/b")).toEqual(["2 error"]);
    expect(findings("RUN exec {fd}>/tmp/lock")[0]?.message).toMatch(/"exec: \{fd\}: not found"/);
    expect(found("RUN echo hi {fd}>/tmp/x")).toEqual(["2 warning"]);
    for (const run of [
      "RUN echo '{fd}>x' \"exec {fd}>y\" && find . -exec rm {} + && echo {}>/tmp/x",
      "RUN awk '{print}>\"/tmp/x\"' /etc/passwd",
    ])
      expect(found(run), run).toEqual([]);
  });

  it("says ${!x*} ends the shell, also after a ||", () => {
    expect(findings("RUN echo ${!HO*}")[0]?.message).toMatch(
      /\$\{!x\*\} naming variables.*"syntax error: bad substitution", which ends the shell/,
    );
  });

  it("leaves a builtin of bash the RUN defined as a function before calling it", () => {
    expect(found('RUN pushd() { cd "$1"; }; pushd /tmp && popd')).toEqual(["2 error"]);
    expect(found('RUN pushd() { cd "$1"; }; pushd /tmp')).toEqual([]);
    expect(found("RUN function pushd { cd $1; }; pushd /tmp")).toEqual([]);
    expect(found('RUN pushd /tmp; pushd() { cd "$1"; }')).toEqual(["2 error"]);
    expect(found('RUN mypushd() { cd "$1"; }; pushd /tmp')).toEqual(["2 error"]);
  });

  it("reads the call behind command or exec, which run ash's builtin, not behind -v or sudo", () => {
    expect(found("RUN command printf -v X 1")).toEqual(["2 error"]);
    expect(found("RUN command -p -- pushd /tmp && exec mapfile")).toEqual(["2 error", "2 error"]);
    expect(found("RUN command -v pushd || true; sudo -u app env X=1 true")).toEqual([]);
    expect(found("RUN apk add --no-cache bash && bash -c 'command pushd /tmp'")).toEqual([]);
  });

  it("leaves the words in strings, data here-documents, bash -c and a bash SHELL", () => {
    const none = [
      "RUN echo typeset pushd mapfile && grep -r 'read -a' /etc",
      "RUN cat > /x.sh <<'EOF'\ntypeset x=1\nread -a b\nprintf -v x 1\nexec {fd}>x\nEOF",
      "RUN apk add --no-cache bash && bash -c 'typeset x; printf -v y 1; read -a z; exec {fd}>x'",
      'RUN apk add --no-cache bash\nSHELL ["/bin/bash", "-c"]\nRUN read -a a; printf -v b 1; exec {fd}>x',
    ];
    for (const body of none) expect(found(body), body).toEqual([]);
  });
});

// Each form above, run by Alpine's busybox: what it does is what the messages say.
const CACHE = process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test";
const BUSYBOX = join(CACHE, "busybox-musl", "busybox");

describe.skipIf(!existsSync(BUSYBOX))("the bash-only forms against real musl busybox", () => {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-ash-options-"));
  const ash = (script: string): { status: number | null; out: string; err: string } => {
    const r = spawnSync(BUSYBOX, ["sh", "-c", script], { cwd: dir, encoding: "utf8" });
    return { status: r.status, out: r.stdout, err: r.stderr };
  };

  it("read -a fails with status 2 and sets nothing, the rest of the script going on", () => {
    const r = ash("echo 'a b' > in; read -ra x < in; echo \"$? [$x]\"");
    expect(r.out).toBe("2 []\n");
    expect(r.err).toMatch(/illegal option -a/);
  });

  it("printf -v prints -v and exits 0, leaving the variable unset", () => {
    expect(ash('printf -v X "%s" 1 && echo " ok [$X]"').out).toBe("-v ok []\n");
  });

  it("exec {fd}> opens the file, fails 127 and ends the shell past a ||", () => {
    const r = ash("exec {fd}>lock || true; echo after");
    expect({ status: r.status, out: r.out }).toEqual({ status: 127, out: "" });
    expect(r.err).toMatch(/exec: .*\{fd\}: not found/);
    expect(ash("echo hi {fd}>out; cat out").out).toBe("hi {fd}\n");
    expect(readFileSync(join(dir, "lock"), "utf8")).toBe("");
  });

  it("${!x*} ends the shell past a || when reached, not when skipped", () => {
    expect(ash("echo ${!HO*} || true; echo after")).toMatchObject({ status: 2, out: "" });
    expect(ash("false && echo ${!HO*}; echo after").out).toBe("after\n");
    expect(ashSyntaxProblems("echo ${!HO*}").map((p) => p.kind)).toEqual(["expansion"]);
  });

  it("command and exec run ash's own printf, or fail on its missing builtin", () => {
    expect(ash('command -p -- printf -v X 1; echo " $? [$X]"').out).toBe("-v 0 []\n");
    expect(ash("command pushd /tmp; echo $?").out).toBe("127\n");
    expect(ash("exec mapfile; echo after")).toMatchObject({ status: 127, out: "" });
  });

  it("a function named after a bash builtin runs in ash", () => {
    expect(ash('pushd() { cd "$1"; }; pushd / && pwd').out).toBe("/\n");
  });
});
