import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { execNeeds } from "./exec-tools.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const SHIMS = ". /usr/local/lib/alpinize-shims.sh";
const RUNS = [
  "COPY alpinize-shims.sh /usr/local/lib/alpinize-shims.sh",
  "COPY entry.sh /entry.sh",
  'ENTRYPOINT ["/entry.sh"]',
];

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function check(image: string, lines: string[], script: string[]) {
  await repo?.remove();
  repo = await scratchRepo({
    Dockerfile: [`FROM ${image}`, ...lines, ...RUNS, ""].join("\n"),
    "entry.sh": ["#!/bin/sh", "set -e", ...script, ""].join("\n"),
  });
  const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
  return result.findings.filter((f) => f.severity === "error");
}

const ALPINE = `alpine:3.23@${DIGEST}`;
const EXEC_AS = [SHIMS, 'alpinize_exec_as app "$@"'];

describe("exec-as-missing", () => {
  it("flags alpinize_exec_as in an image with no su-exec, gosu or setpriv, on the COPY line", async () => {
    const found = await check(ALPINE, ["RUN apk add --no-cache curl"], EXEC_AS);
    expect(found).toEqual([
      expect.objectContaining({ file: "Dockerfile", line: 4, rule: "exec-as-missing" }),
    ]);
    expect(found[0]?.message).toBe(
      'entry.sh:4 calls alpinize_exec_as, but Alpine stage 0 has none of su-exec, gosu or util-linux\'s setpriv, so the container stops there ("no su-exec, gosu or util-linux setpriv found", exit 5): add su-exec to an apk add --no-cache in the stage',
    );
  });

  it.each([
    ["su-exec", ["RUN apk add --no-cache curl su-exec"]],
    ["a versioned su-exec", ["RUN apk add --no-cache 'su-exec>=0.2'"]],
    ["gosu from apk", ["RUN apk add --no-cache gosu"]],
    ["util-linux's setpriv", ["RUN apk add --no-cache setpriv"]],
    [
      "a gosu release download",
      [
        "RUN wget -O /usr/local/bin/gosu https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 && chmod +x /usr/local/bin/gosu",
      ],
    ],
    ["gosu copied from its image", ["COPY --from=tianon/gosu /gosu /usr/local/bin/"]],
    ["a non-root USER (the shim runs the command as that user)", ["USER nobody"]],
  ])("leaves an image with %s alone", async (_what, lines) => {
    expect(await check(ALPINE, lines, EXEC_AS)).toEqual([]);
  });

  it("trusts official images whose Alpine tags ship gosu or su-exec", async () => {
    expect(await check(`postgres:16-alpine@${DIGEST}`, [], EXEC_AS)).toEqual([]);
  });

  it("flags su-exec removed again by apk del", async () => {
    const found = await check(
      ALPINE,
      ["RUN apk add --no-cache --virtual .tmp su-exec && apk del .tmp"],
      EXEC_AS,
    );
    expect(found.map((f) => f.rule)).toEqual(["exec-as-missing"]);
  });

  it("flags runuser and util-linux setpriv calls, and drops the lint warning once installed", async () => {
    const script = ["runuser -u app -- /bin/true", 'exec setpriv --reuid=app --clear-groups "$@"'];
    const found = await check(ALPINE, [], script);
    expect(found.map((f) => f.message.slice(0, f.message.indexOf(","))).sort()).toEqual([
      "entry.sh:3 calls runuser",
      "entry.sh:4 calls setpriv",
    ]);
    await repo?.remove();
    repo = await scratchRepo({
      Dockerfile: [`FROM ${ALPINE}`, "RUN apk add --no-cache runuser setpriv", ...RUNS, ""].join(
        "\n",
      ),
      "entry.sh": ["#!/bin/sh", ...script, ""].join("\n"),
    });
    const all = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    expect(all.findings.filter((f) => f.rule !== "base-image-unpinned")).toEqual([]);
  });

  it("reads busybox's own setpriv options and a script that picks whichever tool it finds", () => {
    expect(execNeeds('exec setpriv --nnp -- "$@"\n')).toEqual([]);
    expect(execNeeds('set -- su-exec app "$@"\nexec "$@"\n')).toEqual([
      { tool: "su-exec", line: 1, anyOf: ["su-exec"] },
    ]);
    const probing = [
      "if command -v su-exec >/dev/null; then",
      '  exec su-exec app "$@"',
      "fi",
      'exec gosu app "$@"',
      "",
    ].join("\n");
    expect(execNeeds(probing)).toEqual([
      { tool: "su-exec", line: 2, anyOf: ["su-exec", "gosu"] },
      { tool: "gosu", line: 4, anyOf: ["su-exec", "gosu"] },
    ]);
  });

  it("is skipped with check.skip", async () => {
    await repo?.remove();
    repo = await scratchRepo({
      Dockerfile: [`FROM ${ALPINE}`, ...RUNS, ""].join("\n"),
      "entry.sh": ["#!/bin/sh", ...EXEC_AS, ""].join("\n"),
    });
    const config = defaultConfig();
    config.check.skip = ["exec-as-missing"];
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config,
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});
