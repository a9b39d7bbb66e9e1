import { describe, expect, it } from "vitest";
import { migrate, rules } from "./helpers.js";

const base = "FROM debian:trixie-slim\n";

describe("rule 2: apt-get → apk", () => {
  it("converts an && chain with continuations and drops update and cache cleanup", () => {
    const r = migrate(
      `${base}RUN apt-get update && apt-get install -y --no-install-recommends \\\n    curl ca-certificates \\\n    && rm -rf /var/lib/apt/lists/*\n`,
    );
    expect(r.output).toBe(
      `FROM alpine:3.23\nRUN apk add --no-cache \\\n    curl ca-certificates\n`,
    );
  });

  it("keeps comments inside continuations, and the ; layout of set -eux blocks", () => {
    const text = [
      "RUN set -eux; \\",
      "\tapt-get update; \\",
      "\tapt-get install -y --no-install-recommends \\",
      "# why tzdata",
      "\t\ttzdata \\",
      "\t; \\",
      "\trm -rf /var/lib/apt/lists/*",
      "",
    ].join("\n");
    const r = migrate(base + text);
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN set -eux; \\\n\tapk add --no-cache \\\n# why tzdata\n\t\ttzdata\n",
    );
  });

  it("maps names through the package map, drops pins with a warning and flags unknown names", () => {
    const r = migrate(
      `${base}RUN apt-get install -y libc6-dev libsqlite3-dev=3.40.1-2 no-such-package-xyz\n`,
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache musl-dev sqlite-dev no-such-package-xyz\n",
    );
    const messages = r.warnings.map((w) => w.message).join("\n");
    expect(messages).toMatch(/version pin libsqlite3-dev=3\.40\.1-2 dropped/);
    expect(messages).toMatch(/no Alpine package known for no-such-package-xyz/);
    expect(r.packages.map((p) => [p.debian, p.written, p.kind])).toEqual([
      ["libc6-dev", ["musl-dev"], "renamed"],
      ["libsqlite3-dev", ["sqlite-dev"], expect.any(String)],
      ["no-such-package-xyz", ["no-such-package-xyz"], "unknown"],
    ]);
    expect(r.packages.every((p) => p.line === 2 && p.reason.length > 0)).toBe(true);
  });

  it("records each name of a long list with repeats once per occurrence, written once", () => {
    const names = Array.from({ length: 3000 }, (_, i) => ["curl", "libc6-dev", "wget"][i % 3]);
    const r = migrate(`${base}RUN apt-get install -y \\\n  ${names.join(" \\\n  ")}\n`);
    expect(r.output).toMatch(
      /^FROM alpine:3\.23\nRUN apk add --no-cache \\\n {2}curl \\\n {2}musl-dev /,
    );
    expect(r.packages).toHaveLength(3000);
    expect(r.packages.slice(0, 4).map((p) => [p.debian, p.written, p.line])).toEqual([
      ["curl", ["curl"], 3],
      ["libc6-dev", ["musl-dev"], 4],
      ["wget", ["wget"], 5],
      ["curl", [], 6],
    ]);
    expect(r.packages.at(-2)).toMatchObject({ debian: "libc6-dev", kind: "renamed", line: 3001 });
    expect(r.packages.filter((p) => p.written.length > 0)).toHaveLength(3);
  });

  it("drops glob pins and multiarch qualifiers with a warning", () => {
    const r = migrate(`${base}RUN apt-get install -y nodejs=20.* libc6-dev:arm64\n`);
    expect(r.output).toBe("FROM alpine:3.23\nRUN apk add --no-cache nodejs musl-dev\n");
    expect(r.warnings.filter((w) => /dropped/.test(w.message))).toHaveLength(2);
  });

  it("drops packages Alpine does not need, with the reason, and a RUN left with nothing to do", () => {
    const r = migrate(
      `${base}RUN apt-get update && apt-get install -y apt-transport-https\nUSER 1\n`,
    );
    expect(r.output).toBe("FROM alpine:3.23\nUSER 1\n");
    expect(r.packages[0]).toMatchObject({
      debian: "apt-transport-https",
      kind: "none",
      written: [],
    });
  });

  it("adds dpkg next to dpkg-dev when the stage runs dpkg-architecture (dpkg is Essential on Debian)", () => {
    const r = migrate(
      `${base}RUN apt-get install -y dpkg-dev gcc && gnuArch="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)"\n`,
    );
    expect(r.output).toContain("RUN apk add --no-cache dpkg-dev dpkg gcc musl-dev && gnuArch=");
    expect(r.packages.find((p) => p.debian === "dpkg")).toMatchObject({
      layer: "migrate-rule",
      written: ["dpkg"],
    });
    expect(migrate(`${base}RUN apt-get install -y dpkg-dev\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache dpkg-dev\n",
    );
  });

  it("adds linux-headers for libc6-dev/build-essential only in stages that build from source", () => {
    // Debian's libc6-dev depends on linux-libc-dev (kernel headers); Alpine's musl-dev lacks them.
    const built = migrate(`${base}RUN apt-get install -y gcc libc6-dev && ./configure && make\n`);
    expect(built.output).toContain("apk add --no-cache gcc musl-dev linux-headers && ./configure");
    expect(built.packages.find((p) => p.alpine.includes("linux-headers"))).toMatchObject({
      debian: "libc6-dev",
      kind: "split",
      layer: "migrate-rule",
    });
    expect(migrate(`${base}RUN apt-get install -y gcc libc6-dev\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache gcc musl-dev\n",
    );
    // g++ pulls libc6-dev in on Debian; installing make with it shows the intent to build
    expect(migrate(`${base}RUN apt-get install -y g++ make python3\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache g++ linux-headers make python3\n",
    );
    // pip/npm/gem builds of native extensions include kernel headers too (psutil: linux/ethtool.h)
    expect(
      migrate(`${base}RUN apt-get install -y build-essential python3-dev && pip install psutil\n`)
        .output,
    ).toContain("apk add --no-cache build-base linux-headers python3-dev && pip install psutil");
    expect(migrate(`${base}RUN apt-get install -y g++ nodejs npm\nRUN npm ci\n`).output).toContain(
      "g++ linux-headers nodejs npm",
    );
    expect(migrate(`${base}RUN apt-get install -y build-essential && pip freeze\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache build-base && pip freeze\n",
    );
    // removal never grows
    expect(migrate(`${base}RUN apt-get purge -y libc6-dev && make\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk del musl-dev && make\n",
    );
  });

  it("adds musl-dev next to gcc installed with -dev libraries (Debian's gcc gets libc6-dev there)", () => {
    const r = migrate(`${base}RUN apt-get install -y gcc libssl-dev make\n`);
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache gcc musl-dev openssl-dev make\n",
    );
    expect(migrate(`${base}RUN apt-get install -y --no-install-recommends gcc make\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache gcc make\n",
    );
    // Without --no-install-recommends Debian's gcc brings libc6-dev from its Recommends.
    expect(migrate(`${base}RUN apt-get install -y gcc make\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache gcc musl-dev make\n",
    );
    expect(
      migrate(`${base}RUN apt-get -o APT::Install-Recommends=false install -y gcc\n`).output,
    ).toBe("FROM alpine:3.23\nRUN apk add --no-cache gcc\n");
    expect(migrate(`${base}RUN apt-get install -y build-essential gcc libssl-dev\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache build-base gcc openssl-dev\n",
    ); // Debian's per-major compilers have the same Depends and Recommends.
    const versioned = migrate(`${base}RUN apt-get install -y gcc-12 g++-12 make && make\n`);
    expect(versioned.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache gcc musl-dev g++ linux-headers make && make\n",
    );
    expect(versioned.packages.find((p) => p.debian === "gcc-12")?.versionChange).toEqual({
      family: "gcc",
      from: "12",
      to: "15",
    });
  });

  it("folds dirmngr into gnupg when both are installed (Alpine's gnupg depends on gnupg-dirmngr)", () => {
    const r = migrate(`${base}RUN apt-get install -y dirmngr gnupg\n`);
    expect(r.output).toBe("FROM alpine:3.23\nRUN apk add --no-cache gnupg\n");
    expect(r.packages.find((p) => p.debian === "dirmngr")).toMatchObject({ kind: "merged" });
    expect(migrate(`${base}RUN apt-get install -y dirmngr\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache dirmngr\n",
    );
  });

  it("adds dpkg-dev and dpkg for build-essential when a stage built FROM it runs dpkg-architecture", () => {
    const text = [
      "FROM ubuntu:24.04 AS build-base",
      "RUN apt-get install -y build-essential",
      "FROM build-base AS lib",
      'RUN ./config --build="$(dpkg-architecture --query DEB_HOST_GNU_TYPE)" && make',
      "",
    ].join("\n");
    expect(migrate(text).output).toContain(
      "RUN apk add --no-cache build-base linux-headers dpkg-dev dpkg\n",
    );
    expect(migrate(`${base}RUN apt-get install -y build-essential\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache build-base\n",
    );
  });

  it("turns upgrade into apk upgrade and remove/purge into apk del", () => {
    const r = migrate(`${base}RUN apt-get upgrade -y && apt-get purge -y libc6-dev\n`);
    expect(r.output).toBe("FROM alpine:3.23\nRUN apk upgrade --no-cache && apk del musl-dev\n");
  });

  it("handles || chains and a lone update inside an if body", () => {
    const r = migrate(
      `${base}RUN if [ -n "$X" ]; then apt-get update; fi; apt-get install -y curl || true\n`,
    );
    expect(r.output).toBe(
      `FROM alpine:3.23\nRUN if [ -n "$X" ]; then true; fi; apk add --no-cache curl || true\n`,
    );
  });

  it("keeps brace groups, subshells and pipelines well formed", () => {
    const r = migrate(
      `${base}RUN { apt-get update; apt-get install -y curl; } && ( apt-get clean ) && apt-get update | tee /log\n`,
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN { apk add --no-cache curl; } && ( true ) && true | tee /log\n",
    );
  });

  it("converts case bodies", () => {
    const r = migrate(
      `${base}RUN case "$V" in a) apt-get install -y curl ;; *) apt-get install -y wget ;; esac\n`,
    );
    expect(r.output).toContain("a) apk add --no-cache curl ;; *) apk add --no-cache wget ;; esac");
  });

  it("turns the apt-mark build-deps pattern into a virtual package", () => {
    const text = [
      "RUN set -eux; \\",
      '\tsavedAptMark="$(apt-mark showmanual)"; \\',
      "\tapt-get update; \\",
      "\tapt-get install -y --no-install-recommends gcc libc6-dev make; \\",
      "\tmake install; \\",
      "\tapt-mark auto '.*' > /dev/null; \\",
      '\t[ -z "$savedAptMark" ] || apt-mark manual $savedAptMark; \\',
      "\tfind /usr/local -type f -executable -exec ldd '{}' ';' \\",
      "\t\t| awk '/=>/ { print $(NF-1) }' | sort -u | xargs -r dpkg-query --search \\",
      "\t\t| cut -d: -f1 | sort -u | xargs -r apt-mark manual; \\",
      "\tapt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \\",
      "\trm -rf /var/lib/apt/lists/*",
      "",
    ].join("\n");
    const out = migrate(base + text).output;
    expect(out).toContain(
      "apk add --no-cache --virtual .build-deps gcc musl-dev linux-headers make; \\\n\tmake install;",
    );
    expect(out).toContain("apk add --no-cache --no-network --virtual .rundeps $(scanelf --needed");
    expect(out).toMatch(/apk del --no-network \.build-deps\n$/);
    expect(out).not.toMatch(/apt-mark|apt-get|dpkg-query|savedAptMark/);
  });

  it("makes an install virtual when the same list is purged later", () => {
    const r = migrate(
      `${base}RUN fetchDeps='curl gnupg'; apt-get install -y $fetchDeps && curl x && apt-get purge -y $fetchDeps\n`,
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN fetchDeps='curl gnupg'; apk add --no-cache --virtual .build-deps $fetchDeps && curl x && apk del --no-network .build-deps\n",
    );
  });

  it("maps package lists held in variables: shell assignments and ENV", () => {
    const r = migrate(
      `${base}ENV BUILD_DEPS="libssl-dev make"\nRUN deps='libc6-dev libsqlite3-0'; apt-get install -y $deps $BUILD_DEPS\n`,
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nENV BUILD_DEPS=\"openssl-dev make\"\nRUN deps='musl-dev sqlite-libs'; apk add --no-cache $deps $BUILD_DEPS\n",
    );
  });

  it("flags a list it cannot see", () => {
    const r = migrate(`${base}RUN apt-get install -y $(cat /deps.txt)\n`);
    expect(r.output).toBe("FROM alpine:3.23\nRUN apk add --no-cache $(cat /deps.txt)\n");
    expect(r.warnings.some((w) => /not a literal/.test(w.message))).toBe(true);
  });

  it("converts heredoc RUN bodies line by line", () => {
    const r = migrate(`${base}RUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n`);
    expect(r.output).toBe("FROM alpine:3.23\nRUN <<EOF\nset -e\napk add --no-cache curl\nEOF\n");
  });

  it("keeps the backtick escape directive and CRLF endings", () => {
    const text =
      "# escape=`\r\nFROM debian:12\r\nRUN apt-get update && `\r\n    apt-get install -y curl\r\n";
    expect(migrate(text).output).toBe(
      "# escape=`\r\nFROM alpine:3.23\r\nRUN apk add --no-cache curl\r\n",
    );
    const kept =
      "# escape=`\r\nFROM debian:12\r\nRUN apt-get install -y `\r\n    curl `\r\n    wget\r\n";
    expect(migrate(kept).output).toBe(
      "# escape=`\r\nFROM alpine:3.23\r\nRUN apk add --no-cache `\r\n    curl `\r\n    wget\r\n",
    );
  });

  it("keeps RUN flags", () => {
    const r = migrate(`${base}RUN --network=host apt-get install -y curl\n`);
    expect(r.output).toBe("FROM alpine:3.23\nRUN --network=host apk add --no-cache curl\n");
  });

  it("leaves an exec-form RUN apt-get alone, and its stage on Debian, with a warning", () => {
    const text = `${base}RUN ["apt-get", "install", "-y", "curl"]\nRUN apt-get install -y git\n`;
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(rules(r)).toEqual(["from"]);
  });

  it("flags an exec-form RUN apt-get on a stage already on Alpine", () => {
    const r = migrate('FROM alpine:3.23\nRUN ["apt-get", "install", "-y", "curl"]\n');
    expect(rules(r)).toContain("exec-form");
  });

  it("drops DEBIAN_FRONTEND prefixes and exports", () => {
    const r = migrate(
      `${base}RUN export DEBIAN_FRONTEND=noninteractive && DEBIAN_FRONTEND=noninteractive apt-get -qq install -y curl\n`,
    );
    expect(r.output).toBe("FROM alpine:3.23\nRUN apk add --no-cache curl\n");
  });

  it("leaves .deb installs and flags them", () => {
    const r = migrate(`${base}RUN apt-get install -y ./pkg.deb\n`);
    expect(r.output).toBe("FROM alpine:3.23\nRUN apt-get install -y ./pkg.deb\n");
    expect(rules(r)).toContain("glibc");
  });

  it("rule 3: xx-apt uses the same mapping", () => {
    const r = migrate(
      "FROM golang:1.25-trixie\nRUN xx-apt install -y gcc libc6-dev\nRUN xx-apt-get install -y libsqlite3-dev\n",
    );
    expect(r.output).toBe(
      "FROM golang:1.25-alpine\nRUN xx-apk add --no-cache gcc musl-dev\nRUN xx-apk add --no-cache sqlite-dev\n",
    );
    expect(r.packages.map((p) => p.tool)).toEqual(["xx-apt", "xx-apt", "xx-apt"]);
  });
});

describe("rule 2: static archives for the rust -alpine image", () => {
  it("adds the static archive of a -dev library a cargo stage on rust installs", () => {
    const r = migrate(
      "FROM rust:1.82-bookworm\nRUN apt-get update && apt-get install -y libssl-dev zlib1g-dev\nRUN cargo build --release\n",
    );
    // build-base: the full rust tag had make and g++, rust:*-alpine has gcc and (recent tags) musl-dev.
    expect(r.output).toContain(
      "RUN apk add --no-cache openssl-dev openssl-libs-static zlib-dev zlib-static build-base\n",
    );
    expect(r.packages.find((p) => p.alpine.includes("openssl-libs-static"))).toMatchObject({
      debian: "libssl-dev",
      kind: "split",
      layer: "migrate-rule",
    });
    // Not without cargo, and not on other images (Alpine's own cargo links dynamically).
    for (const text of [
      "FROM rust:1.82-bookworm\nRUN apt-get install -y libssl-dev\n",
      "FROM debian:12\nRUN apt-get install -y cargo libssl-dev && cargo build\n",
    ])
      expect(migrate(text).output).not.toContain("static");
  });
});
