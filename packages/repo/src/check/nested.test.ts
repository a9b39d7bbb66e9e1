import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const FROM = `FROM alpine:3.23@${DIGEST}`;

function rules(text: string): string[] {
  const stages = describeStages(text, "Dockerfile");
  return checkStages("Dockerfile", stages, { skip: [], requireDigests: false, ignoreImages: [] })
    .filter((f) => f.severity === "error")
    .map((f) => `${f.line}:${f.rule}`);
}

describe("check reaches commands the plain scan does not", () => {
  it.each([
    ['RUN apk add --no-cache bash && bash -lc "apt-get install -y f"'],
    ['RUN apk add --no-cache bash && bash -ec "apt-get install -y f"'],
    ['RUN sh -xc "apt-get install -y f"'],
    ["RUN sh -euxc 'set -x; apt-get install -y f'"],
    ['RUN eval "apt-get install -y f"'],
    ["RUN find /x -name '*.deb' -exec apt-get install -y {} \\;"],
    ["RUN find /x -exec sh -c 'dpkg -i \"$1\"' _ {} +"],
    ['RUN su -c "apt-get install -y f" root'],
    ["RUN su root --command='apt-get install -y f'"],
    ["ONBUILD RUN apt-get install -y curl"],
    ['ONBUILD RUN ["apt-get", "install", "-y", "curl"]'],
  ])("flags apt in %s", (run) => {
    expect(rules(`${FROM}\n${run}\n`)).toEqual(["2:apt-in-alpine"]);
  });

  it("flags shadow tools the same way, and leaves other stages and clean bodies alone", () => {
    // bash itself is missing too: a plain Alpine stage has no bash.
    expect(rules(`${FROM}\nRUN bash -ec 'groupadd -g 5 x'\n`)).toEqual([
      "2:bash-missing",
      "2:shadow-user-commands",
    ]);
    expect(rules(`${FROM}\nRUN sh -ec 'apk add --no-cache curl'\n`)).toEqual([]);
    expect(rules("FROM debian:12\nRUN bash -ec 'apt-get install -y f'\n")).toEqual([
      "1:debian-base",
    ]);
  });

  it("reports a nested command on its own RUN line", () => {
    const text = `${FROM}\nRUN apk add --no-cache curl bash \\\n    && bash -ec "apt-get install -y f"\n`;
    expect(rules(text)).toEqual(["3:apt-in-alpine"]);
  });
});

describe("adduser -u N without -G", () => {
  // busybox adduser without -G makes a group with GID N: Alpine's base holds 999 (ping), 27
  // (video) and 100 (users). Behaviour checked under musl busybox in
  // packages/entrypoint/test/busybox-adduser-chroot.test.ts.
  it("is flagged when Alpine's base holds GID N", () => {
    expect(rules(`${FROM}\nRUN adduser -D -u 999 app\n`)).toEqual(["2:alpine-id-taken"]);
    expect(rules(`${FROM}\nRUN adduser -D --uid=27 app\n`)).toEqual(["2:alpine-id-taken"]);
  });

  it("is not flagged with -G, for system users (-S: nogroup), or for a free GID", () => {
    expect(rules(`${FROM}\nRUN addgroup -g 2000 g && adduser -D -u 999 -G g app\n`)).toEqual([]);
    expect(rules(`${FROM}\nRUN adduser -S -D -H -u 999 app\n`)).toEqual([]);
    expect(rules(`${FROM}\nRUN adduser -D -u 1000 app\n`)).toEqual([]);
  });
});

describe("check over an entrypoint that names tools by path or behind wrappers", () => {
  let repo: ScratchRepo | undefined;
  afterEach(async () => {
    await repo?.remove();
  });

  it("reports them with the bare names' rules", async () => {
    repo = await scratchRepo({
      Dockerfile: `${FROM}\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n`,
      "entry.sh":
        "#!/bin/sh\n/usr/sbin/usermod -aG docker app\nexec /usr/sbin/groupadd -g 5 x\nnohup gosu app cmd &\n",
    });
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    const found = result.findings.map((f) => `${f.file}:${f.line}:${f.severity}:${f.message}`);
    expect(found.filter((f) => f.startsWith("entry.sh")).map((f) => f.split(": ")[0])).toEqual([
      "entry.sh:2:error:shadow-tool",
      "entry.sh:3:error:shadow-tool",
      // GID 5 is Alpine's tty group: the entrypoint lint says so too.
      "entry.sh:3:warning:alpine-id",
      "entry.sh:4:warning:gosu",
    ]);
  });
});
