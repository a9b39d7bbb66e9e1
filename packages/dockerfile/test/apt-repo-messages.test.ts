import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const messages = (text: string, rule: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === rule)
    .map((w) => `${w.line}: ${w.message}`);

describe("apt-repos: each message says what the step does", () => {
  it("a sed that swaps Debian's or Ubuntu's mirror host is a mirror switch", () => {
    const m = messages(
      lines(
        "FROM debian:12",
        "RUN sed -i 's/deb.debian.org/mirrors.ustc.edu.cn/g' /etc/apt/sources.list.d/debian.sources",
        "FROM ubuntu:22.04",
        "RUN sed -i 's@//archive.ubuntu.com@//mirror.example.org@' /etc/apt/sources.list",
      ),
      "apt-repos",
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^2: this points apt at another mirror .*\/etc\/apk\/repositories.*dl-cdn\.alpinelinux\.org/,
      ),
      expect.stringMatching(/^4: this points apt at another mirror/),
    ]);
    expect(m.join("\n")).not.toMatch(/backports|another suite|third-party/);
  });

  it("enabling deb-src is about source packages, in a sed or a written list", () => {
    const r = migrate(
      lines(
        "FROM debian:12",
        "RUN sed -i 's/^Types: deb$/Types: deb deb-src/' /etc/apt/sources.list.d/debian.sources",
        "RUN sed -i 's/^# deb-src/deb-src/' /etc/apt/sources.list",
        'RUN echo "deb-src http://deb.debian.org/debian bookworm main" >> /etc/apt/sources.list',
      ),
    );
    const m = r.warnings.filter((w) => w.rule === "apt-repos").map((w) => w.message);
    expect(m).toHaveLength(3);
    for (const message of m) {
      expect(message).toMatch(/\(deb-src\b.*apt-get source and build-dep.*no source packages/);
      expect(message).not.toMatch(/third-party|backports|another suite/);
    }
    expect(m[2]).toMatch(/^apt's source-package list \(deb-src\) removed/);
    expect(r.output).not.toContain("deb-src http");
  });

  it("keeps a vendor's deb-src list (only Debian's own lists go), under the deb-src message", () => {
    const r = migrate(
      lines(
        "FROM debian:12",
        'RUN echo "deb-src $aptRepo" > /etc/apt/sources.list.d/pgdg.list && apt-get update',
      ),
    );
    expect(r.output).toContain('RUN echo "deb-src $aptRepo" > /etc/apt/sources.list.d/pgdg.list\n');
    expect(r.warnings.filter((w) => w.rule === "apt-repos").map((w) => w.message)).toEqual([
      expect.stringMatching(/^this enables apt's source packages \(deb-src/),
    ]);
  });

  it("keeps the backports wording for a backports list", () => {
    const m = messages(
      lines(
        "FROM debian:12",
        'RUN echo "deb http://deb.debian.org/debian bookworm-backports main" > /etc/apt/sources.list.d/bp.list',
      ),
      "apt-repos",
    );
    expect(m).toEqual([expect.stringMatching(/^2: Debian\/Ubuntu apt repository \(backports/)]);
  });
});
