import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { describeStages } from "../dockerfile/stages.js";
import { busyboxRejections } from "./busybox-calls.js";
import { checkStages } from "./dockerfile-rules.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

// Each rejected form exits 1 with "unrecognized option" under musl busybox; each accepted one runs.
describe("busyboxRejections", () => {
  it.each([
    ["find", ["/srv", "-type", "f", "-printf", "%T@ %p\\n"], ["-printf"]],
    ["find", [".", "-newermt", "2020-01-01", "-regextype", "egrep"], ["-newermt", "-regextype"]],
    ["find", [".", "-name", "*.log", "-newer", "f", "-print0", "-exec", "ls", "-printf", ";"], []],
    ["ps", ["-eo", "pid,comm", "--no-headers"], ["--no-headers"]],
    ["ps", ["-o", "pid=", "-C", "app"], ["-C"]],
    ["ps", ["-p", "1"], ["-p"]],
    ["ps", ["-ef"], []],
    ["ps", ["aux"], []],
    ["ps", ["-opid,comm", "-T"], []],
    ["ps", ["-o", "$COLS"], []],
  ])("%s %j rejects %j", (tool, args, rejected) => {
    expect(busyboxRejections(tool, args).map((r) => r.option)).toEqual(rejected);
  });
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

  it("is quiet once findutils or procps is installed", () => {
    expect(rules("RUN apk add --no-cache findutils procps && find / -printf x && ps -C x")).toEqual(
      [],
    );
  });
});

describe("entrypoint calls the lint does not reach", () => {
  let repo: ScratchRepo | undefined;
  afterEach(async () => {
    await repo?.remove();
    repo = undefined;
  });

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
