import { readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { checkTargets } from "../check/run.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { applyPlan } from "./apply.js";
import { planRepository } from "./plan.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

/** migrate DIR --write: the plan, what it wrote, and every file as it is afterwards. */
async function migrateWrite(files: Record<string, string>) {
  repo = await scratchRepo(files);
  const plan = await planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
  const written = await applyPlan(plan);
  const root = repo.root;
  const after = Object.fromEntries(
    await Promise.all(
      Object.keys(files).map(async (f) => [f, await readFile(join(root, f), "utf8")] as const),
    ),
  );
  return { plan, written, after };
}

const APT_GOSU =
  "RUN apt-get update && apt-get install -y --no-install-recommends curl gosu && rm -rf /var/lib/apt/lists/*";
const CRLF_ENTRY = '#!/bin/sh\r\nset -e\r\nuseradd -u 1001 app\r\nexec gosu app "$@"\r\n';
const GOOD_ENTRY = '#!/bin/sh\nset -e\nuseradd -u 1001 app\nexec gosu app "$@"\n';

describe("migrate DIR: all or nothing per Dockerfile and the scripts it runs", () => {
  it("leaves the Dockerfile as it is when the entrypoint it runs has CRLF line ends (tester repro crlf)", async () => {
    const dockerfile = `FROM debian:bookworm-slim\r\n${APT_GOSU}\r\nCOPY entry.sh /entry.sh\r\nENTRYPOINT ["/entry.sh"]\r\n`;
    const files = { Dockerfile: dockerfile, "entry.sh": CRLF_ENTRY };
    const { plan, written, after } = await migrateWrite(files);
    expect(written).toEqual([]);
    expect(after).toEqual(files);
    expect(plan.unparsable.map((u) => [u.file, u.code])).toEqual([
      ["entry.sh", "ALPINIZE_ENTRYPOINT_CRLF"],
      ["Dockerfile", "ALPINIZE_REPO_HELD"],
    ]);
    expect(plan.unparsable[1]?.message).toBe(
      "Dockerfile: left unchanged: it runs entry.sh (its ENTRYPOINT), which could not be rewritten; migrating one without the other would leave an image that fails when it starts",
    );
    expect(plan.unparsable[1]?.hint).toBe(
      "Fix entry.sh as its error says, then run alpinize migrate again.",
    );
  });

  it("names the chain that holds a Dockerfile that runs only a held script", async () => {
    const { plan } = await migrateWrite({
      "Dockerfile.a": `FROM debian:bookworm-slim\n${APT_GOSU}\nCOPY scripts/crlf.sh /crlf.sh\nCOPY scripts/shared.sh /shared.sh\nENTRYPOINT ["/crlf.sh"]\nCMD ["/shared.sh"]\n`,
      "Dockerfile.b": `FROM debian:bookworm-slim\n${APT_GOSU}\nCOPY scripts/shared.sh /shared.sh\nCMD ["/shared.sh"]\n`,
      "scripts/crlf.sh": CRLF_ENTRY,
      "scripts/shared.sh": GOOD_ENTRY,
    });
    expect(plan.unparsable.find((u) => u.file === "Dockerfile.b")?.message).toBe(
      "Dockerfile.b: left unchanged: it runs scripts/shared.sh (its CMD), which Dockerfile.a runs too, held back with scripts/crlf.sh, which could not be rewritten; migrating one without the other would leave an image that fails when it starts",
    );
  });

  it("holds the other scripts of that Dockerfile, and the Dockerfiles that run those, but not a bystander", async () => {
    const files = {
      "a/Dockerfile": `FROM debian:12\n${APT_GOSU}\nCOPY bad.sh good.sh /\nENTRYPOINT ["/bad.sh"]\nCMD ["/good.sh"]\n`,
      "b/Dockerfile": `FROM debian:12\n${APT_GOSU}\nCOPY a/good.sh /good.sh\nENTRYPOINT ["/good.sh"]\n`,
      // Only copies the refused script: it runs nothing that was refused.
      "c/Dockerfile": `FROM debian:12\n${APT_GOSU}\nCOPY a/bad.sh /opt/bad.sh\n`,
      "a/bad.sh": CRLF_ENTRY,
      "a/good.sh": GOOD_ENTRY,
    };
    const { plan, written, after } = await migrateWrite(files);
    expect(written).toEqual(["c/Dockerfile"]);
    expect(after["a/Dockerfile"]).toBe(files["a/Dockerfile"]);
    expect(after["b/Dockerfile"]).toBe(files["b/Dockerfile"]);
    expect(after["a/good.sh"]).toBe(files["a/good.sh"]);
    expect(after["c/Dockerfile"]).toContain("FROM alpine:3.23");
    expect(plan.unparsable.map((u) => [u.file, u.code]).sort()).toEqual([
      ["a/Dockerfile", "ALPINIZE_REPO_HELD"],
      ["a/bad.sh", "ALPINIZE_ENTRYPOINT_CRLF"],
      ["a/good.sh", "ALPINIZE_REPO_HELD"],
      ["b/Dockerfile", "ALPINIZE_REPO_HELD"],
    ]);
  });
});

describe("migrate DIR: an entrypoint behind a symbolic link, never followed", () => {
  it("leaves the Dockerfile that runs it as it is too", async () => {
    const dockerfile = `FROM debian:12\n${APT_GOSU}\nCOPY ep.sh /ep.sh\nENTRYPOINT ["/ep.sh"]\n`;
    repo = await scratchRepo({ Dockerfile: dockerfile, "real/ep.sh": GOOD_ENTRY });
    await symlink("real/ep.sh", join(repo.root, "ep.sh"));
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    expect(await applyPlan(plan)).toEqual([]);
    expect(await readFile(join(repo.root, "Dockerfile"), "utf8")).toBe(dockerfile);
    expect(plan.skipped.map((s) => [s.file, s.unrewritten])).toEqual([["ep.sh", true]]);
    expect(plan.unparsable.map((u) => [u.file, u.code])).toEqual([
      ["Dockerfile", "ALPINIZE_REPO_HELD"],
    ]);
  });
});

describe("tester repros: files the image gives to another program", () => {
  const MAKEFILE =
    "run:\n\tgroupadd -g 1000 app || true\n\tuseradd -u 1000 -g 1000 app || true\n\tgosu app ./server\n";

  it("never writes into a Makefile make runs (tester repro mk)", async () => {
    const files = {
      Dockerfile: `FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends make gosu && rm -rf /var/lib/apt/lists/*\nCOPY Makefile /app/Makefile\nWORKDIR /app\nCMD ["make", "-f", "/app/Makefile", "run"]\n`,
      Makefile: MAKEFILE,
    };
    const { plan, written, after } = await migrateWrite(files);
    expect(written).toEqual(["Dockerfile"]);
    expect(after.Makefile).toBe(MAKEFILE);
    expect(plan.files.map((f) => f.file)).toEqual(["Dockerfile"]);
    // What the recipes call is said, not passed over: nothing in the Makefile was migrated or checked.
    const warnings = plan.files[0]?.warnings.filter((w) => w.rule === "make-recipes");
    expect(warnings?.map((w) => [w.line, w.message])).toEqual([
      [
        3,
        "Makefile, a Makefile CMD gives to make (as /app/Makefile) in stage 0, calls groupadd (Makefile:2), useradd (Makefile:3), gosu (Makefile:4): alpinize reads no Makefile, so its recipes were neither migrated nor checked; busybox has adduser, addgroup and deluser (or apk add shadow); gosu is an Alpine package from 3.22 on (apk add gosu); su-exec takes the same USER CMD…",
      ],
    ]);
    const check = await checkTargets([{ path: plan.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: plan.root,
    });
    expect(check.findings.filter((f) => f.rule === "make-recipes").map((f) => f.line)).toEqual([3]);
  });

  it.each([
    [
      "a Makefile that calls no Debian tool",
      "FROM alpine:3.23",
      "run:\n\t./server\n",
      'CMD ["make", "-f", "/app/Makefile", "run"]',
    ],
    [
      "a Debian stage (debian-base says the rest)",
      "FROM debian:12",
      MAKEFILE,
      'CMD ["make", "-f", "/app/Makefile", "run"]',
    ],
    ["a Makefile make is not given", "FROM alpine:3.23", MAKEFILE, 'CMD ["node", "/app/Makefile"]'],
  ])("check says nothing of %s", async (_, from, makefile, cmd) => {
    repo = await scratchRepo({
      Dockerfile: `${from}\nCOPY Makefile /app/Makefile\n${cmd}\n`,
      Makefile: makefile,
    });
    const check = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    expect(check.findings.filter((f) => f.rule === "make-recipes")).toEqual([]);
  });

  it("checks a Makefile behind tini and in a copied folder, and gmake's, with make's @ and - prefixes", async () => {
    repo = await scratchRepo({
      Dockerfile:
        'FROM alpine:3.23\nCOPY . /app\nENTRYPOINT ["tini", "--", "gmake", "-C", "/app", "-f", "/app/build/Makefile"]\n',
      "build/Makefile": "# gosu in a comment\nrun:\n\t@echo start\n\t-@gosu app ./server\n",
    });
    const check = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    expect(check.findings.filter((f) => f.rule === "make-recipes").map((f) => f.message)).toEqual([
      "build/Makefile, a Makefile ENTRYPOINT gives to gmake (as /app/build/Makefile) in stage 0, calls gosu (build/Makefile:4): alpinize reads no Makefile, so its recipes were neither migrated nor checked; gosu is an Alpine package from 3.22 on (apk add gosu); su-exec takes the same USER CMD…",
    ]);
  });

  it.each([
    ["WORKDIR /app\nCOPY Makefile ./", 'CMD ["make", "run"]', "Makefile"],
    ["WORKDIR /app\nCOPY GNUmakefile ./", "CMD make run", "GNUmakefile"],
    ["COPY makefile /app/makefile", 'CMD ["make", "-C", "/app", "run"]', "makefile"],
    [
      "COPY . /srv",
      'ENTRYPOINT ["tini", "-g", "--", "make", "--directory=/srv", "run"]',
      "Makefile",
    ],
  ])("checks the Makefile make finds by itself: %s / %s", async (copy, cmd, name) => {
    repo = await scratchRepo({
      Dockerfile: `FROM alpine:3.23\n${copy}\n${cmd}\n`,
      [name]: "run:\n\tgosu app ./server\n",
    });
    const check = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    const found = check.findings.filter((f) => f.rule === "make-recipes");
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      [
        "error",
        expect.stringMatching(
          new RegExp(`^${name}, a Makefile .*Stage 0 has no gosu, so make stops at ${name}:2 when`),
        ),
      ],
    ]);
  });

  it.each([
    ["RUN apk add --no-cache shadow", "\tuseradd -u 1000 app\n", "warning"],
    ["RUN apk add --no-cache su-exec", "\tuseradd -u 1000 app\n", "error"],
    ["RUN apk add --no-cache gosu", "\tgosu app ./server\n", "warning"],
    ["USER nobody", "\tgosu app ./server\n", "warning"],
    ["", "\t-useradd -u 1000 app\n", "warning"],
    ["", "\tuseradd -u 1000 app || true\n", "warning"],
    ["", "\tapt-get install -y curl\n", "error"],
  ])(
    "make-recipes is an error only where make surely stops: %s / %j",
    async (run, recipe, severity) => {
      repo = await scratchRepo({
        Dockerfile: `FROM alpine:3.23\n${run}\nCOPY Makefile /app/Makefile\nCMD ["make", "-C", "/app", "run"]\n`,
        Makefile: `run:\n${recipe}`,
      });
      const check = await checkTargets([{ path: repo.root, kind: "directory" }], {
        config: defaultConfig(),
        transforms: defaultTransforms(),
        cwd: repo.root,
      });
      const found = check.findings.filter((f) => f.rule === "make-recipes");
      expect(found.map((f) => f.severity)).toEqual([severity]);
    },
  );

  it("checks node, perl, python, java, nginx and supervisord apps without reading their files as sh (tester repros interp, fp2, ngx)", async () => {
    repo = await scratchRepo({
      "node.Dockerfile": `FROM alpine:3.23\nCOPY server.js /app/\nCMD ["node", "/app/server.js"]\n`,
      "perl.Dockerfile": `FROM alpine:3.23\nCOPY app.pl /app/\nCMD ["perl", "/app/app.pl"]\n`,
      "py.Dockerfile": `FROM alpine:3.23\nCOPY run.py /app/\nCMD ["python3", "-u", "/app/run.py"]\n`,
      "pyrun.Dockerfile": `FROM alpine:3.23\nCOPY run.py /app/\nCMD ["/app/run.py"]\n`,
      "java.Dockerfile": `FROM alpine:3.23\nCOPY app.jar /app/app.jar\nCMD ["java", "-jar", "/app/app.jar"]\n`,
      "ngx.Dockerfile": `FROM nginx:1.27-alpine\nCOPY nginx.conf /etc/nginx/nginx.conf\nCMD ["nginx", "-c", "/etc/nginx/nginx.conf", "-g", "daemon off;"]\n`,
      "sup.Dockerfile": `FROM python:3.12-alpine\nCOPY supervisord.conf /etc/supervisord.conf\nCMD ["supervisord", "-c", "/etc/supervisord.conf"]\n`,
      "server.js": "const x = (a) => a * 2;\nconsole.log(x(2));\n",
      "app.pl": 'use strict;\nmy @a = (1,2);\nprint "$a[0]\\n";\n',
      "run.py": "#!/usr/bin/env python3\nimport sys\nprint(sys.argv)\n",
      "app.jar": "PK\u0003\u0004\u0000\u0000META-INF/MANIFEST.MF\u0000",
      "nginx.conf": "events { worker_connections 1024; }\nhttp { server { listen 8080; } }\n",
      "supervisord.conf":
        "[supervisord]\nnodaemon=true\n[program:celery]\ncommand=celery -A proj worker\n",
    });
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    expect(result.unparsable).toEqual([]);
    expect(result.files.filter((f) => !f.endsWith("Dockerfile"))).toEqual([]);
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});
