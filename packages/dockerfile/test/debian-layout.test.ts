import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { KNOWN_RELEASES } from "@alpinize/package-map";
import { corpusPath, corpusSkipReason } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { debianPathNote } from "../src/rules/debian-layout.js";
import { migrate } from "./helpers.js";

const aports = corpusPath("aports-index");
const aportsSkipped = corpusSkipReason(aports);
if (aportsSkipped) console.warn(`aports check skipped: ${aportsSkipped}`);

const warnings = (text: string) => migrate(text).warnings.map((w) => `${w.line}: ${w.message}`);
const lines = (...l: string[]) => `${l.join("\n")}\n`;

describe("glibc release assets with musl twins", () => {
  it("flags tini's plain assets in RUN and ADD, not tini-static or tini-muslc", () => {
    const m = warnings(
      lines(
        "FROM debian:12",
        "ARG TARGETARCH",
        "RUN curl -fsSLo /tini https://github.com/krallin/tini/releases/download/v0.19.0/tini-$TARGETARCH && chmod +x /tini",
        "ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini",
        "RUN wget -O /tini-arm https://github.com/krallin/tini/releases/download/v0.19.0/tini-arm64",
        "RUN wget -O /tini-s https://github.com/krallin/tini/releases/download/v0.19.0/tini-static-$TARGETARCH",
        "ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-muslc-amd64 /tini-m",
        "ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static-amd64.asc /tini.asc",
      ),
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^3: tini-\$TARGETARCH is tini's glibc-linked build: download tini-static-<arch>.*apk add tini and run \/sbin\/tini/,
      ),
      expect.stringMatching(/^4: tini is tini's glibc-linked build/),
      expect.stringMatching(/^5: tini-arm64 is tini's glibc-linked build/),
    ]);
  });

  it("flags Node.js's glibc tarballs, not the -musl ones or the source", () => {
    const m = warnings(
      lines(
        "FROM debian:12",
        'RUN curl -fsSLO "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz"',
        'RUN curl -fsSLO "https://unofficial-builds.nodejs.org/download/release/v$V/node-v$V-linux-x64-musl.tar.xz"',
        'RUN curl -fsSLO "https://nodejs.org/dist/v$V/node-v$V.tar.xz"',
      ),
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^2: node-v\$NODE_VERSION-linux-\$ARCH\.tar\.xz is Node\.js's glibc build: apk add nodejs/,
      ),
    ]);
  });
});

describe("Rust's -gnu targets in a stage converted to Alpine", () => {
  const rust = lines(
    "FROM rust:1.82-bookworm AS builder",
    "WORKDIR /src",
    "COPY . .",
    "RUN rustup target add x86_64-unknown-linux-gnu && \\",
    "    cargo build --release --target=aarch64-unknown-linux-gnu",
    "RUN cp target/x86_64-unknown-linux-gnu/release/app /app",
    "",
    "FROM debian:12-slim",
    "COPY --from=builder /src/target/x86_64-unknown-linux-gnu/release/app /usr/local/bin/app",
    'CMD ["app"]',
  );

  it("flags rustup, cargo --target and target/<triple>/ paths with the musl triple", () => {
    const m = warnings(rust);
    expect(m).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^4: x86_64-unknown-linux-gnu is a glibc target triple \(Rust's, or a release asset's\); on Alpine \(rust:\*-alpine\) the host target is x86_64-unknown-linux-musl.*aarch64-unknown-linux-gnu is a glibc target triple.*aarch64-unknown-linux-musl/,
        ),
        expect.stringMatching(
          /^6: x86_64-unknown-linux-gnu is a glibc target triple.*--target x86_64-unknown-linux-musl writes target\/x86_64-unknown-linux-musl\//,
        ),
        expect.stringMatching(/^9: x86_64-unknown-linux-gnu is a glibc target triple/),
      ]),
    );
    // The local path is not also reported as a download to swap for a musl asset.
    expect(m.filter((w) => w.startsWith("6: "))).toHaveLength(1);
  });

  it("keeps flagging -gnu release downloads as downloads", () => {
    const m = warnings(
      lines(
        "FROM debian:12",
        "RUN curl -fsSL https://example.org/v1/tool-x86_64-unknown-linux-gnu.tar.gz | tar xz",
      ),
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^2: https:\/\/example\.org\/v1\/tool-x86_64-unknown-linux-gnu\.tar\.gz looks like a glibc build/,
      ),
    ]);
  });

  it("says nothing about -musl targets or stages left on Debian", () => {
    const musl = lines(
      "FROM rust:1.82-alpine",
      "RUN rustup target add x86_64-unknown-linux-musl && cargo build --target x86_64-unknown-linux-musl",
    );
    expect(warnings(musl)).toEqual([]);
    const kept = lines(
      "FROM registry.example/private/rust-builder:1 AS b",
      "RUN cargo build --target x86_64-unknown-linux-gnu",
    );
    expect(warnings(kept).filter((w) => /glibc target triple/.test(w))).toEqual([]);
  });
});

describe("Debian's Python layout", () => {
  it("flags dist-packages, a Debian python minor's EXTERNALLY-MANAGED and /usr/bin/python3.X", () => {
    const m = warnings(
      lines(
        "FROM ubuntu:jammy",
        "COPY --from=base /usr/local/lib/python3.10/dist-packages /usr/local/lib/python3.10/dist-packages",
        "ENV PYTHONPATH=/usr/lib/python3/dist-packages",
        "RUN rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED",
        "RUN ln -sf /usr/bin/python3.10 /usr/local/bin/python",
      ),
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^2: \/usr\/local\/lib\/python3\.10\/dist-packages is Debian's Python layout; .*site-packages/,
      ),
      expect.stringMatching(/^3: \/usr\/lib\/python3\/dist-packages is Debian's Python layout/),
      expect.stringMatching(
        /^4: \/usr\/lib\/python3\.11\/EXTERNALLY-MANAGED is Debian's python3\.11 marker; .*\/usr\/lib\/python3\*\/EXTERNALLY-MANAGED/,
      ),
      expect.stringMatching(
        /^5: \/usr\/bin\/python3\.10 is Debian's python3\.10; .*\/usr\/bin\/python3$/,
      ),
    ]);
  });

  it("leaves site-packages and python:*-slim paths alone, and flags a program once", () => {
    const m = warnings(
      lines(
        "FROM python:3.12-slim",
        "COPY --from=b /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages",
        'CMD ["/usr/bin/python3.11", "-m", "app"]',
      ),
    );
    expect(m).toEqual([expect.stringMatching(/^3: CMD starts python3\.11: python3\.11: Alpine/)]);
  });

  it("spares paths Alpine's release has too, when the release is known", () => {
    expect(debianPathNote("rm -f /usr/lib/python3.12/EXTERNALLY-MANAGED", "RUN", "3.23")).toBe(
      undefined,
    );
    expect(
      debianPathNote("rm -f /usr/lib/python3.12/EXTERNALLY-MANAGED", "RUN", "3.24")?.note,
    ).toMatch(/Alpine 3\.24's python3 is 3\.14: its file is \/usr\/lib\/python3\.14\//);
    expect(debianPathNote("PY=/usr/bin/python3.12", "ENV", "3.23")).toBe(undefined);
  });
});

describe.skipIf(!existsSync(aports))("Alpine's python3 minor per release", () => {
  it.each(KNOWN_RELEASES)("matches python3 in aports %s", (release) => {
    const index = readFileSync(join(aports, `aports-${release}.0-packages.tsv`), "utf8");
    const version = /^main\tpython3\tpython3\tmain\t(3\.\d+)\./m.exec(index)?.[1];
    expect(version).toBeDefined();
    expect(debianPathNote(`/usr/lib/python${version}/EXTERNALLY-MANAGED`, "RUN", release)).toBe(
      undefined,
    );
    expect(debianPathNote("/usr/lib/python3.9/EXTERNALLY-MANAGED", "RUN", release)?.note).toMatch(
      new RegExp(
        `python3 is ${version!.replace(".", "\\.")}: its file is /usr/lib/python${version}/`,
      ),
    );
  });
});

describe("Debian's PostgreSQL layout", () => {
  it("flags /etc/postgresql/N/main and /usr/lib/postgresql/N/bin, in CMD and ENTRYPOINT too", () => {
    const m = warnings(
      lines(
        "FROM debian:12",
        "ENV PATH=/usr/lib/postgresql/16/bin:$PATH",
        "COPY pg_hba.conf /etc/postgresql/16/main/pg_hba.conf",
        'ENTRYPOINT ["/usr/lib/postgresql/16/bin/postgres"]',
        'CMD ["-c", "config_file=/etc/postgresql/16/main/postgresql.conf"]',
        "RUN mkdir -p /var/run/postgresql",
      ),
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^2: \/usr\/lib\/postgresql\/16\/bin is Debian's per-version program directory; .*\/usr\/libexec\/postgresql16, linked into \/usr\/bin/,
      ),
      expect.stringMatching(
        /^3: \/etc\/postgresql\/16\/main is Debian's postgresql-common cluster configuration; .*data directory \(PGDATA\)/,
      ),
      expect.stringMatching(/^4: \/usr\/lib\/postgresql\/16\/bin is Debian's per-version/),
      expect.stringMatching(/^5: \/etc\/postgresql\/16\/main is Debian's postgresql-common/),
    ]);
  });

  it("names every hit of one instruction in its one warning", () => {
    const hit = debianPathNote(
      '["/usr/lib/postgresql/16/bin/postgres", "-c", "config_file=/etc/postgresql/16/main/postgresql.conf"]',
      "CMD",
    );
    expect(hit?.note).toMatch(
      /^\/usr\/lib\/postgresql\/16\/bin is .*; also, \/etc\/postgresql\/16\/main is /,
    );
  });
});

describe("apt and supervisor configuration written by COPY/ADD", () => {
  it("flags supervisor's conf.d destination with Alpine's /etc/supervisor.d/*.ini", () => {
    const m = warnings(lines("FROM debian:12", "COPY app.conf /etc/supervisor/conf.d/app.conf"));
    expect(m).toEqual([
      expect.stringMatching(
        /^2: \/etc\/supervisor\/conf\.d is Debian's supervisor include directory; Alpine's supervisord includes \/etc\/supervisor\.d\/\*\.ini/,
      ),
    ]);
  });

  it("names the nginx image's own conf.d, once for both sites directories", () => {
    const m = warnings(
      lines(
        "FROM nginx:1.27",
        "RUN ln -s /etc/nginx/sites-available/app /etc/nginx/sites-enabled/app",
      ),
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^2: .*the nginx image \(Debian and Alpine alike\) includes \/etc\/nginx\/conf\.d\/\*\.conf$/,
      ),
    ]);
  });

  it("says nothing about conf.d when supervisord is started with that file named", () => {
    const text = lines(
      "FROM debian:12",
      "COPY supervisord.conf /etc/supervisor/conf.d/supervisord.conf",
      'CMD ["/usr/bin/supervisord", "-c", "/etc/supervisor/conf.d/supervisord.conf"]',
    );
    expect(warnings(text).filter((w) => /supervisor/.test(w))).toEqual([]);
    // Debian's packaged main configuration named that way is still missing on Alpine.
    const main = lines(
      "FROM debian:12",
      'CMD ["supervisord", "-c", "/etc/supervisor/supervisord.conf"]',
    );
    expect(
      warnings(main).some((w) => /Alpine's supervisor reads \/etc\/supervisord\.conf/.test(w)),
    ).toBe(true);
  });

  it("flags a COPY/ADD destination under /etc/apt as apt-repos (heredocs too)", () => {
    const heredoc = debianPathNote("<<EOF /etc/apt/sources.list.d/x.list", "COPY");
    expect(heredoc).toEqual({
      index: 6,
      rule: "apt-repos",
      note: expect.stringMatching(
        /^COPY writes \/etc\/apt\/sources\.list\.d\/x\.list, apt's configuration, which apk does not read: delete it; .*\/etc\/apk\/repositories/,
      ),
    });
    expect(debianPathNote('["99proxy", "/etc/apt/apt.conf.d/"]', "ADD")?.rule).toBe("apt-repos");
    // A source under /etc/apt is a copy out of a Debian stage, not a write.
    expect(debianPathNote("--from=deb /etc/apt/sources.list /tmp/", "COPY")).toBe(undefined);
    // RUN writes under /etc/apt are flagged per pipeline by flagRepositories, not here.
    expect(debianPathNote("cp x.list /etc/apt/sources.list.d/", "RUN")).toBe(undefined);
  });

  it("gives each hit the rule it belongs to", () => {
    expect(
      debianPathNote("--from=b /src/target/x86_64-unknown-linux-gnu/release/a /a", "COPY")?.rule,
    ).toBe("glibc");
    expect(debianPathNote("x.conf /etc/supervisor/conf.d/", "COPY")?.rule).toBe("apt");
    expect(debianPathNote("CARGO_BUILD_TARGET=x86_64-unknown-linux-gnu", "ENV")).toEqual({
      index: 19,
      rule: "glibc",
      note: expect.stringMatching(/^x86_64-unknown-linux-gnu is a glibc target triple/),
    });
  });
});

// Needs stage.ts's flagDebianLayout to pass `ins.keyword, ctx.release` to debianPathNote and to
// warn with `hit.rule`: until then COPY/ADD destinations are not checked and every hit is "apt".
describe("through migrate, once stage.ts passes the keyword and release", () => {
  it("flags a COPY heredoc into /etc/apt as apt-repos, and glibc hits as glibc", () => {
    const r = migrate(
      lines(
        "FROM debian:12",
        "COPY <<EOF /etc/apt/sources.list.d/vendor.list",
        "deb https://vendor.example/apt stable main",
        "EOF",
        "ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-amd64 /tini",
        "RUN rm -f /usr/lib/python3.12/EXTERNALLY-MANAGED",
      ),
    );
    expect(r.warnings.map((w) => `${w.line} ${w.rule}: ${w.message}`)).toEqual([
      expect.stringMatching(/^2 apt-repos: COPY writes \/etc\/apt\/sources\.list\.d\/vendor\.list/),
      expect.stringMatching(/^5 glibc: tini-amd64 is tini's glibc-linked build/),
    ]);
  });
});
