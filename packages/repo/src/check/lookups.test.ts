import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function findings(...runs: string[]): string[] {
  const text = ["FROM alpine:3.24", ...runs, ""].join("\n");
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule !== "base-image-unpinned")
    .map((f) => `${f.line}:${f.rule}:${f.severity}`);
}

describe("names looked up, not run", () => {
  it("does not report command -v/-V, type, which or hash of a missing program", () => {
    expect(
      findings(
        "RUN command -v systemctl || echo none",
        "RUN command -v update-alternatives; command -V groupmod; true",
        "RUN type useradd; which apt-get; hash invoke-rc.d; true",
      ),
    ).toEqual([]);
  });

  it("still reports command X without -v/-V, which runs X", () => {
    expect(findings("RUN command systemctl enable nginx")).toEqual(["2:init-system:error"]);
  });

  it("reports an if guarded by a lookup once, for the call in its body", () => {
    expect(findings("RUN if command -v systemctl >/dev/null; then systemctl enable x; fi")).toEqual(
      ["2:init-system:warning"],
    );
  });
});

describe("calls whose failure is absorbed", () => {
  it("are warnings that say the call does nothing, not that the build fails", () => {
    const text = [
      "FROM alpine:3.24",
      "RUN systemctl enable x || true",
      "RUN [ -f /etc/apt/sources.list ] && sed -i s/a/b/ /etc/apt/sources.list || true",
      "RUN if update-alternatives --set editor /usr/bin/vim; then echo ok; fi",
      "RUN while groupmod -g 10 x; do sleep 1; done",
      "RUN ! useradd x",
      "RUN ( systemctl enable x ) || true",
      "RUN { systemctl enable y; } || true; x=$(systemctl is-enabled z) || true",
      "",
    ].join("\n");
    const out = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
      (f) => f.rule !== "base-image-unpinned",
    );
    expect(out.map((f) => `${f.line}:${f.rule}:${f.severity}`)).toEqual([
      "2:init-system:warning",
      "3:apt-in-alpine:warning",
      "4:debian-program:warning",
      "5:shadow-user-commands:warning",
      "6:shadow-user-commands:warning",
      "7:init-system:warning",
      "8:init-system:warning",
      "8:init-system:warning",
    ]);
    for (const f of out) {
      expect(f.message).not.toMatch(/the build fails here/);
      expect(f.message).toMatch(/the build goes on without it: on Alpine it does nothing/);
    }
  });

  it("stay errors when unguarded: under set -e, in && chains, after ||, in a loop body", () => {
    expect(
      findings(
        "RUN set -e; systemctl enable x; echo done",
        "RUN true && systemctl enable x && echo ok",
        "RUN false || systemctl enable x",
        "RUN for s in a b; do systemctl enable $s; done",
        'RUN if [ "$X" = 1 ]; then systemctl enable x; fi',
        "RUN if command -v systemctl; then echo; else systemctl enable x; fi",
        "RUN ( true || echo ) && systemctl enable x; { false || true; } && systemctl enable y",
      ),
    ).toEqual([
      "2:init-system:error",
      "3:init-system:error",
      "4:init-system:error",
      "5:init-system:error",
      "6:init-system:error",
      "7:init-system:error",
      "8:init-system:error",
      "8:init-system:error",
    ]);
  });
});
