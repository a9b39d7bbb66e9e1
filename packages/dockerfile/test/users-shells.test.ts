import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const shellWarnings = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.rule === "users" && /login shell/.test(w.message));

describe("users: login shell paths before Alpine merged /bin into /usr/bin (3.23)", () => {
  it("moves zsh and bash to /bin and fish to /usr/bin on 3.22 and older", () => {
    const text = [
      "FROM debian:bookworm",
      "RUN apt-get install -y zsh fish",
      "RUN useradd -m -s /usr/bin/zsh a && useradd -m -s /usr/bin/bash b && useradd -m -s /bin/fish c",
      "",
    ].join("\n");
    for (const release of ["3.21", "3.22"]) {
      const r = migrate(text, { release });
      expect(r.output).toContain(
        "RUN adduser -D -s /bin/zsh a && adduser -D -s /bin/bash b && adduser -D -s /usr/bin/fish c\n",
      );
      const m = shellWarnings(r).map((w) => w.message);
      expect(m).toHaveLength(3);
      expect(m[0]).toBe(
        `login shell /usr/bin/zsh is /bin/zsh on Alpine ${release}, whose /bin and /usr/bin are still apart (merged from 3.23 on): rewritten`,
      );
      // bash is still added for a login shell written as /usr/bin/bash.
      expect(r.output).toMatch(/apk add --no-cache .*\bbash\b/);
    }
  });

  it("keeps the path as written from 3.23 on, where both directories are one", () => {
    const text =
      "FROM debian:bookworm\nRUN useradd -m -s /usr/bin/zsh a && useradd -s /bin/fish c\n";
    for (const release of ["3.23", "3.24"]) {
      const r = migrate(text, { release });
      expect(r.output).toContain(
        "RUN adduser -D -s /usr/bin/zsh a && adduser -D -s /bin/fish -H c\n",
      );
      expect(shellWarnings(r)).toEqual([]);
    }
  });

  it("leaves paths that are right already, and variables, alone", () => {
    const r = migrate(
      'FROM debian:bookworm\nRUN useradd -m -s /bin/bash a && useradd -m -s "$LOGIN_SHELL" b && useradd -m -s /usr/local/bin/x c\n',
      { release: "3.22" },
    );
    expect(r.output).toContain(
      'RUN adduser -D -s /bin/bash a && adduser -D -s "$LOGIN_SHELL" b && adduser -D -s /usr/local/bin/x c\n',
    );
    expect(shellWarnings(r)).toEqual([]);
  });

  it("reads Debian adduser --shell the same way", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN adduser --quiet --disabled-password --shell /usr/bin/zsh dev\n",
      { release: "3.22" },
    );
    expect(r.output).toContain("RUN adduser -D -s /bin/zsh dev\n");
  });

  it("warns about a shell whose Alpine directory before 3.23 is not known", () => {
    const r = migrate("FROM debian:bookworm\nRUN useradd -m -s /usr/bin/tcsh dev\n", {
      release: "3.22",
    });
    expect(r.output).toContain("RUN adduser -D -s /usr/bin/tcsh dev\n");
    const [w] = shellWarnings(r);
    expect(w?.message).toMatch(/login shell \/usr\/bin\/tcsh: .*apk info -L/);
  });
});
