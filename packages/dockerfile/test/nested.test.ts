import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { commandString } from "../src/rules/nested.js";
import { parseScript } from "../src/shell/script.js";
import { migrate, rules } from "./helpers.js";

/** The string a `sh -c` in the given RUN line runs, checked to parse as sh on its own. */
function innerParses(line: string): void {
  const m = /-c (['"])([\s\S]*)\1\s*$/.exec(line);
  if (!m) throw new Error(`no sh -c string in ${line}`);
  execFileSync("sh", ["-n", "-c", m[2]!], { stdio: "pipe" });
}

const firstCommand = (text: string) => {
  const item = parseScript(text).items[0];
  if (item?.kind !== "pipeline") throw new Error("no command");
  return item.commands[0]!;
};

describe("commandString", () => {
  it.each([
    ["bash -c 'apt-get update'", "'apt-get update'"],
    ["sh -ec 'x'", "'x'"],
    ["/bin/bash -o pipefail -c 'x'", "'x'"],
    ['bash --login -c "x"', '"x"'],
    ["sudo -u root sh -c 'x'", "'x'"],
    ["su -c 'x'", "'x'"],
    ["su postgres -c 'x'", "'x'"],
    ["su - app --command 'x'", "'x'"],
    ["flock -w 10 /tmp/l -c 'x'", "'x'"],
    ["sudo su -c 'x'", "'x'"],
  ])("finds the script of %s", (text, raw) => {
    expect(commandString(firstCommand(text))?.raw).toBe(raw);
  });

  it.each([
    ["sh script.sh 'apt-get'"],
    ["bash -e"],
    ["echo -c 'apt-get'"],
    ["sh -x 'apt-get'"],
    ["su app"],
    ["flock /tmp/l -- cmd -c 'x'"],
  ])("finds none in %s", (text) => {
    expect(commandString(firstCommand(text))).toBeUndefined();
  });
});

describe("apt-get inside sh -c strings", () => {
  it("converts a single-quoted bash -c like a RUN of its own", () => {
    const r = migrate(
      "FROM debian:12\nRUN bash -c 'apt-get update && apt-get install -y --no-install-recommends curl git && rm -rf /var/lib/apt/lists/*'\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache bash\nRUN bash -c 'apk add --no-cache curl git'\n",
    );
    expect(r.warnings.map((w) => w.message).join("\n")).not.toMatch(
      /not converted|apt's directories/,
    );
    expect(r.packages.filter((p) => p.debian === "curl")).toHaveLength(1);
  });

  it("converts a double-quoted string with nothing for the outer shell to expand", () => {
    const r = migrate(
      'FROM debian:12\nRUN sh -c "apt-get update && apt-get install -y libpq-dev"\n',
    );
    expect(r.output).toBe('FROM alpine:3.23\nRUN sh -c "apk add --no-cache postgresql-dev"\n');
  });

  it("leaves a double-quoted string with $ alone and flags it (the outer shell expands it)", () => {
    const text = 'FROM debian:12\nRUN sh -c "apt-get install -y $PKGS"\n';
    const r = migrate(text);
    expect(r.output).toBe(text.replace("debian:12", "alpine:3.23"));
    expect(r.warnings.find((w) => /not converted/.test(w.message))).toMatchObject({
      line: 2,
      column: 11,
    });
  });

  it("keeps line continuations, indentation and users inside the string, behind sudo", () => {
    const r = migrate(
      [
        "FROM ubuntu:24.04",
        "RUN sudo sh -c 'apt-get update \\",
        "      && apt-get install -y \\",
        "         python3-pip \\",
        "      && groupadd -g 1001 app && useradd -u 1001 -g app -m app'",
        "",
      ].join("\n"),
    );
    expect(r.output).toBe(
      [
        "FROM alpine:3.23",
        "RUN sudo sh -c 'apk add --no-cache \\",
        "         py3-pip \\",
        "      && addgroup -g 1001 app && adduser -D -u 1001 -G app app'",
        "",
      ].join("\n"),
    );
    innerParses(r.output.split("\n").slice(1, 4).join("\n").replaceAll("\\\n", ""));
  });

  it("drops a shell call left with nothing to do, and the RUN when that was all", () => {
    const r = migrate(
      "FROM debian:12\nRUN bash -c 'apt-get update'\nRUN echo a && bash -c 'apt-get update' && echo b\n",
    );
    // No bash left to run, so none installed; a string that only emptied takes no warning.
    expect(r.output).toBe("FROM alpine:3.23\nRUN echo a && echo b\n");
    expect(r.warnings).toEqual([]);
  });

  it("writes true into a string that empties inside a pipeline", () => {
    const r = migrate("FROM debian:12\nRUN bash -c 'apt-get update' | tee /log\n");
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache bash\nRUN bash -c 'true' | tee /log\n",
    );
  });

  it("puts everything back and flags when the Alpine form needs a quote the string cannot hold", () => {
    const text =
      'FROM debian:12\nRUN bash -c \'savedAptMark="$(apt-mark showmanual)"; apt-get update; apt-get install -y gcc; apt-mark auto ".*"; find /usr/local -type f -executable -exec ldd "{}" ";" | awk "/=>/ { print }" | xargs -r dpkg-query --search | cut -d: -f1 | sort -u | xargs -r apt-mark manual; apt-get purge -y --auto-remove\'\n';
    const r = migrate(text);
    expect(r.output).toBe(
      text
        .replace("debian:12", "alpine:3.23")
        .replace("RUN bash", "RUN apk add --no-cache bash\nRUN bash"),
    );
    expect(r.packages.filter((p) => p.debian === "gcc")).toHaveLength(0);
    expect(rules(r)).toContain("apt");
    expect(r.warnings.some((w) => /apt-get inside bash is not converted/.test(w.message))).toBe(
      true,
    );
  });

  it("converts the strings su -c and flock -c hand to a shell", () => {
    const r = migrate(
      [
        "FROM debian:12",
        'RUN su -c "apt-get update && apt-get install -y curl"',
        "RUN flock /tmp/apt.lock -c 'apt-get update && apt-get install -y --no-install-recommends git'",
        "RUN sudo su -c 'useradd -r app'",
        "",
      ].join("\n"),
    );
    expect(r.output).toBe(
      [
        "FROM alpine:3.23",
        'RUN su -c "apk add --no-cache curl"',
        "RUN flock /tmp/apt.lock -c 'apk add --no-cache git'",
        "RUN sudo su -c 'addgroup -S app && adduser -S -D -G app -s /bin/sh -H app'",
        "",
      ].join("\n"),
    );
    expect(r.warnings).toEqual([]);
  });

  it("converts a string inside a string", () => {
    const r = migrate(`FROM debian:12\nRUN sh -c 'bash -c "apt-get install -y vim"'\n`);
    expect(r.output).toBe(
      `FROM alpine:3.23\nRUN apk add --no-cache bash\nRUN sh -c 'bash -c "apk add --no-cache vim"'\n`,
    );
  });

  it("installs bash for a bash behind sudo", () => {
    const r = migrate("FROM debian:12\nRUN sudo bash -c 'make install'\n");
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache bash\nRUN sudo bash -c 'make install'\n",
    );
  });

  it("leaves strings without Debian tools untouched", () => {
    const text = "FROM debian:12\nRUN bash -c 'echo apt is fine; make -j4'\n";
    const r = migrate(text);
    expect(r.output).toBe(
      text
        .replace("debian:12", "alpine:3.23")
        .replace("RUN bash", "RUN apk add --no-cache bash\nRUN bash"),
    );
  });
});

describe("GNU options inside sh -c strings", () => {
  it("adds the GNU package for a call inside a string, as for a RUN", () => {
    const r = migrate("FROM debian:12\nRUN sh -c 'grep -P x /etc/hosts'\n");
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache grep\nRUN sh -c 'grep -P x /etc/hosts'\n",
    );
  });

  it("respells a long option busybox knows by its short name inside the string", () => {
    const r = migrate("FROM debian:12\nRUN sh -c 'sha256sum --check --strict sums'\n");
    expect(r.output).toBe("FROM alpine:3.23\nRUN sh -c 'sha256sum -c sums'\n");
  });
});

describe("verifier round (sh -c strings, heredoc chains, groupadd -f variables)", () => {
  it("rewrites dpkg --print-architecture inside a sh -c string once, not twice", () => {
    const r = migrate("FROM debian:12\nRUN sh -c 'echo $(dpkg --print-architecture)'\n");
    expect(r.output).toBe("FROM alpine:3.23\nRUN sh -c 'echo $(apk --print-arch)'\n");
  });

  it("never writes a single quote into a single-quoted string: sed's script goes in double quotes", () => {
    const text =
      "FROM debian:12\nRUN sh -c 'curl -o /x \"https://e.com/t-$(dpkg --print-architecture).tgz\" && apt-get install -y git'\n";
    const r = migrate(text);
    expect(r.output).toBe(
      `FROM alpine:3.23\nRUN sh -c 'curl -o /x "https://e.com/t-$(apk --print-arch | sed ${[
        ["armhf", "armel"],
        ["armv7", "armhf"],
        ["x86_64", "amd64"],
        ["aarch64", "arm64"],
        ["x86", "i386"],
        ["ppc64le", "ppc64el"],
        ["loongarch64", "loong64"],
      ]
        .map(([a, d]) => `-e "s/^${a}\\$/${d}/"`)
        .join(" ")}).tgz" && apk add --no-cache git'\n`,
    );
    expect(r.warnings).toEqual([]);
  });

  it("flags Debian-only programs inside a sh -c string", () => {
    const r = migrate("FROM debian:12\nRUN sh -c 'a2enmod rewrite'\n");
    expect(r.warnings.some((w) => /a2enmod is Debian's apache2 helper/.test(w.message))).toBe(true);
  });

  it("keeps || and && at heredoc line ends with true when the next line goes", () => {
    const r = migrate(
      "FROM debian:12\nRUN <<EOF\ngrep -q x /nonexistent ||\napt-get update\ntest -f /a &&\napt-get update\necho done\nEOF\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN <<EOF\ngrep -q x /nonexistent ||\ntrue\ntest -f /a &&\ntrue\necho done\nEOF\n",
    );
  });

  it("lets a groupadd -f group name from a variable expand in the lookup", () => {
    const r = migrate(
      'FROM debian:12\nARG G=app\nRUN groupadd -f $G && groupadd -f "$H" && groupadd -f users\n',
    );
    expect(r.output).toContain(
      `{ grep -q "^$G:" /etc/group || addgroup $G; } && { grep -q "^$H:" /etc/group || addgroup "$H"; } && { grep -q '^users:' /etc/group || addgroup users; }`,
    );
    expect(r.warnings.some((w) => /already exists on Alpine/.test(w.message))).toBe(false);
  });
});

describe("a pipeline removed whole around a converted string", () => {
  it("does not crash on overlapping edits, and says the string went too", () => {
    const r0 = migrate('FROM debian:12\nRUN sh -c "apt-get clean" | apt-mark manual curl\n');
    expect(r0.output).toBe("FROM alpine:3.23\n");
    // locale-gen piped into a shell that does work stays, flagged; the string is still converted.
    const r1 = migrate('FROM debian:12\nRUN locale-gen | sh -c "apt-get update"\n');
    expect(r1.output).toBe('FROM alpine:3.23\nRUN locale-gen | sh -c "true"\n');
    expect(r1.warnings[0]?.message).toMatch(/left as is; remove locale-gen from it by hand/);
    const r = migrate(
      'FROM debian:12\nRUN sh -c "apt-get install -y curl" | apt-mark manual curl\n',
    );
    expect(r.warnings.some((w) => /the sh -c string in it with it/.test(w.message))).toBe(true);
    // A debconf call piped from real work is left, flagged, rather than taking the work with it.
    const kept = migrate(
      'FROM debian:12\nRUN sh -c "apt-get install -y tzdata" | dpkg-reconfigure tzdata\n',
    );
    expect(kept.output).toBe(
      'FROM alpine:3.23\nRUN sh -c "apk add --no-cache tzdata" | dpkg-reconfigure tzdata\n',
    );
    expect(kept.warnings[0]?.message).toMatch(/this pipeline does other work: left as is/);
  });
});

describe("find -exec sh -c strings", () => {
  it("converts apt-get in them and keeps find when the string empties", () => {
    const r = migrate(
      "FROM debian:12\nRUN find / -name x -exec sh -c 'apt-get install -y curl' \\;\nRUN find /a -exec sh -c 'apt-get update' \\;\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN find / -name x -exec sh -c 'apk add --no-cache curl' \\;\nRUN find /a -exec sh -c 'true' \\;\n",
    );
  });

  it("flags dpkg -S in a find -exec bash -c loop (it would delete every file on Alpine)", () => {
    const r = migrate(
      "FROM debian:12\nRUN find /usr -name '*.pyc' -type f -exec bash -c 'for pyc; do dpkg -S \"$pyc\" > /dev/null || rm -vf \"$pyc\"; done' -- '{}' +\n",
    );
    expect(r.warnings.some((w) => /dpkg -S/.test(w.message))).toBe(true);
  });

  it("edits dpkg --print-architecture in a find -exec string once", () => {
    const r = migrate(
      "FROM debian:12\nRUN find /x -exec sh -c 'echo $(dpkg --print-architecture)' \\;\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN find /x -exec sh -c 'echo $(apk --print-arch)' \\;\n",
    );
  });
});

describe("bash for a RUN removed whole", () => {
  it("is not installed when the only bash call was in a RUN that went", () => {
    const r = migrate(
      "FROM debian:12\nRUN bash -c 'apt-get update && rm -rf /var/lib/apt/lists/*'\nRUN echo ok\n",
    );
    expect(r.output).toBe("FROM alpine:3.23\nRUN echo ok\n");
  });
});
