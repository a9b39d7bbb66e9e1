// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate, rules } from "./helpers.js";

describe("rule 6: shells", () => {
  it("keeps bash for a RUN whose {a,b} list only bash expands", () => {
    const r = migrate('FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN mkdir -p /app/{logs,data}\n');
    expect(r.output).toContain('SHELL ["/bin/bash", "-c"]');
    expect(r.output).toMatch(/apk add --no-cache bash/);
    // Debian's /bin/sh (dash) left the list as written too: nothing to keep.
    const sh = migrate("FROM debian:12\nRUN mkdir -p /app/{logs,data}\n");
    expect(sh.output).not.toContain("bash");
  });

  it("moves SHELL to ash when no RUN after it needs bash", () => {
    const r = migrate(
      'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsS x | tar -x\n',
    );
    expect(r.output).toBe(
      'FROM alpine:3.23\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN curl -fsS x | tar -x\n',
    );
  });

  it("keeps a bash SHELL that stages built FROM this one run their RUN lines with", () => {
    const text =
      'FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN [[ -n "$X" ]] && echo "${X^^}"\n';
    const r = migrate(text);
    expect(r.output).toBe(
      'FROM alpine:3.23 AS base\nRUN apk add --no-cache bash\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN [[ -n "$X" ]] && echo "${X^^}"\n',
    );
    expect(r.warnings[0]?.message).toMatch(/a stage built FROM this one \(line 4\)/);
    // A child that sets its own SHELL first does not count; nor does one built on another stage.
    for (const child of [
      'FROM base\nSHELL ["/bin/sh", "-c"]\nRUN echo ok\n',
      'FROM debian:12\nRUN [[ -n "$X" ]] && echo "${X^^}"\n',
    ]) {
      const own = migrate(
        `FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN true\n${child}`,
      );
      expect(own.output).toContain('SHELL ["/bin/ash", "-o", "pipefail", "-c"]');
    }
  });

  it("keeps a bash SHELL and installs bash before it when RUN lines use bash features", () => {
    const text =
      'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN if [[ -n "$X" ]]; then echo "${X//a/b}"; fi\n';
    const r = migrate(text);
    expect(r.output).toBe(
      `FROM alpine:3.23\nRUN apk add --no-cache bash\n${text.split("\n").slice(1).join("\n")}`,
    );
    expect(rules(r)).toContain("shell");
  });

  it("never installs a lasting bash into a build-deps virtual package that is deleted again", () => {
    const text = [
      "FROM debian:12",
      "RUN set -eux; \\",
      '  savedAptMark="$(apt-mark showmanual)"; \\',
      "  apt-get update; apt-get install -y gcc make; \\",
      "  make; \\",
      "  apt-mark auto '.*'; apt-mark manual $savedAptMark; \\",
      "  apt-get purge -y --auto-remove",
      'SHELL ["/bin/bash", "-c"]',
      "RUN [[ -d /x ]] && echo ok",
      "",
    ].join("\n");
    const r = migrate(text);
    expect(r.output).toContain("apk add --no-cache --virtual .build-deps gcc musl-dev make;");
    expect(r.output).toContain('RUN apk add --no-cache bash\nSHELL ["/bin/bash", "-c"]');
    // An existing virtual apk add is no place for bash either.
    const apk = migrate(
      'FROM debian:12\nRUN apk add --no-cache --virtual .tmp gcc && apk del .tmp\nSHELL ["/bin/bash", "-c"]\nRUN [[ -d /x ]]\n',
    );
    expect(apk.output).toContain("--virtual .tmp gcc && apk del");
    expect(apk.output).toContain('RUN apk add --no-cache bash\nSHELL ["/bin/bash", "-c"]');
  });

  it("installs bash for a heredoc script with a bash shebang", () => {
    const r = migrate(
      "FROM debian:12\nRUN <<EOF\n#!/bin/bash\nset -e\napt-get install -y curl\nEOF\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache bash\nRUN <<EOF\n#!/bin/bash\nset -e\napk add --no-cache curl\nEOF\n",
    );
  });

  it("adds bash to the stage's apk add for a bash entrypoint, script or login shell", () => {
    const r = migrate(
      'FROM debian:12\nRUN apt-get install -y curl\nENTRYPOINT ["/bin/bash", "-c", "run"]\n',
    );
    expect(r.output).toContain("RUN apk add --no-cache curl bash\n");
    const script = migrate("FROM debian:12\nRUN apt-get install -y curl\nCOPY run.sh /run.sh\n", {
      readContextFile: (p) => (p === "run.sh" ? "#!/usr/bin/env bash\necho hi\n" : undefined),
    });
    expect(script.output).toContain("apk add --no-cache curl bash");
    expect(script.warnings.some((w) => /run\.sh has a bash shebang/.test(w.message))).toBe(true);
  });
});

describe("commands of COPYed scripts as package-map context", () => {
  it("lets an entrypoint that runs envsubst pick the smallest gettext package", () => {
    const text = "FROM debian:12\nRUN apt-get install -y gettext-base\nCOPY entry.sh /entry.sh\n";
    const withScript = migrate(text, {
      readContextFile: (p) =>
        p === "entry.sh" ? '#!/bin/sh\nenvsubst < /t > /c\nexec "$@"\n' : undefined,
    });
    expect(withScript.output).toContain("RUN apk add --no-cache gettext-envsubst\n");
    expect(migrate(text).output).toContain("RUN apk add --no-cache gettext\n");
  });
});

describe("rule 7: Go DNS and DEBIAN_FRONTEND", () => {
  it("adds GODEBUG=netdns=go to a single golang stage that builds with cgo, not without a compiler", () => {
    const cgo = migrate(
      'FROM golang:1.25\nRUN apt-get update && apt-get install -y gcc libsqlite3-dev\nRUN go build -o /app .\nCMD ["/app"]\n',
    );
    expect(cgo.output).toContain("FROM golang:1.25-alpine\nENV GODEBUG=netdns=go\n");
    const plain = migrate('FROM golang:1.25\nRUN go build -o /app .\nCMD ["/app"]\n');
    expect(plain.output).not.toContain("GODEBUG");
  });

  const goFile = [
    "ARG DEBIAN_FRONTEND=noninteractive",
    "FROM golang:1.25-trixie AS build",
    "ENV DEBIAN_FRONTEND=noninteractive CGO_ENABLED=1",
    "RUN go build -o /app .",
    "FROM debian:trixie-slim",
    "ENV DEBIAN_FRONTEND noninteractive",
    "COPY --from=build /app /app",
    "",
  ].join("\n");

  it("adds GODEBUG=netdns=go to a final stage that ships a Go binary, once", () => {
    const r = migrate(goFile);
    expect(r.output).toBe(
      [
        "FROM golang:1.25-alpine AS build",
        // The Debian tag had gcc for cgo; the -alpine tag gets it (go-cgo.ts).
        "RUN apk add --no-cache gcc musl-dev",
        "ENV CGO_ENABLED=1",
        "RUN go build -o /app .",
        "FROM alpine:3.23",
        "ENV GODEBUG=netdns=go",
        "COPY --from=build /app /app",
        "",
      ].join("\n"),
    );
  });

  it("adds nothing when the final stage ships no Go binary", () => {
    const r = migrate(
      "FROM node:22 AS web\nFROM debian:12\nCOPY --from=web /dist /dist\nCOPY app /app\n",
    );
    expect(r.output).not.toContain("GODEBUG");
  });
});

describe("rule 8: tini and gosu", () => {
  it("moves a packaged tini to /sbin/tini and gosu to su-exec", () => {
    const r = migrate(
      'FROM debian:12\nRUN apt-get install -y tini gosu && gosu nobody true\nENTRYPOINT ["/usr/bin/tini", "--", "gosu", "app"]\n',
    );
    expect(r.output).toBe(
      'FROM alpine:3.23\nRUN apk add --no-cache tini su-exec && su-exec nobody true\nENTRYPOINT ["/sbin/tini", "--", "su-exec", "app"]\n',
    );
    expect(r.packages.find((p) => p.debian === "gosu")).toMatchObject({
      alpine: ["su-exec"],
      layer: "migrate-rule",
    });
  });

  it("moves tini and gosu in a child stage's ENTRYPOINT/CMD when the parent installed them", () => {
    const r = migrate(
      'FROM debian:12 AS base\nRUN apt-get install -y tini gosu\nFROM base AS mid\nFROM mid\nENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["gosu", "nobody", "app"]\n',
    );
    expect(r.output).toBe(
      'FROM alpine:3.23 AS base\nRUN apk add --no-cache tini su-exec\nFROM base AS mid\nFROM mid\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["su-exec", "nobody", "app"]\n',
    );
  });

  it("moves gosu called by its path in ENTRYPOINT/CMD", () => {
    const r = migrate(
      'FROM debian:12\nRUN apt-get install -y tini gosu\nENTRYPOINT ["/usr/bin/tini", "--", "/usr/sbin/gosu", "nobody"]\n',
    );
    expect(r.output).toContain('ENTRYPOINT ["/sbin/tini", "--", "su-exec", "nobody"]\n');
  });

  it("points Debian's /usr/bin/tini-static at Alpine's /sbin/tini", () => {
    const r = migrate(
      'FROM debian:12\nRUN apt-get install -y tini\nENTRYPOINT ["/usr/bin/tini-static", "-g", "--"]\n',
    );
    expect(r.output).toBe(
      'FROM alpine:3.23\nRUN apk add --no-cache tini\nENTRYPOINT ["/sbin/tini", "-g", "--"]\n',
    );
  });

  it("leaves a tini that was not installed from packages", () => {
    const text = 'FROM debian:12\nCOPY tini /usr/bin/tini\nENTRYPOINT ["/usr/bin/tini"]\n';
    expect(migrate(text).output).toBe(text.replace("debian:12", "alpine:3.23"));
  });
});

describe("rules 9-11: glibc downloads, locales, third-party repositories", () => {
  it("warns about glibc-only downloads", () => {
    const r = migrate(
      "FROM debian:12\nRUN curl -fsSLO https://example.com/tool-x86_64-unknown-linux-gnu.tar.gz\nADD https://example.com/x.deb /tmp/\n",
    );
    expect(r.warnings.filter((w) => w.rule === "glibc")).toHaveLength(1);
    expect(r.warnings[0]?.message).toMatch(/musl.*gcompat/);
  });

  it("removes locale generation and the locales package, with a note", () => {
    const r = migrate(
      "FROM debian:12\nRUN apt-get install -y locales curl && sed -i 's/# en_US.UTF-8/en_US.UTF-8/' /etc/locale.gen && locale-gen\nENV LANG=en_US.UTF-8\n",
    );
    expect(r.output).toBe("FROM alpine:3.23\nRUN apk add --no-cache curl\nENV LANG=en_US.UTF-8\n");
    expect(r.warnings.some((w) => w.rule === "locales" && /musl-locales/.test(w.message))).toBe(
      true,
    );
  });

  it("flags third-party apt repositories and keeps them", () => {
    const text =
      "FROM debian:12\nRUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -\nRUN echo 'deb [signed-by=/usr/share/keyrings/x.gpg] https://x stable main' > /etc/apt/sources.list.d/x.list\n";
    const r = migrate(text);
    expect(r.output).toContain(text.split("\n").slice(1).join("\n"));
    expect(r.warnings.filter((w) => w.rule === "apt-repos").map((w) => w.line)).toEqual([2, 3]);
  });
});

describe("locale removal says what musl does not do", () => {
  it("mentions collation, and ICU with the asked locale on postgres images", () => {
    const r = migrate("FROM postgres:16\nRUN localedef -i fr_FR -c -f UTF-8 fr_FR.UTF-8\n");
    expect(r.warnings[0]?.message).toMatch(/does not collate .*--icu-locale=fr-FR/);
    const plain = migrate("FROM debian:12\nRUN locale-gen en_US.UTF-8\n");
    expect(plain.warnings[0]?.message).toMatch(/sorting follows byte order; musl-locales/);
  });
});

describe("a stage built FROM another inherits what that one installed", () => {
  it("adds no second bash to a child stage whose parent installed it", () => {
    const r = migrate(
      'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y bash curl\nUSER app\nFROM base\nCMD ["bash","-c","curl x"]\n',
    );
    expect(r.output.match(/bash/g)).toHaveLength(2);
    expect(r.output).not.toContain("USER root");
  });

  it("flags a parent's gosu CMD that a child inherits after its gosu became su-exec", () => {
    const text = [
      "FROM debian:12 AS base",
      'CMD ["gosu", "nobody", "sh"]',
      "FROM base AS child",
      "RUN apt-get update && apt-get install -y gosu curl",
      "",
    ].join("\n");
    const r = migrate(text);
    expect(r.output).toContain("RUN apk add --no-cache su-exec curl\n");
    const inherited = r.warnings.filter((w) => /inherits this CMD/.test(w.message));
    expect(inherited).toHaveLength(1);
    expect(inherited[0]).toMatchObject({ line: 2 });
    expect(inherited[0]?.message).toMatch(/stage child .*own CMD calling su-exec/);
    // The child's own CMD, or gosu fetched by the parent, leaves nothing to flag.
    const own = migrate(`${text}CMD ["su-exec", "nobody", "sh"]\n`);
    expect(own.warnings.some((w) => /inherits this CMD/.test(w.message))).toBe(false);
  });

  it("switches to root once for everything it inserts at one place", () => {
    const r = migrate(
      "FROM debian:12 AS base\nUSER app\nFROM base\nENV TZ=Europe/Oslo\nRUN chown www-data /srv\n",
    );
    expect(r.output).toContain(
      "FROM base\nUSER root\nRUN adduser -u 82 -D -S -H -G www-data www-data\nRUN apk add --no-cache tzdata\nUSER app\nENV TZ",
    );
  });

  it("declares the parent's ARG again when the USER it restores reads one", () => {
    const r = migrate(
      "FROM debian:12 AS base\nARG UID=1000\nUSER ${UID}:${UID}\nFROM base\nENV TZ=Europe/Rome\n",
    );
    expect(r.output).toContain(
      "FROM base\nUSER root\nRUN apk add --no-cache tzdata\nARG UID=1000\nUSER ${UID}:${UID}\nENV TZ",
    );
    // An ENV crosses stages by itself.
    const env = migrate(
      "FROM debian:12 AS base\nENV UID=1000\nUSER ${UID}\nFROM base\nENV TZ=Europe/Rome\n",
    );
    expect(env.output).toContain("RUN apk add --no-cache tzdata\nUSER ${UID}\n");
  });
});
