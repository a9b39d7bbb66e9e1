import { UNKNOWN_APK_FORMS } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { checkReading } from "../../test/unknown-reading.js";
import { describeStages } from "../dockerfile/stages.js";
import { stageRelease } from "./apk-names.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const unknown = (text: string) =>
  checkStages("Dockerfile", describeStages(text, "Dockerfile"), {
    skip: [],
    requireDigests: false,
    ignoreImages: [],
  })
    .filter((f) => f.rule === "apk-unknown-package")
    .map((f) => `${f.line}: ${f.message.split(" is not in ")[0]?.split(" are not in ")[0]}`);

describe("apk-unknown-package", () => {
  it("knows nginx's dynamic modules, which its APKBUILD makes in a loop, and their typos", () => {
    for (const release of ["3.23", "3.24"]) {
      const text = `FROM alpine:${release}@${DIGEST}\nRUN apk add --no-cache nginx-mod-stream nginx-mod-http-headers-more nginx-mod-strem\n`;
      expect(unknown(text), release).toEqual(["2: nginx-mod-strem"]);
    }
  });

  it("flags names the stage's release lacks, and skips what cannot be told", () => {
    const text = [
      `FROM alpine:3.24@${DIGEST}`,
      "RUN apk add --no-cache curl wait-for-it pkgconf=2.3.0-r0 $PHPIZE_DEPS so:libc.musl-x86_64.so.1",
      "RUN apk --no-cache add --virtual .b gcc nosuchpkg",
      "RUN apk add --no-cache -X https://mirror.example/edge/testing gperftools",
      'RUN if apk add --no-cache --virtual .x "pg-$V" > /dev/null 2>&1; then :; fi',
      `FROM python:3.12-alpine3.22@${DIGEST}`,
      "RUN apk add --no-cache nosuch2",
      `FROM alpine:3.12@${DIGEST}`,
      "RUN apk add --no-cache nosuch3",
      "",
    ].join("\n");
    expect(unknown(text)).toEqual(["2: wait-for-it", "3: nosuchpkg", "7: nosuch2"]);
    // Tagged repositories, repositories a stage adds itself, and --repositories-file are not judged.
    const repos = [
      `FROM alpine:3.22@${DIGEST}`,
      "RUN apk add --no-cache busybox-extras@edge",
      "RUN apk add --no-cache --repositories-file /r nosuch",
      `FROM alpine:3.22@${DIGEST} AS t`,
      'RUN echo "@testing https://mirror.example/testing" >> /etc/apk/repositories',
      "FROM t",
      "RUN apk add --no-cache grpcurl nosuch4",
      "",
    ].join("\n");
    expect(unknown(repos)).toEqual([]);
  });

  it.each(["3.21", "3.22", "3.23", "3.24"])(
    "knows musl-utils and libc-utils on %s, which the index lacks, and libc-dev (musl-dev provides it)",
    (release) => {
      const text = `FROM alpine:${release}@${DIGEST}\nRUN apk add --no-cache musl-utils libc-utils libc-dev musl-dbg musl-utilz\n`;
      expect(unknown(text)).toEqual(["2: musl-utilz"]);
    },
  );

  it("is an error where the build surely stops: the FROM names the release, or no release has it", () => {
    const found = (text: string) =>
      checkStages("Dockerfile", describeStages(text, "Dockerfile"), {
        skip: [],
        requireDigests: false,
        ignoreImages: [],
      })
        .filter((f) => f.rule === "apk-unknown-package")
        .map((f) => `${f.line}:${f.severity}`);
    // The tester's repro: Debian names migrate kept as written, which apk cannot install.
    const repro = `FROM alpine:3.24@${DIGEST}\nRUN apk add --no-cache msodbcsql18 libgconf-2-4 google-chrome-stable libfoo-nonexistent\n`;
    expect(found(repro)).toEqual(["2:error"]);
    expect(unknown(repro)).toEqual([
      "2: msodbcsql18, libgconf-2-4, google-chrome-stable, libfoo-nonexistent",
    ]);
    const text = [
      `FROM python:3.13-alpine@${DIGEST}`,
      // clang19 is in 3.21, not in 3.24: an unversioned tag may be held on an older release.
      "RUN apk add --no-cache clang19",
      "RUN apk add --no-cache libfoo-nonexistent",
      `FROM alpine:3.22@${DIGEST}`,
      // A guarded call goes on without it: a warning that says so.
      "RUN apk add --no-cache libfoo-nonexistent || true",
      // Names the static index misses on purpose pass.
      "RUN apk add --no-cache clang-dev llvm-dev musl-utils aspnetcore8-runtime",
      "",
    ].join("\n");
    expect(found(text)).toEqual(["2:warning", "3:error", "5:warning"]);
  });

  it("reads the release from alpine:X.Y, -alpineX.Y and unversioned -alpine tags", () => {
    const release = (image: string) => stageRelease(describeStages(`FROM ${image}\n`, "D")[0]!);
    expect(release("alpine:3.22.1")).toBe("3.22");
    expect(release("node:22-alpine3.21")).toBe("3.21");
    expect(release("golang:1.25-alpine")).toBe("3.24");
    expect(release("alpine:edge")).toBeUndefined();
    expect(release("ocaml/opam:alpine-3.21-ocaml-5.1")).toBe("3.21");
    expect(release("alpine:3.12")).toBeUndefined();
    expect(release("debian:12")).toBeUndefined();
  });
});

describe("apk-no-cache only where the index would ship", () => {
  it("skips builder stages the final image is not built FROM", () => {
    const text = `FROM alpine:3.24@${DIGEST} AS builder\nRUN apk update && apk add gcc\nFROM alpine:3.24@${DIGEST} AS base\nRUN apk add curl\nFROM base\nCOPY --from=builder /x /x\n`;
    const lines = checkStages("Dockerfile", describeStages(text, "Dockerfile"), {
      skip: [],
      requireDigests: false,
      ignoreImages: [],
    })
      .filter((f) => f.rule === "apk-no-cache")
      .map((f) => f.line);
    expect(lines).toEqual([4]);
  });
});

describe("/etc/apt in an Alpine stage", () => {
  it("is an apt-in-alpine finding on the command that writes there", () => {
    const text = `FROM alpine:3.24@${DIGEST}\nRUN echo 'Acquire::http::Proxy "http://p:3128";' > /etc/apt/apt.conf.d/01proxy\nRUN rm -rf /etc/apt/sources.list.d\n`;
    const found = checkStages("Dockerfile", describeStages(text, "Dockerfile"), {
      skip: [],
      requireDigests: false,
      ignoreImages: [],
    }).filter((f) => f.rule === "apt-in-alpine");
    expect(found.map((f) => f.line)).toEqual([2]);
    expect(found[0]?.message).toMatch(
      /^a redirection to \/etc\/apt\/apt.conf.d\/01proxy in Alpine stage 0: Alpine has no \/etc\/apt/,
    );
  });

  it("is a warning for a guarded call and for one the build goes on past to an apk add, as migrate --check reads them", () => {
    for (const { run, names } of UNKNOWN_APK_FORMS) expect(checkReading(run), run).toEqual(names);
  });

  it("says the fallback runs at the first call of apk add a || apk add b", () => {
    const text = `FROM alpine:3.24@${DIGEST}\nRUN apk add --no-cache libssl1.1 || apk add --no-cache libssl3\n`;
    const found = checkStages("Dockerfile", describeStages(text, "Dockerfile"), {
      skip: [],
      requireDigests: false,
      ignoreImages: [],
    }).filter((f) => f.rule === "apk-unknown-package");
    expect(found.map((f) => f.severity)).toEqual(["warning"]);
    expect(found[0]?.message).toMatch(
      /^libssl1\.1 is not in .*the build goes on to the fallback apk add that runs after its failure/,
    );
  });
});
