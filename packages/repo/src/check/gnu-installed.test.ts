import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "../plan/plan.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const GNU_SCRIPT = [
  "#!/bin/sh",
  "stat --format %s /etc/hostname",
  "date --iso-8601",
  "grep -P 'x' /etc/hostname",
  "sed -z 's/a/b/' /etc/hostname",
  "readlink -e /etc",
  'exec "$@"',
  "",
].join("\n");
const GNU_RUN =
  "RUN stat --format %s /etc/hostname && date --iso-8601 && grep -P x /etc/hostname && sed -z s/a/b/ /etc/hostname && readlink -e /etc";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function check(dockerfile: string, script = GNU_SCRIPT) {
  repo = await scratchRepo({ Dockerfile: dockerfile, "entry.sh": script });
  const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
  return result.findings
    .filter((f) => f.rule === "busybox-option" || f.message.startsWith("gnu-option:"))
    .map((f) => `${f.file}:${f.line}:${/busybox (\S+)/.exec(f.message)?.[1]}`);
}

const image = (...lines: string[]) =>
  [
    `FROM alpine:3.23@${DIGEST} AS base`,
    ...lines,
    "COPY entry.sh /entry.sh",
    'ENTRYPOINT ["/entry.sh"]',
    "",
  ].join("\n");

describe("GNU options where the image installs the GNU tools", () => {
  it("reports them in RUN lines and the entrypoint of a busybox-only image", async () => {
    expect(await check(image(GNU_RUN))).toEqual([
      "Dockerfile:2:stat",
      "Dockerfile:2:date",
      "Dockerfile:2:grep",
      "Dockerfile:2:sed",
      "Dockerfile:2:readlink",
      "entry.sh:2:stat",
      "entry.sh:3:date",
      "entry.sh:4:grep",
      "entry.sh:5:sed",
      "entry.sh:6:readlink",
    ]);
  });

  it("drops them after apk add coreutils grep sed, also in a stage built on it", async () => {
    expect(await check(image("RUN apk add --no-cache coreutils grep sed", GNU_RUN))).toEqual([]);
    const child = [
      `FROM alpine:3.23@${DIGEST} AS base`,
      "RUN apk add --no-cache coreutils grep sed",
      "FROM base",
      GNU_RUN,
      "COPY entry.sh /entry.sh",
      'ENTRYPOINT ["/entry.sh"]',
      "",
    ].join("\n");
    expect(await check(child)).toEqual([]);
  });

  it("judges a RUN by what is installed when it runs, the entrypoint by the final image", async () => {
    const text = image(
      GNU_RUN,
      "RUN apk add --no-cache --virtual .gnu coreutils grep sed && date --iso-8601 && apk del .gnu",
    );
    expect(await check(text)).toEqual([
      "Dockerfile:2:stat",
      "Dockerfile:2:date",
      "Dockerfile:2:grep",
      "Dockerfile:2:sed",
      "Dockerfile:2:readlink",
      "entry.sh:2:stat",
      "entry.sh:3:date",
      "entry.sh:4:grep",
      "entry.sh:5:sed",
      "entry.sh:6:readlink",
    ]);
  });

  it("keeps what the installed packages do not cover (grep only: stat still fails)", async () => {
    const found = await check(
      image("RUN apk add --no-cache grep"),
      "#!/bin/sh\ngrep -P x f\nstat --format %s f\n",
    );
    expect(found).toEqual(["entry.sh:3:stat"]);
  });
});

describe("migrate's own output passes check", () => {
  it("does not warn about date --iso-8601 once migrate added coreutils for it", async () => {
    repo = await scratchRepo({
      Dockerfile:
        'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n',
      "entry.sh": '#!/bin/sh\necho "started $(date --iso-8601=seconds)"\nexec "$@"\n',
    });
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    const dockerfile = plan.files.find((f) => f.file === "Dockerfile");
    expect(dockerfile?.after).toMatch(/apk add --no-cache .*coreutils/);
    const script = plan.files.find((f) => f.file === "entry.sh");
    expect(script?.warnings.filter((w) => w.rule === "gnu-option")).toEqual([]);
  });
});
