import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const base = "FROM debian:trixie-slim\n";

describe("busybox wget", () => {
  it("drops a build-time wget when every call uses options busybox wget accepts", () => {
    const r = migrate(
      `${base}RUN apt-get install -y wget gnupg && wget -qO- https://x/KEYS | gpg --import && wget -c -T 30 --header 'A: b' -O f "$URL" && apt-get purge -y wget gnupg\n`,
    );
    expect(r.output).toContain("RUN apk add --no-cache --virtual .build-deps gnupg && wget -qO-");
    expect(r.packages.find((p) => p.debian === "wget")).toMatchObject({
      alpine: [],
      kind: "none",
      layer: "migrate-rule",
    });
  });

  it("keeps a wget installed for good: it is part of the image", () => {
    expect(migrate(`${base}RUN apt-get install -y wget && wget -O a https://x/a\n`).output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache wget && wget -O a https://x/a\n",
    );
  });

  it("drops wget installed for good in a builder stage the final image is not built FROM", () => {
    const text = `${base.replace("\n", " AS fetch\n")}RUN apt-get install -y wget && wget -O /a https://x/a\nFROM debian:trixie-slim\nCOPY --from=fetch /a /a\n`;
    expect(migrate(text).output).toContain("AS fetch\nRUN wget -O /a https://x/a\n");
  });

  it("keeps GNU wget for options busybox lacks, and says which", () => {
    const r = migrate(
      `${base}RUN apt-get install -y wget && wget --mirror -np https://x/ && apt-get purge -y wget\n`,
    );
    expect(r.output).toContain("apk add --no-cache --virtual .build-deps wget &&");
    expect(r.warnings.map((w) => w.message).join("\n")).toMatch(/--mirror needs GNU wget/);
  });

  it("removes display-only --progress options so busybox wget runs the call", () => {
    const r = migrate(
      `${base}RUN apt-get install -y wget curl && wget --progress dot:giga -O a "$U" && wget -O b "$U" --progress=dot:giga && apt-get purge -y wget curl\n`,
    );
    expect(r.output).toBe(
      `FROM alpine:3.23\nRUN apk add --no-cache --virtual .build-deps curl && wget -O a "$U" && wget -O b "$U" && apk del --no-network .build-deps\n`,
    );
  });

  it("leaves --progress alone when GNU wget stays installed", () => {
    const r = migrate(
      `${base}RUN apt-get install -y wget\nRUN wget --progress=dot:giga -O /tmp/x https://e.org/x\n`,
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache wget\nRUN wget --progress=dot:giga -O /tmp/x https://e.org/x\n",
    );
  });

  it("keeps wget when a call hides its options in a wrapper", () => {
    const r = migrate(
      `${base}RUN apt-get install -y wget && sh -c "wget $OPTS -O a b" && apt-get purge -y wget\n`,
    );
    expect(r.output).toContain("apk add --no-cache --virtual .build-deps wget");
  });

  it("reads the wget calls of a sh -c string that reaches the shell as written", () => {
    const ok = migrate(
      `${base}RUN apt-get install -y wget && sh -c 'wget -O a b' && apt-get purge -y wget\n`,
    );
    expect(ok.output).not.toContain("wget &&");
    expect(ok.packages.find((p) => p.debian === "wget")?.written).toEqual([]);
    const gnu = migrate(
      `${base}RUN apt-get install -y wget && sh -c 'wget --mirror -O a b' && apt-get purge -y wget\n`,
    );
    expect(gnu.output).toContain("apk add --no-cache --virtual .build-deps wget");
  });
});

describe("buildpack-deps tools", () => {
  it("adds ca-certificates and the -curl/-scm tools the stage runs after the FROM", () => {
    const r = migrate(
      "FROM buildpack-deps:trixie-scm\nRUN curl -fsSL https://x/a.asc | gpg --import && git clone https://x/r\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache ca-certificates curl gnupg git\nRUN curl -fsSL https://x/a.asc | gpg --import && git clone https://x/r\n",
    );
  });

  it("adds the toolchain the full variant shipped when a stage (or one built FROM it) compiles", () => {
    const text = [
      "FROM buildpack-deps:trixie AS base",
      "RUN apt-get install -y libsctp-dev",
      "FROM base",
      'RUN ./configure --build="$(dpkg-architecture --query DEB_HOST_GNU_TYPE)" && make',
      "",
    ].join("\n");
    expect(migrate(text).output).toContain(
      "FROM alpine:3.23 AS base\nRUN apk add --no-cache ca-certificates gcc g++ make musl-dev linux-headers dpkg-dev dpkg\nRUN apk add --no-cache lksctp-tools-dev\n",
    );
  });

  it("adds the autotools a source tree's own build script runs", () => {
    const otp = migrate(
      "FROM buildpack-deps:trixie\nRUN cd /src && ./otp_build autoconf && ./configure && make\n",
    );
    expect(otp.output).toContain("RUN apk add --no-cache ca-certificates autoconf gcc g++ make");
    const autogen = migrate(
      "FROM buildpack-deps:trixie\nRUN ./autogen.sh && ./configure && make\n",
    );
    expect(autogen.output).toContain("ca-certificates autoconf automake libtool gcc");
    // rebar's ./bootstrap is an escript: no autotools for it.
    const rebar = migrate(
      "FROM buildpack-deps:trixie\nRUN ./bootstrap && install rebar /usr/local/bin/\n",
    );
    expect(rebar.output).not.toContain("autoconf");
  });

  it("adds the -dev libraries a recognised upstream's build needs on the full tag", () => {
    const otp = migrate(
      'FROM buildpack-deps:trixie\nRUN curl -fSL -o otp.tgz "https://github.com/erlang/otp/releases/download/OTP-28.0/otp_src_28.0.tar.gz" && ./configure && make\n',
    );
    expect(otp.output).toContain("linux-headers ncurses-dev openssl-dev\n");
    expect(otp.warnings[0]?.message).toMatch(/Erlang\/OTP's build needs came with buildpack-deps/);
    const ruby = migrate(
      'FROM buildpack-deps:trixie\nENV RUBY_DOWNLOAD_URL https://cache.ruby-lang.org/pub/ruby/3.4/ruby-3.4.1.tar.xz\nRUN wget -O r.tar.xz "$RUBY_DOWNLOAD_URL" && ./configure && make\n',
    );
    expect(ruby.output).toContain("yaml-dev zlib-dev");
    // An unknown source keeps the generic note and adds no -dev library.
    const other = migrate("FROM buildpack-deps:trixie\nRUN ./configure && make\n");
    expect(other.output).toContain(
      "RUN apk add --no-cache ca-certificates gcc g++ make musl-dev linux-headers\n",
    );
    expect(other.warnings[0]?.message).toMatch(
      /add the Alpine -dev packages the build links against/,
    );
  });

  it("does not add toolchains for the -curl variant, nor GNU wget when busybox wget will do", () => {
    const r = migrate("FROM buildpack-deps:trixie-curl\nRUN wget -O a https://x/a && make\n");
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache ca-certificates\nRUN wget -O a https://x/a && make\n",
    );
    expect(migrate("FROM buildpack-deps:trixie-curl\nRUN wget -r https://x/\n").output).toContain(
      "RUN apk add --no-cache ca-certificates wget\n",
    );
  });
});

describe("rule 2: a build-time bzip2", () => {
  const buildDeps = (extra: string) =>
    [
      "FROM debian:12",
      "RUN set -eux; \\",
      '\tsavedAptMark="$(apt-mark showmanual)"; \\',
      "\tapt-get update; apt-get install -y --no-install-recommends bzip2 gcc make; \\",
      `\ttar -xf src.tar.bz2; ${extra}make; \\`,
      "\tapt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; \\",
      "\tapt-get purge -y --auto-remove",
      "",
    ].join("\n");

  it("is dropped: busybox tar reads .bz2 itself and busybox has bzip2 applets", () => {
    const r = migrate(buildDeps("bunzip2 -k x.bz2; "));
    expect(r.output).toContain("apk add --no-cache --virtual .build-deps gcc make;");
    expect(r.packages.find((p) => p.debian === "bzip2")).toMatchObject({
      alpine: [],
      kind: "none",
    });
  });

  it("is kept for an option the applet lacks, and when the image keeps it", () => {
    const odd = migrate(buildDeps("bzip2 --best x; "));
    expect(odd.output).toContain("--virtual .build-deps bzip2 gcc make;");
    expect(odd.warnings.some((w) => /bzip2 kept: --best/.test(w.message))).toBe(true);
    const lasting = migrate("FROM debian:12\nRUN apt-get update && apt-get install -y bzip2\n");
    expect(lasting.output).toContain("apk add --no-cache bzip2");
  });
});
