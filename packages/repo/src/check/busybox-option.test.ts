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

describe("busybox-option in RUN lines", () => {
  const rules = (run: string) =>
    checkStages(
      "Dockerfile",
      describeStages(`FROM alpine:3.23@${DIGEST}\n${run}\n`, "Dockerfile"),
      settings,
    )
      .filter((f) => f.rule === "busybox-option")
      .map((f) => f.message);

  it("flags find and ps options busybox rejects, also inside sh -c and behind sudo", () => {
    expect(rules("RUN find / -xdev -printf '%p' | sort")).toEqual([
      expect.stringMatching(
        /^find in Alpine stage 0: busybox find has no -printf; .*apk add findutils/,
      ),
    ]);
    expect(rules(`RUN sh -c "ps -C nginx" && sudo ps --no-headers`)).toEqual([
      expect.stringMatching(/^ps in Alpine stage 0: busybox ps has no -C; .*pidof/),
      expect.stringMatching(/^ps in Alpine stage 0: busybox ps has no --no-headers/),
    ]);
  });

  it("reports a command inside sh -c on the line of sh, not at its offset in the body", () => {
    const text = `FROM alpine:3.23@${DIGEST}\nRUN true \\\n    && echo a \\\n    && sh -c 'true; ps -C x'\n`;
    const found = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings);
    expect(found.filter((f) => f.rule === "busybox-option").map((f) => f.line)).toEqual([4]);
  });

  it("reports each rejected option once, from the measured tables, for any tool", async () => {
    repo = await scratchRepo({
      Dockerfile: `FROM alpine:3.23@${DIGEST}\nRUN find / -xdev -printf '%p' && timeout 5 ls -v && date -d 2024-01-02T10:00:00 && rm --recursive /x\n`,
    });
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    expect(
      result.findings.filter((f) => f.rule === "busybox-option").map((f) => f.message),
    ).toEqual([
      "find in Alpine stage 0: busybox find has no -printf; print with -exec stat -c FORMAT {} + (busybox stat takes -c), or apk add findutils",
      expect.stringMatching(
        /^date in Alpine stage 0: busybox date -d cannot parse "2024-01-02T10:00:00" \(GNU date's free-form dates\); .*; or apk add --no-cache coreutils before it$/,
      ),
      "rm in Alpine stage 0: busybox rm has no --recursive; use -r; or apk add --no-cache coreutils before it",
    ]);
  });

  it("is quiet once findutils or procps is installed", () => {
    expect(rules("RUN apk add --no-cache findutils procps && find / -printf x && ps -C x")).toEqual(
      [],
    );
  });
});

describe("entrypoint calls the lint does not reach", () => {
  async function scriptFindings(script: string, install = "") {
    repo = await scratchRepo({
      Dockerfile: `FROM alpine:3.23@${DIGEST}\n${install}COPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n`,
      "entry.sh": script,
    });
    const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo.root,
    });
    return result.findings
      .filter((f) => f.file === "entry.sh")
      .map((f) => `${f.line}:${f.severity}:${f.message.split(";")[0]}`);
  }

  it("reports find -printf, ps --no-headers and ps -C as gnu-option errors", async () => {
    const script = [
      "#!/bin/sh",
      "find /srv/tmp -type f -printf '%T@ %p\\n' | sort",
      "if ps -eo pid,comm --no-headers | grep -q java; then :; fi",
      "pids=$(ps -o pid= -C app || true)",
      'exec "$@"',
      "",
    ].join("\n");
    expect(await scriptFindings(script)).toEqual([
      "2:error:gnu-option: busybox find has no -printf",
      "3:error:gnu-option: busybox ps has no --no-headers",
      "4:error:gnu-option: busybox ps has no -C",
    ]);
    expect(await scriptFindings(script, "RUN apk add --no-cache findutils procps-ng\n")).toEqual(
      [],
    );
  });

  it("reports GNU options inside sh -c, after xargs and behind sudo, once each", async () => {
    const script = [
      "#!/bin/sh",
      "sh -c 'ps -C app || stat --format %s /x'",
      "ls | xargs grep -P x",
      "sudo ps -p 1",
      'exec "$@"',
      "",
    ].join("\n");
    expect(await scriptFindings(script)).toEqual([
      "2:error:gnu-option: busybox ps has no -C",
      "2:error:gnu-option: busybox stat has no --format",
      "3:error:gnu-option: busybox grep has no Perl regular expressions (-P)",
      "4:error:gnu-option: busybox ps has no -p",
    ]);
  });

  it("looks through sudo as through env: sudo usermod is a shadow-tool error", async () => {
    const script =
      '#!/bin/sh\nsudo -u root usermod -u "$UID" app\nenv A=1 usermod -u 1 b\nexec "$@"\n';
    const found = await scriptFindings(script);
    expect(found).toContainEqual(
      expect.stringMatching(/^2:error:shadow-tool: usermod is not on Alpine/),
    );
    expect(found).toContainEqual(expect.stringMatching(/^2:warning:sudo: sudo usermod/));
    expect(found).toContainEqual(expect.stringMatching(/^3:error:shadow-tool: usermod/));
    const withShadow = await scriptFindings(script, "RUN apk add --no-cache shadow\n");
    expect(withShadow.filter((f) => f.includes("shadow-tool"))).toEqual([]);
  });
});
