import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const glibc = (text: string) =>
  migrate(text).warnings.filter((w) => w.rule === "glibc" && /stays on glibc/.test(w.message));

describe("programs copied into an Alpine stage from a glibc stage or image", () => {
  it("flags binaries and libraries from a Debian image; a glibc stage's programs keep the stage", () => {
    const w = glibc(
      [
        "FROM debian:12",
        "COPY --from=golang:1.22 /usr/local/go/bin/go /usr/local/bin/go",
        "COPY --from=debian:12 /usr/lib/x86_64-linux-gnu/libx.so.1 /usr/lib/",
        "",
      ].join("\n"),
    );
    expect(w.map((x) => x.line)).toEqual([2, 3]);
    expect(w[0]?.message).toMatch(/^\/usr\/local\/go\/bin\/go comes from image golang:1\.22/);
    // From a stage that stays on glibc, the copying stage stays on Debian instead.
    const text = [
      "FROM some/private-builder:1 AS tools",
      "FROM debian:12",
      "COPY --from=tools /usr/local/bin/tool /usr/local/bin/tool",
      "",
    ].join("\n");
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(r.warnings.map((x) => x.message)).toContainEqual(
      expect.stringMatching(
        /^debian:12 stays: this stage copies \/usr\/local\/bin\/tool from stage tools/,
      ),
    );
  });

  it("leaves config files, stages that move to Alpine and Alpine images alone", () => {
    expect(
      glibc(
        [
          "FROM golang:1.23 AS build",
          "RUN go build -o /out/app .",
          "FROM some/private-builder:1 AS tools",
          "FROM debian:12",
          "COPY --from=build /out/app /usr/local/bin/app",
          "COPY --from=tools /etc/conf /etc/conf",
          "COPY --from=alpine:3.20 /bin/busybox /bin/busybox",
          "",
        ].join("\n"),
      ),
    ).toEqual([]);
  });
});
