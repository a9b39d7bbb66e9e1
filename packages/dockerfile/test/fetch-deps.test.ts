import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const BUILD_DEPS = [
  "FROM debian:12",
  "RUN set -eux; \\",
  '\tsaved="$(apt-mark showmanual)"; \\',
  "\tapt-get update; \\",
  "\tapt-get install -y --no-install-recommends ca-certificates curl make; \\",
  "\tcurl -fsSLo src.tgz https://example.org/src.tgz; \\",
  "\tmake; \\",
  "\tapt-mark auto '.*' > /dev/null; \\",
  "\tapt-get purge -y --auto-remove",
  "",
].join("\n");

describe("rule 2: ca-certificates as a temporary build dependency", () => {
  it("is dropped from .build-deps: Alpine's ca-certificates-bundle serves build-time TLS", () => {
    const r = migrate(BUILD_DEPS);
    expect(r.output).toContain("apk add --no-cache --virtual .build-deps curl make;");
    expect(r.output).not.toContain("ca-certificates");
    expect(r.packages.find((p) => p.debian === "ca-certificates")).toMatchObject({
      alpine: [],
      written: [],
      layer: "migrate-rule",
      reason: expect.stringMatching(/ca-certificates-bundle.*run time/),
    });
  });

  it("is dropped when the install is purged by name later in the same RUN", () => {
    const r = migrate(
      "FROM debian:12\nRUN apt-get install -y ca-certificates curl && curl -fsSO https://example.org/x && apt-get purge -y ca-certificates curl\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache --virtual .build-deps curl && curl -fsSO https://example.org/x && apk del --no-network .build-deps\n",
    );
  });

  it("is dropped from a package list in a variable of the same RUN, not from a stage ENV list", () => {
    const r = migrate(
      "FROM debian:12\nENV FETCH ca-certificates curl\nRUN deps='ca-certificates curl'; apt-get install -y $deps; curl -fsSO https://example.org/x; apt-get purge -y $deps\nRUN apt-get install -y $FETCH; apt-get purge -y $FETCH\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nENV FETCH ca-certificates curl\nRUN deps='curl'; apk add --no-cache --virtual .build-deps $deps; curl -fsSO https://example.org/x; apk del --no-network .build-deps\nRUN apk add --no-cache --virtual .build-deps $FETCH; apk del --no-network .build-deps\n",
    );
  });

  it("stays when installed for the runtime (not purged)", () => {
    const r = migrate("FROM debian:12\nRUN apt-get install -y ca-certificates curl\n");
    expect(r.output).toBe("FROM alpine:3.23\nRUN apk add --no-cache ca-certificates curl\n");
  });

  it("stays, with a warning, when apt-mark manual keeps it after the purge", () => {
    const text = BUILD_DEPS.replace(
      "\tmake; \\",
      "\tmake; \\\n\tapt-mark manual ca-certificates; \\",
    );
    const r = migrate(text);
    expect(r.output).toContain("--virtual .build-deps ca-certificates curl make;");
    expect(r.warnings).toContainEqual(
      expect.objectContaining({
        rule: "apt",
        line: 5,
        message: expect.stringMatching(/^ca-certificates is marked manual/),
      }),
    );
  });

  it("stays in build deps when the stage runs update-ca-certificates (custom CAs)", () => {
    const text = BUILD_DEPS.replace("\tmake; \\", "\tupdate-ca-certificates; make; \\");
    const r = migrate(text);
    expect(r.output).toContain("--virtual .build-deps ca-certificates curl make;");
  });

  it("takes the purge along when nothing of the temporary install is left", () => {
    const r = migrate(
      "FROM debian:12\nRUN apt-get install -y ca-certificates wget && wget -q https://example.org/x && apt-get purge -y ca-certificates wget\n",
    );
    expect(r.output).toBe("FROM alpine:3.23\nRUN wget -q https://example.org/x\n");
  });
});

/** The docker-library gosu step, as Debian images write it. */
function gosuRun(extra = ""): string {
  return [
    "ENV GOSU_VERSION 1.17",
    "RUN set -eux; \\",
    '\tsavedAptMark="$(apt-mark showmanual)"; \\',
    "\tapt-get update; \\",
    "\tapt-get install -y --no-install-recommends ca-certificates dirmngr gnupg wget; \\",
    "\trm -rf /var/lib/apt/lists/*; \\",
    `\tdpkgArch="$(dpkg --print-architecture | awk -F- '{ print $NF }')"; \\`,
    '\twget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch"; \\',
    '\twget -O /usr/local/bin/gosu.asc "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch.asc"; \\',
    '\texport GNUPGHOME="$(mktemp -d)"; \\',
    "\tgpg --batch --keyserver hkps://keys.openpgp.org --recv-keys B42F6819007F00F88E364FD4036A9C25BF357DD4; \\",
    "\tgpg --batch --verify /usr/local/bin/gosu.asc /usr/local/bin/gosu; \\",
    "\tcommand -v gpgconf && gpgconf --kill all || :; \\",
    '\trm -rf "$GNUPGHOME" /usr/local/bin/gosu.asc; \\',
    "\tapt-mark auto '.*' > /dev/null; \\",
    '\t[ -z "$savedAptMark" ] || apt-mark manual $savedAptMark > /dev/null; \\',
    "\tapt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \\",
    "\tchmod +x /usr/local/bin/gosu; \\",
    `${extra}\tgosu --version; \\`,
    "\tgosu nobody true",
  ].join("\n");
}

describe("rule 8: gosu downloaded from its releases", () => {
  const text = `FROM debian:12\n${gosuRun()}\nCOPY entry.sh /\nENTRYPOINT ["gosu", "app", "/entry.sh"]\nCMD gosu app id\n`;

  it("is kept by default, with a warning on the download line", () => {
    const r = migrate(text);
    expect(r.output).toContain("wget -O /usr/local/bin/gosu ");
    // gosu assets carry Debian arch names: dpkg (Alpine's prints musl-linux-amd64, awk keeps
    // amd64) joins the build deps and the arch line stays, as in docker-library's Alpine images.
    expect(r.output).toContain("apk add --no-cache --virtual .build-deps dpkg gnupg;");
    expect(r.output).toContain(`dpkgArch="$(dpkg --print-architecture | awk -F- '{ print $NF }')"`);
    expect(r.warnings.filter((x) => x.rule === "arch")).toEqual([]);
    expect(r.packages.find((p) => p.debian === "dpkg")).toMatchObject({ written: ["dpkg"] });
    expect(r.output).toContain('ENTRYPOINT ["gosu"');
    const w = r.warnings.find((x) => /gosu release download kept/.test(x.message));
    expect(w).toMatchObject({ rule: "tini-gosu", line: 9 });
    expect(w?.message).toContain("apk add --no-cache su-exec");
  });

  it("says how to switch it for CLI users (flag, config key) and library users (option)", () => {
    const w = migrate(text).warnings.find((x) => /gosu release download kept/.test(x.message));
    expect(w?.message).toContain("alpinize migrate --gosu su-exec");
    expect(w?.message).toContain('"migrate": {"gosu": "su-exec"} in alpinize.config.json');
    expect(w?.message).toContain('gosuDownload: "su-exec" in @alpinize/dockerfile');
    // One sentence: no full stop inside the message.
    expect(w?.message).not.toMatch(/\. /);
  });

  it("becomes apk add su-exec with gosuDownload: su-exec, and gosu calls follow", () => {
    const r = migrate(text, { gosuDownload: "su-exec" });
    expect(r.output).toBe(
      'FROM alpine:3.23\nRUN apk add --no-cache su-exec\nCOPY entry.sh /\nENTRYPOINT ["su-exec", "app", "/entry.sh"]\nCMD su-exec app id\n',
    );
    expect(r.packages).toContainEqual(
      expect.objectContaining({ debian: "gosu", alpine: ["su-exec"], written: ["su-exec"] }),
    );
    // gnupg, dirmngr, wget and ca-certificates served only the download: nothing records them.
    expect(r.packages.map((p) => p.debian)).toEqual(["gosu"]);
    expect(r.warnings.find((w) => w.rule === "tini-gosu")).toMatchObject({ line: 9 });
  });

  it("names in its warning only the steps the replaced RUN took", () => {
    const replaced = (run: string) =>
      migrate(`FROM debian:12\n${run}\n`, { gosuDownload: "su-exec" }).warnings.find(
        (w) => w.rule === "tini-gosu",
      )?.message;
    expect(replaced(gosuRun())).toMatch(
      /^gosu download, signature check and chmod replaced by `apk add --no-cache su-exec`;/,
    );
    const url = "https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64";
    expect(
      replaced(`RUN wget -O /usr/local/bin/gosu ${url} && chmod +x /usr/local/bin/gosu`),
    ).toMatch(/^gosu download and chmod replaced by/);
    expect(replaced(`RUN curl -fsSLo /usr/local/bin/gosu ${url}`)).toMatch(
      /^gosu download replaced by/,
    );
    expect(
      replaced(
        `RUN curl -fsSLo /usr/local/bin/gosu ${url}; echo "abc  /usr/local/bin/gosu" | sha256sum -c -; chmod 755 /usr/local/bin/gosu`,
      ),
    ).toMatch(/^gosu download, checksum check and chmod replaced by/);
  });

  it("keeps RUN flags and takes later RUN calls of gosu along", () => {
    const r = migrate(
      `FROM debian:12\n${gosuRun().replace("RUN set", "RUN --network=default set")}\nRUN gosu app true\nLABEL gosu=$GOSU_VERSION\n`,
      { gosuDownload: "su-exec" },
    );
    expect(r.output).toContain("RUN --network=default apk add --no-cache su-exec\n");
    expect(r.output).toContain("RUN su-exec app true\n");
    // GOSU_VERSION is still read by the LABEL, so its ENV stays.
    expect(r.output).toContain("ENV GOSU_VERSION 1.17\n");
  });

  it("is kept with a warning when the RUN does other work too", () => {
    const r = migrate(`FROM debian:12\n${gosuRun("\tmake install; \\\n")}\n`, {
      gosuDownload: "su-exec",
    });
    expect(r.output).toContain("wget -O /usr/local/bin/gosu ");
    expect(r.output).not.toContain("su-exec");
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/does more than fetch and verify gosu/),
    );
  });

  it("is kept when the fetch list holds a package the image keeps", () => {
    const r = migrate(`FROM debian:12\n${gosuRun().replace("gnupg wget", "gnupg wget tzdata")}\n`, {
      gosuDownload: "su-exec",
    });
    expect(r.output).toContain("tzdata");
    expect(r.output).not.toContain("su-exec");
  });

  it("is kept with a warning when fetched in a heredoc RUN", () => {
    const r = migrate(
      "FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSLo /usr/local/bin/gosu https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64\nchmod +x /usr/local/bin/gosu\nEOF\n",
      { gosuDownload: "su-exec" },
    );
    expect(r.output).toContain("curl -fsSLo /usr/local/bin/gosu");
    expect(r.warnings).toContainEqual(
      expect.objectContaining({
        rule: "tini-gosu",
        line: 4,
        message: expect.stringMatching(/kept/),
      }),
    );
  });

  it("translates the arch for an asset that is not gosu's", () => {
    const r = migrate(
      `FROM debian:12\nRUN savedAptMark="$(apt-mark showmanual)"; apt-get install -y curl; a="$(dpkg --print-architecture | awk -F- '{ print $NF }')"; curl -fsSLo /usr/local/bin/tool "https://example.org/tool-$a"; apt-get purge -y --auto-remove\n`,
    );
    expect(r.output).toContain('a="$(apk --print-arch');
    expect(r.output).toContain("--virtual .build-deps curl;");
  });

  it("leaves downloads of other tools alone", () => {
    const r = migrate(
      "FROM debian:12\nRUN curl -fsSLo /usr/local/bin/tool https://example.org/tool\n",
      {
        gosuDownload: "su-exec",
      },
    );
    expect(r.warnings.filter((w) => w.rule === "tini-gosu")).toEqual([]);
  });
});

describe("rule 4 with gosu: its release assets keep Debian architecture names", () => {
  const fetch =
    '\tdpkgArch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')"; \\\n\twget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/1.17/gosu-$dpkgArch"';

  it("keeps dpkg in an install of the same RUN that is not a build-deps one", () => {
    const r = migrate(
      `FROM debian:12\nRUN set -eux; \\\n\tapt-get update; apt-get install -y wget; \\\n${fetch}\n`,
    );
    expect(r.output).toContain("apk add --no-cache dpkg wget;");
    expect(r.output).toContain('dpkgArch="$(dpkg --print-architecture | awk');
  });

  it("maps apk's names back to Debian's when the RUN installs nothing", () => {
    const r = migrate(`FROM debian:12\nRUN set -eux; \\\n${fetch}\n`);
    expect(r.output).toContain(
      "dpkgArch=\"$(apk --print-arch | sed -e 's/^armhf$/armel/' -e 's/^armv7$/armhf/' -e 's/^x86_64$/amd64/'",
    );
  });
});

describe("packages Debian had through a library's Depends or modules", () => {
  it("lists tcl-dev with tk-dev (Debian's tk-dev depends on it)", () => {
    const r = migrate("FROM debian:12\nRUN apt-get update && apt-get install -y tk-dev gcc\n");
    expect(r.output).toContain("apk add --no-cache tk-dev tcl-dev gcc");
  });

  it("keeps ImageMagick's coder modules when only scanelf's libraries stay", () => {
    const text = [
      "FROM debian:12",
      "RUN apt-get update && apt-get install -y --no-install-recommends ghostscript",
      "RUN set -eux; \\",
      '\tsavedAptMark="$(apt-mark showmanual)"; \\',
      "\tapt-get install -y --no-install-recommends libmagickwand-dev gcc; \\",
      "\tmake; \\",
      "\tapt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; \\",
      "\tfind /usr/local -type f -executable -exec ldd '{}' ';' | awk '/=>/ { print $(NF-1) }' | sort -u | xargs -r dpkg-query --search | cut -d: -f1 | sort -u | xargs -r apt-mark manual; \\",
      "\tapt-get purge -y --auto-remove",
      "",
    ].join("\n");
    const r = migrate(text);
    expect(r.output).toContain("RUN apk add --no-cache ghostscript imagemagick\n");
    expect(r.output).toContain("--virtual .build-deps imagemagick-dev gcc");
    expect(r.warnings.some((w) => /added imagemagick for the modules/.test(w.message))).toBe(true);
    // Without the scan (the -dev package stays installed) nothing is added.
    const kept = migrate(
      "FROM debian:12\nRUN apt-get update && apt-get install -y libmagickwand-dev\n",
    );
    expect(kept.output).not.toMatch(/imagemagick\b(?!-dev)/);
  });

  it("keeps ICU's full locale data when only scanelf's libraries stay", () => {
    const text = [
      "FROM php:8.3-fpm",
      "RUN set -eux; \\",
      '\tsavedAptMark="$(apt-mark showmanual)"; \\',
      "\tapt-get install -y --no-install-recommends libicu-dev; \\",
      "\tdocker-php-ext-install intl; \\",
      "\tapt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; \\",
      "\tldd \"$(php -r 'echo ini_get(\"extension_dir\");')\"/*.so | awk '/=>/ { print $3 }' | sort -u | xargs -r dpkg-query -S | cut -d: -f1 | sort -u | xargs -rt apt-mark manual; \\",
      "\tapt-get purge -y --auto-remove",
      "",
    ].join("\n");
    const r = migrate(text);
    expect(r.output).toMatch(/apk add --no-cache[^\n]*icu-data-full/);
    expect(r.warnings.some((w) => /added icu-data-full for the modules/.test(w.message))).toBe(
      true,
    );
    // Without the scan the rule adds nothing; an icu-dev installed for good gets the data next
    // to it instead (test/icu-data.test.ts), so it is there once.
    const kept = migrate("FROM debian:12\nRUN apt-get update && apt-get install -y libicu-dev\n");
    expect(kept.output).toBe("FROM alpine:3.23\nRUN apk add --no-cache icu-dev icu-data-full\n");
    expect(kept.warnings).toEqual([]);
  });
});
