import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const BASH = "#!/bin/bash\nset -euo pipefail\necho hi\n";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

/** `line severity` of the bash-missing findings of a directory check. */
async function check(
  lines: string[],
  files: Record<string, string> = { "install.sh": BASH },
  from = `FROM alpine:3.23@${DIGEST}`,
) {
  await repo?.remove();
  repo = await scratchRepo({
    Dockerfile: [from, ...lines, ""].join("\n"),
    ...files,
  });
  const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
  return result.findings
    .filter((f) => f.rule === "bash-missing")
    .map((f) => `${f.line} ${f.severity}`);
}

describe("bash-missing: a RUN that runs a copied #!/bin/bash script", () => {
  it("reports the RUN, saying the script's interpreter is what is not found", async () => {
    expect(await check(["COPY install.sh /tmp/", "RUN /tmp/install.sh"])).toEqual(["3 error"]);
    const result = await checkTargets([{ path: repo!.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo!.root,
    });
    expect(result.findings.find((f) => f.rule === "bash-missing")?.message).toMatch(
      /\/tmp\/install\.sh \(a script from the build context starting #!\/bin\/bash\).*"\/tmp\/install\.sh: not found"/,
    );
  });

  it("follows the world: clean after apk add bash, an error before it", async () => {
    expect(
      await check(["RUN apk add --no-cache bash", "COPY install.sh /tmp/", "RUN /tmp/install.sh"]),
    ).toEqual([]);
    expect(
      await check(["COPY install.sh /tmp/", "RUN /tmp/install.sh", "RUN apk add --no-cache bash"]),
    ).toEqual(["3 error"]);
  });

  it("finds the script through WORKDIR, cd, PATH, a copied folder and #!/usr/bin/env bash", async () => {
    expect(await check(["WORKDIR /app", "COPY . .", "RUN ./install.sh"])).toEqual(["4 error"]);
    expect(await check(["COPY install.sh /opt/", "RUN cd /opt && ./install.sh"])).toEqual([
      "3 error",
    ]);
    expect(await check(["COPY install.sh /usr/local/bin/", "RUN install.sh"])).toEqual(["3 error"]);
    const env = { "scripts/setup": "#!/usr/bin/env bash\necho\n" };
    expect(await check(["COPY scripts /scripts", "RUN /scripts/setup"], env)).toEqual(["3 error"]);
  });

  it("finds a script a stage built on copied", async () => {
    const lines = ["COPY install.sh /tmp/install.sh", "FROM base", "RUN /tmp/install.sh"];
    const from = `FROM alpine:3.23@${DIGEST} AS base`;
    expect(await check(lines, { "install.sh": BASH }, from)).toEqual(["4 error"]);
  });

  it("leaves sh scripts, scripts run by sh, and files not in the build context", async () => {
    expect(
      await check(["COPY install.sh /tmp/", "RUN /tmp/install.sh"], {
        "install.sh": "#!/bin/sh\n",
      }),
    ).toEqual([]);
    expect(await check(["COPY install.sh /tmp/", "RUN sh /tmp/install.sh"])).toEqual([]);
    expect(await check(["RUN /tmp/install.sh"])).toEqual([]);
    expect(
      await check(["COPY --from=busybox:1 /bin/sh /tmp/install.sh", "RUN /tmp/install.sh"]),
    ).toEqual([]);
    expect(await check(["COPY install.sh /tmp/", "RUN /opt/install.sh"])).toEqual([]);
  });

  it("makes a guarded call a warning", async () => {
    expect(await check(["COPY install.sh /tmp/", "RUN /tmp/install.sh || true"])).toEqual([
      "3 warning",
    ]);
  });

  it("reads no script through a link, nor one behind a folder leading out of the context", async () => {
    const outside = await scratchRepo({ "install.sh": BASH });
    try {
      repo = await scratchRepo({
        Dockerfile: `FROM alpine:3.23@${DIGEST}\nCOPY ext/install.sh /tmp/\nCOPY link.sh /opt/\nRUN /tmp/install.sh && /opt/link.sh\n`,
      });
      await symlink(outside.root, join(repo.root, "ext"));
      await symlink(join(outside.root, "install.sh"), join(repo.root, "link.sh"));
      const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
        config: defaultConfig(),
        transforms: defaultTransforms(),
        cwd: repo.root,
      });
      expect(result.findings.filter((f) => f.rule === "bash-missing")).toEqual([]);
    } finally {
      await outside.remove();
    }
  });
});

/** `line severity` of the shadow-user-commands findings of a directory check, and their messages. */
async function shadowFindings(lines: string[], script = "#!/bin/sh\nset -e\nuseradd -m app\n") {
  await repo?.remove();
  repo = await scratchRepo({
    Dockerfile: [`FROM alpine:3.23@${DIGEST}`, ...lines, ""].join("\n"),
    "install.sh": script,
  });
  const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
  const found = result.findings.filter((f) => f.rule === "shadow-user-commands");
  return {
    found: found.map((f) => `${f.line} ${f.severity}`),
    messages: found.map((f) => f.message),
  };
}

describe("shadow-user-commands: a RUN that runs a copied script calling shadow's tools", () => {
  it("reports the RUN, naming the call, its line in the script and the fix", async () => {
    const { found, messages } = await shadowFindings([
      "COPY install.sh /tmp/",
      "RUN /tmp/install.sh",
    ]);
    expect(found).toEqual(["3 error"]);
    expect(messages[0]).toMatch(
      /^useradd \(line 3 of \/tmp\/install\.sh, install\.sh in the build context, which this RUN runs\) in Alpine stage .*busybox has no useradd.*apk add --no-cache shadow before it/,
    );
  });

  it("finds the script given to a shell, through cd and PATH, and passwd options", async () => {
    const run = async (lines: string[], script?: string) =>
      (await shadowFindings(lines, script)).found;
    expect(await run(["COPY install.sh /tmp/", "RUN sh -e /tmp/install.sh"])).toEqual(["3 error"]);
    expect(await run(["COPY install.sh /opt/", "RUN cd /opt && bash install.sh"])).toEqual([
      "3 error",
    ]);
    expect(await run(["COPY install.sh /usr/local/bin/", "RUN install.sh"])).toEqual(["3 error"]);
    expect(
      await run(["COPY install.sh /tmp/", "RUN /tmp/install.sh"], "#!/bin/sh\npasswd -e app\n"),
    ).toEqual(["3 error"]);
  });

  it("leaves a stage that installs shadow before the RUN, and busybox's own tools", async () => {
    const run = async (lines: string[], script?: string) =>
      (await shadowFindings(lines, script)).found;
    const lines = ["RUN apk add --no-cache shadow", "COPY install.sh /tmp/", "RUN /tmp/install.sh"];
    expect(await run(lines)).toEqual([]);
    const own = "#!/bin/sh\nadduser -D app\npasswd -l app\necho app:x | chpasswd\n";
    expect(await run(["COPY install.sh /tmp/", "RUN /tmp/install.sh"], own)).toEqual([]);
    expect(await run(["COPY install.sh /tmp/", "RUN sh -c /tmp/x.sh"])).toEqual([]);
    expect(await run(["COPY install.sh /tmp/", "RUN /opt/install.sh"])).toEqual([]);
  });

  it("says when shadow comes too late, and makes a guarded call a warning", async () => {
    const late = await shadowFindings([
      "COPY install.sh /tmp/",
      "RUN /tmp/install.sh",
      "RUN apk add --no-cache shadow",
    ]);
    expect(late.found).toEqual(["3 error"]);
    expect(late.messages[0]).toMatch(
      /runs before shadow is installed \(apk add shadow on line 4\)/,
    );
    const guarded = "#!/bin/sh\nuseradd -m app || adduser -D app\n";
    expect(
      (await shadowFindings(["COPY install.sh /tmp/", "RUN /tmp/install.sh"], guarded)).found,
    ).toEqual(["3 warning"]);
    expect(
      (await shadowFindings(["COPY install.sh /tmp/", "RUN /tmp/install.sh || true"])).found,
    ).toEqual(["3 warning"]);
  });
});
