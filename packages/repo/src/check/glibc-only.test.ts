import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { alpineRootSkipReason, makeAlpineRoot, runInRoot } from "../../test/alpine-root.js";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

const glibcFindings = (lines: string[]) =>
  checkStages("Dockerfile", describeStages(`${lines.join("\n")}\n`, "Dockerfile"), settings).filter(
    (f) => f.rule === "glibc-only",
  );
/** The glibc-only findings: `line severity`. */
const found = (...lines: string[]) => glibcFindings(lines).map((f) => `${f.line} ${f.severity}`);
const messages = (...lines: string[]) => glibcFindings(lines).map((f) => f.message);

const SDK = `FROM mcr.microsoft.com/dotnet/sdk:8.0-alpine@${DIGEST} AS build`;
const ALPINE = `FROM alpine:3.24@${DIGEST}`;
const RUST = `FROM rust:1.83-alpine@${DIGEST} AS build`;

describe("glibc-only: glibc builds in Alpine stages, judged by where they end up", () => {
  it("reports the tester's Dockerfile: a linux-x64 .NET app, Node.js's and a -gnu tarball", () => {
    const text = [
      SDK,
      "WORKDIR /src",
      "COPY . .",
      "RUN dotnet publish Api.csproj -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -o /out",
      "",
      ALPINE,
      "RUN apk add --no-cache curl xz libstdc++ \\",
      " && curl -fsSL https://nodejs.org/dist/v20.18.0/node-v20.18.0-linux-x64.tar.xz | tar -xJ -C /usr/local --strip-components=1 \\",
      " && curl -fsSLo /usr/local/bin/rg.tgz https://github.com/BurntSushi/ripgrep/releases/download/14.1.1/ripgrep-14.1.1-x86_64-unknown-linux-gnu.tar.gz",
      "COPY --from=build /out/Api /app/Api",
      'ENTRYPOINT ["/app/Api"]',
    ];
    expect(found(...text)).toEqual(["4 error", "8 error", "9 error"]);
    const [dotnet, node, rg] = messages(...text);
    expect(dotnet).toMatch(/linux-x64 builds for glibc; on Alpine use linux-musl-x64/);
    expect(dotnet).toMatch(/COPY --from=build on line 10 brings it into Alpine stage 1/);
    expect(dotnet).toMatch(/"not found"\); .*apk add gcompat in stage 1$/);
    expect(node).toMatch(/unofficial-builds\.nodejs\.org\. It stays in Alpine stage 1/);
    expect(rg).toMatch(/looks like a glibc build: use the musl/);
  });

  it("reports a Rust -gnu target copied into the final stage, with the musl triple", () => {
    const text = [
      RUST,
      "RUN rustup target add x86_64-unknown-linux-gnu && cargo build --release --target x86_64-unknown-linux-gnu",
      ALPINE,
      "COPY --from=build /src/target/x86_64-unknown-linux-gnu/release/api /usr/local/bin/api",
      'CMD ["api"]',
    ];
    expect(found(...text)).toEqual(["2 error"]);
    expect(messages(...text)[0]).toMatch(/x86_64-unknown-linux-musl/);
  });

  it("leaves musl builds alone: linux-musl-x64, the -musl triple, Node's -musl tarball, Go", () => {
    expect(
      found(
        SDK,
        "RUN dotnet publish -r linux-musl-x64 --self-contained -o /out",
        RUST.replace("AS build", "AS rs"),
        "RUN cargo build --release --target x86_64-unknown-linux-musl",
        `FROM golang:1.25-alpine@${DIGEST} AS go`,
        "RUN CGO_ENABLED=0 go build -o /go/bin/app . && curl -fsSLO https://go.dev/dl/go1.25.0.linux-amd64.tar.gz",
        ALPINE,
        "RUN curl -fsSLO https://unofficial-builds.nodejs.org/download/release/v20.18.0/node-v20.18.0-linux-x64-musl.tar.xz",
        "COPY --from=build /out /app",
        "COPY --from=rs /src/target/x86_64-unknown-linux-musl/release/api /usr/local/bin/api",
        "COPY --from=go /go/bin/app /usr/local/bin/app",
      ),
    ).toEqual([]);
  });

  it("is a warning where gcompat (or libc6-compat) is installed in the stage that runs it", () => {
    for (const compat of ["gcompat", "libc6-compat"])
      expect(
        found(
          SDK,
          "RUN dotnet publish -r linux-x64 -o /out",
          ALPINE,
          `RUN apk add --no-cache ${compat} libstdc++`,
          "COPY --from=build /out /app",
        ),
      ).toEqual(["2 warning"]);
    // gcompat in the build stage does not follow the program into the final one.
    expect(
      found(
        SDK,
        "RUN apk add --no-cache gcompat && dotnet publish -r linux-x64 -o /out",
        ALPINE,
        "COPY --from=build /out /app",
      ),
    ).toEqual(["2 error"]);
  });

  it("is a warning, naming the stage, where the build stays in a build stage", () => {
    const data = [
      SDK,
      "RUN dotnet publish -r linux-x64 -o /out && cp appsettings.json /cfg/",
      ALPINE,
      "COPY --from=build /cfg/appsettings.json /app/",
      "COPY --from=build /src/tools /tools",
    ];
    expect(found(...data)).toEqual(["2 warning"]);
    expect(messages(...data)[0]).toMatch(/built in build stage build only/);
    // Out of the publish folder, or the whole of it: the app comes along.
    expect(found(...data, "COPY --from=build /out/Api /app/Api")).toEqual(["2 error"]);
    expect(found(...data, "COPY --from=build / /rootfs")).toEqual(["2 error"]);
  });

  it("follows a stage built FROM the one that made it, and a copy through another stage", () => {
    expect(found(SDK, "RUN dotnet publish -r linux-x64 -o /out", "FROM build")).toEqual([
      "2 error",
    ]);
    const through = [
      SDK,
      "RUN dotnet publish -r linux-x64 -o /out",
      `FROM alpine:3.24@${DIGEST} AS mid`,
      "COPY --from=build /out /app",
      "RUN apk add --no-cache gcompat",
      ALPINE,
      "COPY --from=mid /app /app",
    ];
    expect(found(...through)).toEqual(["2 error"]);
    expect(messages(...through)[0]).toMatch(
      /COPY --from=mid on line 7 brings it into Alpine stage 2,/,
    );
  });

  it("finds them in a RUN's here-document, on the body's line", () => {
    expect(
      found(
        "# syntax=docker/dockerfile:1",
        ALPINE,
        "RUN <<EOF",
        "set -e",
        "curl -fsSLO https://nodejs.org/dist/v22.11.0/node-v22.11.0-linux-arm64.tar.gz",
        "EOF",
      ),
    ).toEqual(["5 error"]);
  });

  it("reads an ADD of a glibc asset in the final stage, not of the musl one", () => {
    expect(
      found(
        ALPINE,
        "ADD --chmod=755 https://example.com/rg/ripgrep-14.1.1-x86_64-unknown-linux-gnu.tar.gz /tmp/",
        "ADD https://example.com/rg/ripgrep-14.1.1-x86_64-unknown-linux-musl.tar.gz /tmp/",
        "ADD https://example.com/pool/tool_1.0_amd64.deb /tmp/",
      ),
    ).toEqual(["2 error"]);
  });

  it("reads a RUN sh cannot read by its text, without stopping", () => {
    expect(
      found(
        ALPINE,
        'RUN echo "never closed && curl -fsSLO https://nodejs.org/dist/v20.18.0/node-v20.18.0-linux-x64.tar.xz',
      ),
    ).toEqual(["2 error"]);
  });

  it("only warns about manylinux wheels (pip on Alpine refuses them) and .deb archives", () => {
    const text = [
      ALPINE,
      "RUN pip install https://example.com/w/pkg-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
      "RUN curl -fsSLO https://example.com/pool/tool_1.0_amd64.deb",
    ];
    expect(found(...text)).toEqual(["2 warning", "3 warning"]);
    expect(messages(...text)[0]).toMatch(/musllinux wheels only/);
  });
});

// Ground truth for the error: musl's loader (busybox's sh here) cannot start a program linked
// against glibc's, and reports it as "not found"; a static build runs.
const reason =
  alpineRootSkipReason() ??
  (spawnSync("gcc", ["--version"]).status === 0 ? undefined : "no gcc to build a glibc program");

describe.skipIf(reason !== undefined)("a glibc program in the musl busybox chroot", () => {
  const root = reason === undefined ? makeAlpineRoot("alpinize-glibc-") : "";
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("fails with not found when dynamically linked, runs when static", () => {
    const src = join(root, "tmp/hello.c");
    writeFileSync(src, '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n');
    execFileSync("gcc", ["-o", join(root, "tmp/dynamic"), src]);
    execFileSync("gcc", ["-static", "-o", join(root, "tmp/static"), src]);
    for (const name of ["dynamic", "static"]) {
      copyFileSync(join(root, `tmp/${name}`), join(root, `bin/${name}`));
      chmodSync(join(root, `bin/${name}`), 0o755);
    }
    const dynamic = runInRoot(root, "/bin/dynamic");
    expect(dynamic.status).toBe(127);
    expect(dynamic.stderr).toMatch(/not found/);
    expect(runInRoot(root, "/bin/static").status).toBe(0);
  });
});
