import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUSYBOX_OPTIONS } from "../src/rules/gnu-options.js";
import { OPTIONLESS } from "../src/rules/gnu-tools.js";
import { migrate } from "./helpers.js";

const busyboxRule = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.rule === "busybox" && /added/.test(w.message));

describe("rule busybox: GNU tools busybox cannot stand in for", () => {
  it("adds GNU tar when a RUN reads back the mtimes of what tar extracted", () => {
    const r = migrate(
      [
        "FROM debian:12",
        "RUN set -eux; \\",
        "\ttar -C /usr/local -xzf go.tgz; \\",
        "\tSOURCE_DATE_EPOCH=\"$(stat -c '%Y' /usr/local/go)\"; \\",
        "\tfind /usr/local -newer /usr/local/go",
        "",
      ].join("\n"),
    );
    expect(r.output).toMatch(/^FROM alpine:3\.23\nRUN apk add --no-cache tar\nRUN set -eux;/);
    expect(busyboxRule(r)[0]?.message).toMatch(/directory mtimes, which stat reads/);
    expect(r.packages.find((p) => p.alpine.includes("tar"))?.layer).toBe("migrate-rule");
  });

  it("leaves busybox alone for calls its applets accept", () => {
    const text = [
      "FROM debian:12",
      "RUN tar -xzf x.tgz -C /opt --strip-components=1 --no-same-owner \\",
      " && find /opt -type f -name '*.pyc' -exec rm -rf '{}' + \\",
      " && sed -i.bak -e 's/a/b/' f && sed -ri 's/x/y/' g \\",
      " && grep -qE '^x' f && readlink -f /opt && ln -svfT a b && sort -u f | xargs -r echo",
      "",
    ].join("\n");
    const r = migrate(text);
    expect(busyboxRule(r)).toEqual([]);
    expect(r.output).not.toMatch(/apk add/);
  });

  it("adds GNU sed for the 0,/regexp/ address, which busybox sed accepts and ignores", () => {
    const r = migrate(
      "FROM debian:12\nRUN sed -i '0,/root/s//ROOT/' /etc/x && sed -i '1,/a/d' /etc/y\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache sed\nRUN sed -i '0,/root/s//ROOT/' /etc/x && sed -i '1,/a/d' /etc/y\n",
    );
    expect(busyboxRule(r)[0]?.message).toMatch(/0,\/regexp\/ address/);
  });

  it("puts the package in an apk add of the same RUN that runs before the call", () => {
    const r = migrate(
      "FROM debian:12\nRUN apt-get update && apt-get install -y curl && curl -s x | grep -oP 'v\\K\\d+'\n",
    );
    expect(r.output).toContain("RUN apk add --no-cache curl grep && curl -s x | grep -oP");
    expect(busyboxRule(r)[0]?.message).toMatch(/busybox grep rejects -P: added grep/);
  });

  it("never uses an apk add inside an if, nor one after the call", () => {
    const r = migrate(
      [
        "FROM debian:12",
        'RUN if [ -n "$X" ]; then apt-get install -y curl; fi; readlink -e /x; apt-get install -y git',
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN apk add --no-cache coreutils\nRUN if");
    expect(r.output).toContain(
      "then apk add --no-cache curl; fi; readlink -e /x; apk add --no-cache git",
    );
  });

  it("installs a tool the final stage's COPYed entrypoint needs for good", () => {
    const r = migrate(
      "FROM debian:12\nRUN apt-get update && apt-get install -y ca-certificates\nCOPY entrypoint.sh /e.sh\n",
      {
        readContextFile: (p) =>
          p === "entrypoint.sh"
            ? "#!/bin/sh\ncsplit -s -z -f x cert.pem '/BEGIN/' '{*}'\n"
            : undefined,
      },
    );
    expect(r.output).toContain("RUN apk add --no-cache ca-certificates coreutils\n");
    expect(busyboxRule(r)[0]?.message).toMatch(/entrypoint\.sh: csplit is not a busybox applet/);
  });

  it("adds a build-deps tool to the virtual package, where the RUN uses it", () => {
    const r = migrate(
      [
        "FROM debian:12",
        "RUN set -eux; \\",
        '\tsavedAptMark="$(apt-mark showmanual)"; \\',
        "\tapt-get update; apt-get install -y --no-install-recommends gcc make; \\",
        "\tmake; sort --human-numeric-sort a.txt; \\",
        "\tapt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; \\",
        "\tapt-get purge -y --auto-remove",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("apk add --no-cache --virtual .build-deps gcc make coreutils;");
    // Deleted with the virtual package: a later RUN that needs it gets its own.
    const two = migrate(
      "FROM debian:12\nRUN apt-get install -y gcc && readlink -e x && apt-get purge -y gcc\nRUN readlink -e y\n",
    );
    expect(two.output).toContain(
      "apk add --no-cache --virtual .build-deps gcc musl-dev coreutils && readlink",
    );
    expect(two.output).toMatch(/^FROM alpine:3\.23\nRUN apk add --no-cache coreutils\n/);
  });
});

describe("rule busybox: GNU long options respelled for busybox", () => {
  it("writes the short options of the same meaning instead of adding a package", () => {
    const r = migrate(
      [
        "FROM debian:12",
        'RUN echo "$SUM *x.tgz" | sha256sum --check --strict - \\',
        " && sort --unique --field-separator=':' --key=1,1 f | cut --delimiter=: --fields=1 \\",
        " && rm --recursive --force /tmp/x && xargs --null --max-args=1 echo < f",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("sha256sum -c - \\");
    expect(r.output).toContain("sort -u -t ':' -k 1,1 f | cut -d : -f 1");
    expect(r.output).toContain("rm -r -f /tmp/x && xargs -0 -n 1 echo < f");
    expect(r.output).not.toMatch(/apk add/);
    expect(r.warnings.filter((w) => w.rule === "busybox").map((w) => w.message)).toContain(
      "busybox sha256sum rejects --check --strict: rewritten with the busybox options of the same meaning",
    );
  });

  it("respells util-linux su's long options, and gives su -s /bin/bash its bash", () => {
    const r = migrate(
      'FROM debian:12\nRUN su --login root --command "echo hi"\nRUN su --shell=/bin/sh app -c id\nRUN su app -s /bin/bash -c "echo hi"\n',
    );
    expect(r.output).toContain('RUN su -l root -c "echo hi"\nRUN su -s /bin/sh app -c id\n');
    expect(r.output).toContain("RUN apk add --no-cache bash\n");
    expect(r.warnings.some((w) => /su starts bash/.test(w.message))).toBe(true);
    // No busybox twin: util-linux's su.
    expect(migrate("FROM debian:12\nRUN su -P app -c id\n").output).toContain(
      "apk add --no-cache util-linux-login",
    );
  });

  it("adds the package when one option has no busybox twin, and skips calls other rules remove", () => {
    const r = migrate(
      "FROM debian:12\nRUN sort --unique --human-numeric-sort f\nRUN rm --recursive --force /var/lib/apt/lists/*\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache coreutils\nRUN sort --unique --human-numeric-sort f\n",
    );
  });
});

// The option tables come from runs of busybox built with Alpine's configuration; when that
// binary is here (scripts/ci/install-busybox.sh builds it), check them against it again.
const CACHE = process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test";
const BUSYBOX = join(CACHE, "busybox-musl", "busybox");

describe.skipIf(!existsSync(BUSYBOX))("the option tables against real musl busybox", () => {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-bb-"));
  writeFileSync(join(dir, "x"), "x\n");
  writeFileSync(join(dir, "y"), "y\n");
  const rejects = (applet: string, option: string): boolean => {
    try {
      execFileSync(BUSYBOX, [applet, option, "x", "y"], {
        cwd: dir,
        stdio: ["ignore", "ignore", "pipe"],
        timeout: 5000,
      });
      return false;
    } catch (err) {
      const stderr = String((err as { stderr?: Buffer }).stderr ?? "");
      return /unrecognized option|invalid option|unknown option|unrecognized:/i.test(stderr);
    }
  };

  it("rejects every option the tables list", () => {
    const accepted: string[] = [];
    for (const [applet, spec] of Object.entries(BUSYBOX_OPTIONS)) {
      if (applet === "find") {
        for (const p of spec.primaries ?? [])
          if (!rejects("find", `-${p}`)) accepted.push(`find -${p}`);
        continue;
      }
      for (const l of spec.long ?? [])
        if (!rejects(applet, `--${l}`)) accepted.push(`${applet} --${l}`);
      for (const c of spec.short ?? "")
        if (!rejects(applet, `-${c}`)) accepted.push(`${applet} -${c}`);
    }
    rmSync(dir, { recursive: true, force: true });
    expect(accepted).toEqual([]);
  }, 60_000);

  it("has applets that read every option as a file name", () => {
    for (const applet of OPTIONLESS) {
      for (const option of ["--relative-to=/", "-m", "-e", "-s"]) {
        let stderr = "";
        try {
          execFileSync(BUSYBOX, [applet, option, "."], {
            cwd: "/",
            stdio: ["ignore", "pipe", "pipe"],
          });
        } catch (err) {
          stderr = String((err as { stderr?: Buffer }).stderr ?? "");
        }
        expect(stderr, `${applet} ${option}`).toContain(`${option}: No such file or directory`);
      }
    }
  });

  it("accepts options the rule lets through", () => {
    for (const [applet, option] of [
      ["tar", "--strip-components=1"],
      ["tar", "--no-same-owner"],
      ["grep", "-E"],
      ["sed", "-E"],
      ["readlink", "-f"],
      ["xargs", "-r"],
      ["find", "-executable"],
    ] as const) {
      expect(rejects(applet, option), `${applet} ${option}`).toBe(false);
    }
  });
});

describe("rule busybox: env and wrappers", () => {
  it("adds coreutils for env -S, and reads only the wrapper's own options", () => {
    const r = migrate('FROM debian:12\nRUN env -S "a b" true\n');
    expect(busyboxRule(r)[0]?.message).toMatch(/busybox env rejects -S: added coreutils/);
    const inner = migrate(
      "FROM debian:12\nRUN env FOO=1 ls -S /\nRUN timeout 5 ls --sort=size /\n",
    );
    expect(busyboxRule(inner).map((w) => w.message)).toEqual([
      expect.stringMatching(/busybox ls rejects --sort/),
    ]);
  });
});

describe("rule busybox: realpath", () => {
  it("adds coreutils for realpath with an option (busybox's realpath takes none)", () => {
    const r = migrate(
      'FROM debian:12\nRUN rel="$(realpath --relative-to=/opt /opt/app/bin)" && realpath /x -- -y\n',
    );
    expect(r.output).toMatch(/^FROM alpine:3\.23\nRUN apk add --no-cache coreutils\n/);
    expect(busyboxRule(r)[0]?.message).toMatch(
      /realpath takes no options \(it reads --relative-to/,
    );
  });

  it("leaves realpath without options to busybox", () => {
    const r = migrate("FROM debian:12\nRUN realpath /opt/x && realpath -- -odd-name\n");
    expect(r.output).not.toMatch(/apk add/);
  });
});

describe("rule busybox: mktemp templates", () => {
  it("adds coreutils for a template with fewer than six X's (musl's mkstemp needs six)", () => {
    const r = migrate(
      'FROM debian:12\nRUN d="$(mktemp -d)" && mktemp -d -t foo.XXXX\nRUN mktemp -t bar.XXXXXX\n',
    );
    expect(r.output).toMatch(/^FROM alpine:3\.23\nRUN apk add --no-cache coreutils\n/);
    expect(
      r.warnings.some((w) => /busybox mktemp needs six X's in foo\.XXXX/.test(w.message)),
    ).toBe(true);
  });
});

describe("rule busybox: calls behind wrappers and inside substitutions", () => {
  it("respells wrapped and find -exec calls, and adds packages for $( ) calls", () => {
    const r = migrate(
      "FROM debian:12\nRUN v=\"$(grep -P '\\d+' f)\" && echo `find . -printf %p`\nRUN sudo sort --unique f && find . -exec grep --quiet x {} \\; && ls | xargs grep --files-with-matches x\n",
    );
    expect(r.output).toMatch(/^FROM alpine:3\.23\nRUN apk add --no-cache grep findutils\n/);
    expect(r.output).toContain(
      "RUN sudo sort -u f && find . -exec grep -q x {} \\; && ls | xargs grep -l x\n",
    );
  });
});
