import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };
let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

function rules(text: string) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.severity === "error")
    .map((f) => `${f.line}:${f.rule}`);
}

async function checkRepo(files: Record<string, string>, ignore: string[] = []) {
  repo = await scratchRepo(files);
  const config = defaultConfig();
  config.images.ignore = ignore;
  return checkTargets([{ path: repo.root, kind: "directory" }], {
    config,
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
}

describe("go-netdns and CGO_ENABLED=0", () => {
  const final = `FROM alpine:3.23@${DIGEST}\nCOPY --from=build /app /app\n`;
  it.each([
    ["ENV in the builder", "ENV CGO_ENABLED=0\nRUN go build -o /app ."],
    ["ARG in the builder", "ARG CGO_ENABLED=0\nRUN go build -o /app ."],
    ["on the go build line", "RUN CGO_ENABLED=0 go build -o /app ."],
    ["through env", "RUN env CGO_ENABLED=0 GOOS=linux go build -o /app ."],
    ["exported earlier in the RUN", "RUN export CGO_ENABLED=0 && go build -o /app ."],
  ])("is quiet with %s", (_, build) => {
    const text = `FROM golang:1.25-alpine@${DIGEST} AS build\n${build}\n${final}`;
    expect(rules(text)).toEqual([]);
  });

  it("still fires for a cgo build, or a static build next to a cgo one", () => {
    const cgo = `FROM golang:1.25-alpine@${DIGEST} AS build\nRUN apk add --no-cache gcc musl-dev && go build -o /app .\n${final}`;
    expect(rules(cgo)).toEqual(["3:go-netdns"]);
    const mixed = `FROM golang:1.25-alpine@${DIGEST} AS build\nRUN CGO_ENABLED=0 go build -o /a . && CGO_ENABLED=1 go build -o /app ./b\n${final}`;
    expect(rules(mixed)).toEqual(["3:go-netdns"]);
  });
});

describe("go-netdns for a binary copied from a builder without a C compiler", () => {
  const golang = `FROM golang:1.25-alpine@${DIGEST}`;
  const netdns = (text: string) =>
    checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
      .filter((f) => f.rule === "go-netdns")
      .map((f) => `${f.line}:${/\(([^)]*)\)/.exec(f.message)?.[1]}`);

  it("is quiet when the builder installs no compiler and does not ask for cgo (go turns it off)", () => {
    const text = `${golang} AS build\nRUN apk add --no-cache git\nRUN go build -o /app .\nFROM alpine:3.23@${DIGEST}\nCOPY --from=build /app /app\n`;
    expect(netdns(text)).toEqual([]);
  });

  it.each([
    ["ENV CGO_ENABLED=1 in the builder", "ENV CGO_ENABLED=1\nRUN go build -o /app ."],
    ["CGO_ENABLED=1 on the build", "WORKDIR /src\nRUN CGO_ENABLED=1 go build -o /app ."],
    ["a compiler in the builder", "RUN apk add --no-cache clang\nRUN go build -o /app ."],
  ])("fires with %s", (_, build) => {
    const text = `${golang} AS build\n${build}\nFROM alpine:3.23@${DIGEST}\nCOPY --from=build /app /app\n`;
    expect(netdns(text)).toEqual(["4:copied from stage build"]);
  });

  it("fires for a compiler in the stage the builder is built FROM", () => {
    const text = `${golang} AS tools\nRUN apk add --no-cache build-base\nFROM tools AS build\nRUN go build -o /app .\nFROM alpine:3.23@${DIGEST}\nCOPY --from=build /app /app\n`;
    expect(netdns(text)).toEqual(["5:copied from stage build"]);
  });

  it("names the stages that ship a cgo binary, not the first one copied from", () => {
    const plain = `${golang} AS plain\nRUN apk add --no-cache git && go build -o /p .`;
    const cgo = (name: string) =>
      `${golang} AS ${name}\nRUN apk add --no-cache gcc musl-dev\nRUN CGO_ENABLED=1 go build -o /${name} .`;
    const final = `FROM alpine:3.23@${DIGEST}\nCOPY --from=plain /p /p\nCOPY --from=one /one /one\nCOPY --from=two /two /two\n`;
    expect(netdns(`${plain}\n${cgo("one")}\n${cgo("two")}\n${final}`)).toEqual([
      "9:copied from stages one, two",
    ]);
    expect(
      netdns(`${plain}\n${cgo("one")}\n${final.replace("COPY --from=two /two /two\n", "")}`),
    ).toEqual(["6:copied from stage one"]);
  });
});

describe("shadow tools before apk add shadow", () => {
  it("flags useradd when shadow comes on a later line of the stage", () => {
    const text = `FROM alpine:3.23@${DIGEST}\nRUN useradd bob\nRUN apk add --no-cache shadow\n`;
    const found = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings);
    expect(found).toMatchObject([
      { line: 2, rule: "shadow-user-commands", message: expect.stringMatching(/line 3/) },
    ]);
  });

  it("accepts shadow installed earlier, in the same RUN first, or by the parent stage", () => {
    const base = `FROM alpine:3.23@${DIGEST}`;
    expect(rules(`${base}\nRUN apk add --no-cache shadow\nRUN useradd bob\n`)).toEqual([]);
    expect(rules(`${base}\nRUN apk add --no-cache shadow && useradd bob\n`)).toEqual([]);
    expect(rules(`${base}\nRUN useradd bob && apk add --no-cache shadow\n`)).toEqual([
      "2:shadow-user-commands",
    ]);
    expect(
      rules(`${base} AS base\nRUN apk add --no-cache shadow\nFROM base\nRUN useradd bob\n`),
    ).toEqual([]);
  });
});

describe("checkTargets over a repository", () => {
  const alpine = (entry = 'ENTRYPOINT ["/e.sh"]') =>
    `FROM alpine:3.23@${DIGEST}\nCOPY e.sh /e.sh\n${entry}\n`;

  it("makes an entrypoint with a shell syntax error unparsable", async () => {
    const result = await checkRepo({ Dockerfile: alpine(), "e.sh": '#!/bin/sh\necho "x\n' });
    expect(result.unparsable).toEqual([
      expect.objectContaining({ file: "e.sh", message: expect.stringMatching(/^e\.sh:2:6: /) }),
    ]);
  });

  it("flags a bash entrypoint in an Alpine image that installs no bash", async () => {
    const result = await checkRepo({ Dockerfile: alpine(), "e.sh": '#!/bin/bash\nexec "$@"\n' });
    expect(result.findings).toMatchObject([
      { file: "Dockerfile", line: 2, rule: "bash-missing", severity: "error" },
    ]);
    const env = await checkRepo({
      Dockerfile: alpine(),
      "e.sh": '#!/usr/bin/env bash\nexec "$@"\n',
    });
    expect(env.findings.map((f) => f.rule)).toEqual(["bash-missing"]);
  });

  it("accepts bash installed by the stage, a bash-based image, or a POSIX sh script", async () => {
    const installed = `FROM alpine:3.23@${DIGEST}\nRUN apk add --no-cache bash\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n`;
    const script = '#!/bin/bash\nexec "$@"\n';
    expect((await checkRepo({ Dockerfile: installed, "e.sh": script })).findings).toEqual([]);
    const image = `FROM bash:5.2-alpine3.23@${DIGEST}\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n`;
    expect((await checkRepo({ Dockerfile: image, "e.sh": script })).findings).toEqual([]);
    // Official -alpine images with a bash entrypoint of their own ship bash.
    const pg = `FROM postgres:16-alpine@${DIGEST}\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n`;
    expect((await checkRepo({ Dockerfile: pg, "e.sh": script })).findings).toEqual([]);
    const sh = await checkRepo({ Dockerfile: alpine(), "e.sh": '#!/bin/sh\nexec "$@"\n' });
    expect(sh.findings).toEqual([]);
  });

  it("flags a bash entrypoint when the image deletes the bash it installed", async () => {
    const script = '#!/bin/bash\nexec "$@"\n';
    const removed = `FROM alpine:3.23@${DIGEST}\nRUN apk add --no-cache -t .tools bash && apk del .tools\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n`;
    const result = await checkRepo({ Dockerfile: removed, "e.sh": script });
    expect(result.findings.map((f) => `${f.line}:${f.rule}`)).toEqual(["3:bash-missing"]);
  });

  it("does not lint the scripts of ignored stages, and says when every stage was ignored", async () => {
    const files = {
      Dockerfile: 'FROM debian:12\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
      "e.sh": '#!/bin/sh\ngroupadd -g 999 docker\nexec gosu app "$@"\n',
    };
    const all = await checkRepo(files, ["*"]);
    expect(all).toMatchObject({ findings: [], allIgnored: true });
    const named = await checkRepo(files, ["debian"]);
    expect(named).toMatchObject({ findings: [], allIgnored: true, files: ["Dockerfile"] });
    const none = await checkRepo(files);
    expect(none.allIgnored).toBe(false);
  });
});

describe("checkTargets progress", () => {
  it("counts the Dockerfiles, then the scripts they run", async () => {
    repo = await scratchRepo({
      "a/Dockerfile": `FROM alpine:3.23@${DIGEST}\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n`,
      "a/e.sh": '#!/bin/sh\nexec "$@"\n',
      "b/Dockerfile": `FROM alpine:3.23@${DIGEST}\n`,
    });
    const calls: string[] = [];
    await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
      onFile: (file, index, total, kind) => calls.push(`${kind} ${index + 1}/${total} ${file}`),
    });
    expect(calls).toEqual([
      "dockerfile 1/2 a/Dockerfile",
      "dockerfile 2/2 b/Dockerfile",
      "script 1/1 a/e.sh",
    ]);
  });
});

describe("gosu in the entrypoint of an image that installs gosu", () => {
  it("is not reported when the Dockerfile downloads gosu, and is otherwise", async () => {
    const script = '#!/bin/sh\nset -e\nexec gosu redis "$@"\n';
    const fetches = `FROM alpine:3.23@${DIGEST}\nRUN wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64" && chmod +x /usr/local/bin/gosu\nCOPY entry.sh /usr/local/bin/\nENTRYPOINT ["entry.sh"]\n`;
    const has = await checkRepo({ Dockerfile: fetches, "entry.sh": script });
    expect(has.findings.filter((f) => /gosu/.test(f.message))).toEqual([]);
    await repo?.remove();
    repo = undefined;
    const bare = await checkRepo({
      Dockerfile: `FROM alpine:3.23@${DIGEST}\nCOPY entry.sh /usr/local/bin/\nENTRYPOINT ["entry.sh"]\n`,
      "entry.sh": script,
    });
    expect(
      bare.findings.some((f) => /gosu: Alpine images usually have su-exec/.test(f.message)),
    ).toBe(true);
  });
});

describe("go-netdns in a single golang stage", () => {
  it("does not fire without a C compiler (cgo off), and fires with one", () => {
    const plain = `FROM golang:1.25-alpine@${DIGEST}\nRUN go build -o /app .\nCMD ["/app"]\n`;
    expect(rules(plain)).toEqual([]);
    const cgo = `FROM golang:1.25-alpine@${DIGEST}\nRUN apk add --no-cache gcc musl-dev\nRUN go build -o /app .\nCMD ["/app"]\n`;
    expect(rules(cgo)).toEqual(["1:go-netdns"]);
    expect(
      rules(
        `FROM golang:1.25-alpine@${DIGEST}\nENV GODEBUG=netdns=go\nRUN apk add --no-cache gcc musl-dev\nRUN go build -o /app .\n`,
      ),
    ).toEqual([]);
  });
});

describe("debian-program", () => {
  const base = `FROM alpine:3.23@${DIGEST}\nRUN apk add --no-cache cronie\n`;
  it.each([
    ['CMD ["cron", "-f"]'],
    ["CMD cron -f"],
    ['CMD ["tini", "--", "cron", "-f"]'],
    ['CMD ["sh", "-c", "env > /etc/environment && exec cron -f"]'],
    ['ENTRYPOINT ["/usr/sbin/cron", "-f"]'],
  ])("flags %s: Alpine's cron daemon is crond", (start) => {
    const found = checkStages(
      "Dockerfile",
      describeStages(`${base}${start}\n`, "Dockerfile"),
      settings,
    );
    expect(found).toMatchObject([
      {
        line: 3,
        rule: "debian-program",
        severity: "error",
        message: expect.stringMatching(/starts cron in Alpine stage 0: .*crond -f/),
      },
    ]);
  });

  it("is quiet for crond, for a Debian stage (debian-base says it) and for an overridden CMD", () => {
    expect(rules(`${base}CMD ["crond", "-f"]\n`)).toEqual([]);
    expect(rules(`FROM debian:12@${DIGEST}\nCMD ["cron", "-f"]\n`)).toEqual(["1:debian-base"]);
    expect(rules(`${base}CMD ["cron", "-f"]\nCMD ["crond", "-f", "-l", "2"]\n`)).toEqual([]);
  });
});
