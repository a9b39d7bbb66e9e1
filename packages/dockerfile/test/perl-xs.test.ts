import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const run = (...l: string[]) => migrate([...l, ""].join("\n"));

describe("perl-dev for Perl modules built from source", () => {
  it("goes next to build-essential when cpanm builds a module, with its reason", () => {
    const r = run(
      "FROM debian:bookworm",
      "RUN apt-get update && apt-get install -y build-essential cpanminus libpq-dev && cpanm DBD::Pg",
    );
    expect(r.output).toContain(
      "RUN apk add --no-cache build-base perl-dev perl-app-cpanminus postgresql-dev && cpanm DBD::Pg",
    );
    const rec = r.packages.find((p) => p.alpine.includes("perl-dev"));
    expect(rec).toMatchObject({ debian: "build-essential", layer: "migrate-rule", kind: "split" });
    expect(rec?.reason).toMatch(/perl\.h/);
  });

  it("sees cpan, perl -MCPAN, Makefile.PL, Build.PL, cpm and carton, also in a later stage", () => {
    const installs = [
      "cpan -i Net::SSLeay XML::LibXML",
      "perl -MCPAN -e 'install DBI'",
      "cd /src/Foo && perl Makefile.PL && make && make install",
      "perl Build.PL && ./Build install",
      "cpm install -g DBD::mysql",
      "carton install --deployment",
    ];
    for (const cmd of installs) {
      const r = run(
        "FROM debian:bookworm-slim AS base",
        "RUN apt-get update && apt-get install -y --no-install-recommends gcc make perl libssl-dev",
        "FROM base AS deps",
        `RUN ${cmd}`,
      );
      expect(r.output, cmd).toContain(
        "apk add --no-cache gcc musl-dev make perl perl-dev openssl-dev",
      );
    }
  });

  it("follows a compiler installed in a parent stage", () => {
    const r = run(
      "FROM debian:bookworm AS tools",
      "RUN apt-get update && apt-get install -y build-essential",
      "FROM tools",
      "RUN apt-get update && apt-get install -y cpanminus && cpanm XML::LibXML",
    );
    expect(r.output).toContain("RUN apk add --no-cache perl-app-cpanminus perl-dev && cpanm");
  });

  it("adds nothing without a compiler, without a source install, or on the perl image", () => {
    const cases = [
      ["FROM debian:bookworm", "RUN apt-get update && apt-get install -y cpanminus && cpanm JSON"],
      ["FROM debian:bookworm", "RUN apt-get update && apt-get install -y build-essential perl"],
      [
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get install -y build-essential libapp-cpanminus-perl",
      ],
      ["FROM perl:5.40", "RUN apt-get update && apt-get install -y libpq-dev && cpanm DBD::Pg"],
      [
        "FROM perl:5.40-slim",
        "RUN apt-get update && apt-get install -y build-essential libpq-dev && cpanm DBD::Pg",
      ],
    ];
    for (const lines of cases) {
      const r = run(...lines);
      expect(r.output, lines.join("\n")).not.toContain("perl-dev");
    }
  });

  it("is not added twice when libperl-dev is in the list", () => {
    const r = run(
      "FROM debian:bookworm",
      "RUN apt-get update && apt-get install -y build-essential libperl-dev && cpanm DBI",
    );
    expect(r.output.match(/perl-dev/g)).toHaveLength(1);
  });
});
