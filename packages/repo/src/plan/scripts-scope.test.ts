import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { renderReport } from "../report/markdown.js";
import { planRepository } from "./plan.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function plan(files: Record<string, string>, config = defaultConfig()) {
  repo = await scratchRepo(files);
  return planRepository(repo.root, { config, transforms: defaultTransforms(), release: "3.23" });
}

describe("planRepository and the scripts of a stage", () => {
  it("reports an entrypoint with a shell syntax error as unparsable, and leaves it and its Dockerfile out", async () => {
    const result = await plan({
      Dockerfile: 'FROM debian:12\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
      "e.sh": '#!/bin/sh\necho "unclosed\n',
    });
    expect(result.files.map((f) => f.file)).toEqual([]);
    expect(result.unparsable).toEqual([
      {
        file: "e.sh",
        message: expect.stringMatching(/^e\.sh:2:6: shell syntax error: .*never closes/),
        code: "ALPINIZE_SCRIPT_SYNTAX",
      },
      {
        file: "Dockerfile",
        message: expect.stringMatching(
          /^Dockerfile: left unchanged: it runs e\.sh \(its ENTRYPOINT\)/,
        ),
        code: "ALPINIZE_REPO_HELD",
        hint: "Fix e.sh as its error says, then run alpinize migrate again.",
      },
    ]);
  });

  it("keeps the entrypoint of a stage images.ignore names", async () => {
    const config = defaultConfig();
    config.images.ignore = ["debian"];
    const entry = '#!/bin/sh\ngrep -P "^app" /etc/passwd\nexec gosu app "$@"\n';
    const result = await plan(
      {
        Dockerfile:
          'FROM debian:12\nRUN apt-get update && apt-get install -y gosu\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
        "e.sh": entry,
      },
      config,
    );
    const script = result.files.find((f) => f.file === "e.sh");
    expect(script).toMatchObject({ changed: false, after: entry, kept: "images.ignore" });
    expect(result.files.every((f) => !f.changed)).toBe(true);
    expect(renderReport(result)).toContain("kept as it is: only stages whose image images.ignore");
    expect(result.risks.flatMap((r) => r.evidence.map((e) => e.file))).not.toContain("e.sh");
  });

  it("still rewrites a script another, migrated stage runs", async () => {
    const config = defaultConfig();
    config.images.ignore = ["ubuntu"];
    const result = await plan(
      {
        Dockerfile:
          'FROM ubuntu:24.04 AS legacy\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\nFROM debian:12\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
        "e.sh": '#!/bin/sh\nexec gosu app "$@"\n',
      },
      config,
    );
    expect(result.files.find((f) => f.file === "e.sh")?.changed).toBe(true);
  });

  it("leaves a working su-exec entrypoint of an image that was Alpine already", async () => {
    const dockerfile = `FROM alpine:3.23@${DIGEST}\nRUN apk add --no-cache su-exec && adduser -D app\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n`;
    const result = await plan({
      Dockerfile: dockerfile,
      "e.sh": '#!/bin/sh\nset -e\nexec su-exec app "$@"\n',
    });
    expect(result.files.map((f) => [f.file, f.changed])).toEqual([
      ["Dockerfile", false],
      ["e.sh", false],
    ]);
  });

  it("rewrites an already-Alpine image's script that uses a tool busybox lacks", async () => {
    const dockerfile = `FROM alpine:3.23@${DIGEST}\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n`;
    const result = await plan({
      Dockerfile: dockerfile,
      "e.sh":
        '#!/bin/sh\ngroupadd -g 1500 docker\nuseradd -u 1500 -g docker -d /home/app -s /bin/sh app\nexec su-exec app "$@"\n',
    });
    const script = result.files.find((f) => f.file === "e.sh");
    expect(script?.changed).toBe(true);
    expect(script?.after).toContain("alpinize_ensure_user app 1500");
  });

  it("finds an entrypoint that reaches the final stage through COPY --from", async () => {
    const result = await plan({
      Dockerfile:
        'FROM debian:12 AS files\nCOPY e.sh /e.sh\nFROM debian:12\nCOPY --from=files /e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
      "e.sh": '#!/bin/sh\nexec gosu app "$@"\n',
    });
    const script = result.files.find((f) => f.file === "e.sh");
    expect(script).toMatchObject({ role: "entrypoint", changed: true });
  });

  it("names the target release's base honestly in the UID/GID risk", async () => {
    // A script only copied is not rewritten: its groupadd -g 999 is still at risk (a Dockerfile's
    // is freed by migrate, delgroup ping first).
    repo = await scratchRepo({
      Dockerfile: "FROM debian:12\nCOPY setup.sh /setup.sh\n",
      "setup.sh": "#!/bin/sh\ngroupadd -g 999 app\n",
    });
    const on = async (release: string) =>
      (
        await planRepository(repo!.root, {
          config: defaultConfig(),
          transforms: defaultTransforms(),
          release,
        })
      ).risks.find((r) => r.id === "id-collision")?.evidence[0]?.text;
    expect(await on("3.23")).toContain("GID 999 is ping's on Alpine 3.23");
    expect(await on("3.24")).toContain("GID 999 is ping's on Alpine's base (3.23 data)");
  });
});
