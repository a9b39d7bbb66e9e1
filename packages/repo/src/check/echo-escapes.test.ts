// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

/** `line severity` of each echo-escapes finding of a Dockerfile. */
const found = (...lines: string[]) =>
  checkStages("Dockerfile", describeStages(`${lines.join("\n")}\n`, "Dockerfile"), settings)
    .filter((f) => f.rule === "echo-escapes")
    .map((f) => `${f.line} ${f.severity}`);

const FROM = `FROM alpine:3.24@${DIGEST}`;

describe("echo-escapes: echo under busybox ash with escapes Debian's dash read", () => {
  it("warns on the echo's line, for each quoting that hands echo a backslash", () => {
    expect(
      found(
        FROM,
        'RUN echo "[global]\\nindex-url = x" > /etc/pip.conf',
        "RUN true && \\",
        "    echo 'a\\tb' > /t",
        "RUN echo a\\\\nb > /u",
      ),
    ).toEqual(["2 warning", "4 warning", "5 warning"]);
    const [finding] = checkStages(
      "Dockerfile",
      describeStages(`${FROM}\nRUN echo "a\\nb" > /f\n`, "Dockerfile"),
      settings,
    ).filter((f) => f.rule === "echo-escapes");
    expect(finding?.message).toMatch(/^echo with \\n in Alpine stage 0 prints these as written/);
  });

  it("leaves echo -e, escapes echo never gets, bash, sh -c strings and Debian stages", () => {
    expect(found(FROM, "RUN echo -e 'a\\nb' && echo a\\nb '\\x41'")).toEqual([]);
    expect(found(FROM, 'SHELL ["/bin/bash", "-c"]', "RUN echo 'a\\nb'")).toEqual([]);
    expect(found(FROM, "RUN ln -sf /bin/bash /bin/sh", "RUN echo 'a\\nb'")).toEqual([]);
    expect(found(FROM, "RUN bash -c \"echo 'a\\nb'\"")).toEqual([]);
    expect(found("FROM debian:bookworm", "RUN echo 'a\\nb'")).toEqual([]);
  });

  it("warns at escapes in a ${ } word echo prints, as migrate does; not under echo -e", () => {
    expect(
      found(
        FROM,
        'RUN echo "${X:-a\\tb}"',
        'RUN echo -e "${X:-a\\tb}" ${Y:-x}',
        "RUN echo ${Y:-x}",
        'RUN echo "${X#a\\tb}" "${X%%a\\nb}"',
      ),
    ).toEqual(["2 warning"]);
  });
});

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

/** `alpinize check` of a scratch repo with the default settings. */
const checkRepo = (r: ScratchRepo) =>
  checkTargets([{ path: r.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: r.root,
  });

describe("echo-escapes in a #!/bin/sh script an Alpine image runs", () => {
  it("is the entrypoint lint's warning, reported under entrypoint-lint", async () => {
    repo = await scratchRepo({
      Dockerfile: `${FROM}\nCOPY start.sh /start.sh\nENTRYPOINT ["/start.sh"]\n`,
      "start.sh": '#!/bin/sh\necho "ready\\n" > /tmp/state\nexec "$@"\n',
    });
    const result = await checkRepo(repo);
    const echo = result.findings.filter((f) => /echo with \\n/.test(f.message));
    expect(echo.map((f) => `${f.file}:${f.line}:${f.rule}:${f.severity}`)).toEqual([
      "start.sh:2:entrypoint-lint:warning",
    ]);
  });
});

describe("echo-escapes in a #!/bin/sh script a RUN runs", () => {
  it("is reported on the RUN's line, naming the script's line; not for bash scripts", async () => {
    repo = await scratchRepo({
      Dockerfile: [
        FROM,
        "COPY setup.sh bash.sh /opt/",
        "RUN /opt/setup.sh",
        "RUN sh /opt/bash.sh && bash /opt/setup.sh && /opt/bash.sh",
        "",
      ].join("\n"),
      "setup.sh": "#!/bin/sh\nset -e\necho 'a\\tb' > /f\n",
      "bash.sh": '#!/bin/bash\necho "x\\\\\\\\y"\n',
    });
    const result = await checkRepo(repo);
    const echo = result.findings.filter((f) => f.rule === "echo-escapes");
    expect(echo.map((f) => `${f.line}:${f.severity}:${f.message.slice(0, 60)}`)).toEqual([
      "3:warning:echo with \\t (line 3 of /opt/setup.sh, setup.sh in the build",
      "4:warning:echo with \\\\ (line 2 of /opt/bash.sh, bash.sh in the build c",
    ]);
  });

  it("reads the script as migrate does: $( ), command echo; not sudo echo or a bash -c string", async () => {
    repo = await scratchRepo({
      Dockerfile: [FROM, "COPY a.sh b.sh /opt/", "RUN /opt/a.sh && /opt/b.sh", ""].join("\n"),
      "a.sh": "#!/bin/sh\nsudo echo 'a\\tb'\nbash -c \"echo 'a\\tb'\"\nx=$(command echo 'c\\td')\n",
      "b.sh": "#!/bin/sh\nenv echo 'a\\tb'\ndash -c 'echo \"a\\tb\"'\n",
    });
    const result = await checkRepo(repo);
    const echo = result.findings.filter((f) => f.rule === "echo-escapes");
    expect(echo.map((f) => `${f.line}:${f.message.slice(0, 33)}`)).toEqual([
      "3:echo with \\t (line 4 of /opt/a.sh",
    ]);
  });

  it("checks a #!/bin/sh script under a bash SHELL (/bin/sh still runs it), not `bash FILE`", async () => {
    repo = await scratchRepo({
      Dockerfile: [
        FROM,
        "RUN apk add --no-cache bash",
        'SHELL ["/bin/bash", "-c"]',
        "COPY setup.sh /opt/",
        "RUN /opt/setup.sh",
        "RUN bash /opt/setup.sh",
        "RUN ln -sf /bin/bash /bin/sh",
        "RUN /opt/setup.sh && sh /opt/setup.sh",
        "",
      ].join("\n"),
      "setup.sh": "#!/bin/sh\necho 'a\\tb' > /f\n",
    });
    const result = await checkRepo(repo);
    const echo = result.findings.filter((f) => f.rule === "echo-escapes");
    expect(echo.map((f) => `${f.line}:${f.message.slice(0, 37)}`)).toEqual([
      "5:echo with \\t (line 2 of /opt/setup.sh",
    ]);
  });

  it("leaves a #!/bin/dash script and dash FILE: dash (apk add dash) reads the escapes", async () => {
    repo = await scratchRepo({
      Dockerfile: [
        FROM,
        "RUN apk add --no-cache dash",
        "COPY setup.sh plain.sh /opt/",
        "RUN /opt/setup.sh && dash /opt/plain.sh && sh /opt/plain.sh",
        "",
      ].join("\n"),
      "setup.sh": "#!/bin/dash\necho 'a\\tb' > /f\n",
      "plain.sh": "#!/bin/sh\necho 'a\\tb' > /f\n",
    });
    const result = await checkRepo(repo);
    const echo = result.findings.filter((f) => f.rule === "echo-escapes");
    expect(echo.map((f) => `${f.line}:${f.message.slice(0, 37)}`)).toEqual([
      "4:echo with \\t (line 2 of /opt/plain.sh",
    ]);
    // Without dash installed the script does not start: bash-missing says so.
    repo = await scratchRepo({
      Dockerfile: [FROM, "COPY setup.sh /opt/", "RUN /opt/setup.sh", ""].join("\n"),
      "setup.sh": "#!/bin/dash\necho 'a\\tb' > /f\n",
    });
    const missing = (await checkRepo(repo)).findings.filter((f) => f.rule === "bash-missing");
    expect(missing.map((f) => `${f.line}:${f.message.slice(0, 60)}`)).toEqual([
      "3:/opt/setup.sh (a script from the build context starting #!/b",
    ]);
    expect(missing[0]?.message).toMatch(/runs dash, .*"\/opt\/setup.sh: not found"/);
  });
});
