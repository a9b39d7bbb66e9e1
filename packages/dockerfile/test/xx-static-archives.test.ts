import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

// xx-cargo on rust:*-alpine (rustup) builds for <arch>-unknown-linux-musl, linked statically:
// the libraries xx-apk installs for the target need their static archives, as the native
// cargo build's do (tester finding, session 18: /tmp/tester18/df/08-xx).

const XX = "FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.5.0 AS xx\n";

function crossStage(build: string, base = "rust:1.82-bookworm"): string {
  return [
    XX,
    `FROM --platform=$BUILDPLATFORM ${base} AS build`,
    "COPY --from=xx / /",
    "ARG TARGETPLATFORM",
    "RUN apt-get update && apt-get install -y clang lld pkg-config",
    "RUN xx-apt-get install -y libc6-dev libssl-dev zlib1g-dev gcc",
    `RUN ${build}`,
    "",
  ].join("\n");
}

describe("rule 3: static archives for an xx-cargo cross build on rust -alpine", () => {
  it("adds them to the xx-apk add of a stage that runs xx-cargo", () => {
    const r = migrate(crossStage("xx-cargo build --release && xx-verify target/x"));
    expect(r.output).toContain(
      "RUN xx-apk add --no-cache musl-dev openssl-dev openssl-libs-static zlib-dev zlib-static gcc\n",
    );
    expect(r.packages.find((p) => p.written.includes("openssl-libs-static"))).toMatchObject({
      debian: "libssl-dev",
      kind: "split",
      layer: "migrate-rule",
      tool: "xx-apt",
      reason: expect.stringMatching(/xx-cargo .*unknown-linux-musl.*statically/),
    });
  });

  it("adds them where cargo is given xx-cargo's target triple", () => {
    const r = migrate(
      crossStage('cargo build --release --target "$(xx-cargo --print-target-triple)"'),
    );
    expect(r.output).toContain("openssl-dev openssl-libs-static zlib-dev zlib-static gcc\n");
  });

  it("leaves the native install of an xx-cargo stage without them (host libraries)", () => {
    const text = crossStage("xx-cargo build --release").replace(
      "clang lld pkg-config",
      "clang lld pkg-config libssl-dev",
    );
    const r = migrate(text);
    expect(r.output).toContain("RUN apk add --no-cache clang musl-dev lld pkgconf openssl-dev\n");
    expect(r.output).toContain("openssl-dev openssl-libs-static zlib-dev zlib-static gcc\n");
  });

  it("adds none without a cargo build, or where Alpine's own cargo links dynamically", () => {
    for (const text of [
      crossStage("xx-clang -o /x main.c"),
      crossStage("xx-cargo build --release", "debian:12"),
    ])
      expect(migrate(text).output).not.toContain("static");
  });
});
