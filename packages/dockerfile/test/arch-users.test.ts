// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate, rules } from "./helpers.js";

const base = "FROM debian:trixie-slim\n";

describe("rule 4: architecture names", () => {
  it("swaps dpkg --print-architecture and translates the case labels it feeds", () => {
    const text = [
      "RUN set -eux; \\",
      '\tarch="$(dpkg --print-architecture)"; \\',
      '\tcase "$arch" in \\',
      "\t\t'amd64') v=1 ;; \\",
      "\t\tarm64 | armhf) v=2 ;; \\",
      "\t\tppc64el|i386) v=3 ;; \\",
      "\t\t*) exit 1 ;; \\",
      "\tesac",
      "",
    ].join("\n");
    const r = migrate(base + text);
    expect(r.output).toBe(
      `FROM alpine:3.23\n${text
        .replace("dpkg --print-architecture", "apk --print-arch")
        .replace("'amd64'", "'x86_64'")
        .replace("arm64 | armhf", "aarch64 | armv7")
        .replace("ppc64el|i386", "ppc64le|x86")}`,
    );
  });

  it("translates the Debian names that [ ], test and [[ ]] compare the value with", () => {
    const text = [
      "RUN set -eux; \\",
      '\tdpkgArch="$(dpkg --print-architecture)"; \\',
      "\tif [ \"$dpkgArch\" = 'arm64' ]; then echo a; fi; \\",
      '\tif test amd64 != "${dpkgArch}"; then echo b; fi; \\',
      '\t[ "$(dpkg --print-architecture)" = "ppc64el" ] && echo c; \\',
      '\t[ "$other" = arm64 ] && echo d',
      "",
    ].join("\n");
    const r = migrate(base + text);
    expect(r.output).toContain("if [ \"$dpkgArch\" = 'aarch64' ]");
    expect(r.output).toContain('if test x86_64 != "${dpkgArch}"');
    expect(r.output).toContain('[ "$(apk --print-arch)" = "ppc64le" ]');
    // A variable that does not hold the architecture is left alone.
    expect(r.output).toContain('[ "$other" = arm64 ]');
    expect(r.warnings.filter((w) => w.rule === "arch")).toEqual([]);
  });

  it("translates grep patterns that an echo of the value is piped into", () => {
    const text = [
      "RUN set -eux; \\",
      '\tarch="$(dpkg --print-architecture)"; \\',
      '\tif echo "$arch" | grep -qE "amd64|arm64"; then echo a; fi; \\',
      '\techo "$arch" | grep -q -e armhf -e armel && echo b; \\',
      '\tprintf "%s" "$arch" | grep -qx i386 && echo c; \\',
      '\techo "$arch" | grep -q "$WANT" && echo d',
      "",
    ].join("\n");
    const r = migrate(base + text);
    expect(r.output).toContain('if echo "$arch" | grep -qE "x86_64|aarch64"; then');
    // armhf → armv7 and armel → armhf in one pass, not armel → armhf → armv7.
    expect(r.output).toContain('echo "$arch" | grep -q -e armv7 -e armhf && echo b');
    expect(r.output).toContain('printf "%s" "$arch" | grep -qx x86 && echo c');
    // A pattern read at run time cannot be translated: that pipeline is flagged instead.
    const arch = r.warnings.filter((w) => w.rule === "arch");
    expect(arch).toHaveLength(1);
    expect(arch[0]?.line).toBe(7);
    expect(arch[0]?.message).toMatch(/Alpine architecture name/);
  });

  it("flags a test comparison it cannot translate (a glob of Debian names)", () => {
    const r = migrate(
      `${base}SHELL ["/bin/bash", "-c"]\nRUN a="$(dpkg --print-architecture)"; [[ $a == amd* ]] && echo x; [ "$a" = x86_64 ] && echo y\n`,
    );
    const arch = r.warnings.filter((w) => w.rule === "arch");
    expect(arch).toHaveLength(1);
    expect(arch[0]?.message).toMatch(/^amd\* is compared with what apk --print-arch prints/);
  });

  it("keeps Debian names in a variable nothing compares (it is data: a file, a URL)", () => {
    const r = migrate(
      `${base}RUN a="$(dpkg --print-architecture)"; echo "$a" | tr a-z A-Z > /arch\n`,
    );
    expect(r.output).toContain(`a="$(apk --print-arch | sed -e 's/^armhf$/armel/'`);
    expect(r.warnings.filter((w) => w.rule === "arch")).toHaveLength(0);
    const url = migrate(
      `${base}RUN ARCH="$(dpkg --print-architecture)" && curl -fsSLo /x "https://example.com/tool-linux-$ARCH"\n`,
    );
    expect(url.output).toContain("ARCH=\"$(apk --print-arch | sed -e 's/^armhf$/armel/'");
    expect(url.warnings.filter((w) => w.rule === "arch")).toEqual([]);
  });

  it("warns where a compared variable is also used in a URL", () => {
    const r = migrate(
      `${base}RUN ARCH="$(dpkg --print-architecture)" && [ "$ARCH" = amd64 ] && curl -fsSLo /x "https://example.com/tool-linux-$ARCH"\n`,
    );
    expect(r.output).toContain('ARCH="$(apk --print-arch)" && [ "$ARCH" = x86_64 ]');
    expect(r.warnings.find((w) => w.rule === "arch")?.message).toMatch(/Debian names/);
  });

  it("flags dpkg commands with no apk equivalent", () => {
    const r = migrate(`${base}RUN dpkg --add-architecture arm64\n`);
    expect(rules(r)).toEqual(["arch"]);
  });
});

describe("rule 5: users and groups", () => {
  it("converts groupadd/useradd the Charon way, with /sbin/nologin", () => {
    const r = migrate(
      `${base}RUN groupadd -g 1000 app && \\\n    useradd -u 1000 -g app -d /app -s /usr/sbin/nologin -M app\n`,
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN addgroup -g 1000 app && \\\n    adduser -D -u 1000 -G app -h /app -s /sbin/nologin -H app\n",
    );
  });

  it("maps system users, long options, supplementary groups and comments", () => {
    const r = migrate(
      `${base}RUN groupadd --system svc; useradd --system --gid svc --groups audio,video --comment "Service user" --create-home svc\n`,
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN addgroup -S svc; adduser -S -D -G svc -s /bin/sh -g 'Service user' svc && addgroup svc audio && addgroup svc video\n",
    );
  });

  it("gives useradd -r without -g the same-named group Debian would create", () => {
    const r = migrate(`${base}RUN useradd -r -u 1500 worker\n`);
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN addgroup -S -g 1500 worker && adduser -S -D -u 1500 -G worker -s /bin/sh -H worker\n",
    );
  });

  it("converts usermod -aG and gpasswd -a to addgroup", () => {
    const r = migrate(`${base}RUN usermod -aG docker,wheel app && gpasswd -a app audio\n`);
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN addgroup app docker && addgroup app wheel && addgroup app audio\n",
    );
  });

  it("keeps expansions as written", () => {
    const r = migrate(`${base}RUN useradd --uid 1001 --home-dir "$DATA" --gid app app\n`);
    expect(r.output).toBe('FROM alpine:3.23\nRUN adduser -D -u 1001 -G app -h "$DATA" -H app\n');
  });

  it("warns when IDs or names collide with Alpine's base users and groups", () => {
    const r = migrate(
      `${base}RUN groupadd -r -g 999 redis && useradd -r -g redis -u 999 redis && groupadd www-data\n`,
    );
    const messages = r.warnings.filter((w) => w.rule === "users").map((w) => w.message);
    expect(messages).toEqual([
      expect.stringMatching(/base group ping holds GID 999/),
      expect.stringMatching(/group www-data already exists/),
      // Alpine's www-data kept: GID 82, where Debian's is 33.
      expect.stringMatching(/^group www-data is GID 33 in Debian's base image and 82 in Alpine's/),
    ]);
    expect(r.warnings[0]).toMatchObject({ line: 2, column: 5 });
  });

  it("converts Debian's adduser/addgroup long options and leaves busybox-style calls", () => {
    const r = migrate(
      `${base}RUN addgroup --system --gid 800 data && adduser --system --group --uid 800 --home /var/lib/svc --shell /usr/sbin/nologin --quiet svc\nRUN adduser -D plain && adduser --disabled-password --gecos '' web\n`,
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN addgroup -S -g 800 data && addgroup -S svc && adduser -S -D -u 800 -G svc -h /var/lib/svc -s /sbin/nologin svc\nRUN adduser -D plain && adduser --disabled-password --gecos '' web\n",
    );
  });

  it("leaves usermod options busybox cannot express, adding shadow with a warning", () => {
    const r = migrate(`${base}RUN usermod -u 2000 app\n`);
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache shadow\nRUN usermod -u 2000 app\n",
    );
    expect(rules(r)).toEqual(["users"]);
  });
});

describe("rule 5: groups busybox must find by name", () => {
  it("names the group a numeric useradd -g means, and flags groups Alpine lacks", () => {
    const r = migrate(
      `${base}RUN groupadd -g 1000 app && useradd -u 1000 -g 1000 -G sudo,app -m web\nRUN useradd -g 2000 x\n`,
    );
    expect(r.output).toContain(
      "RUN addgroup -g 1000 app && adduser -D -u 1000 -G app web && addgroup -S sudo && addgroup web sudo && addgroup web app",
    );
    const msgs = r.warnings.filter((w) => w.rule === "users").map((w) => w.message);
    expect(msgs.some((m) => /group sudo is in Debian's base image but not Alpine's/.test(m))).toBe(
      true,
    );
    expect(msgs.some((m) => /group app is not/.test(m))).toBe(false);
    expect(msgs.some((m) => /useradd -g 2000: busybox adduser -G takes a group name/.test(m))).toBe(
      true,
    );
  });

  it("checks busybox-compatible Debian adduser/addgroup calls against Alpine's base names", () => {
    const r = migrate(
      'FROM debian:12\nRUN addgroup --system kvm\nRUN adduser --system --no-create-home ntp\nRUN adduser --disabled-password --gecos "" cron\nRUN addgroup --system app\n',
    );
    expect(r.warnings.map((w) => `${w.line}: ${w.message}`)).toEqual([
      "2: group kvm already exists in Alpine's base image (GID 34): its creation is dropped, as busybox would stop on it; the account keeps Alpine's IDs",
      "3: user ntp already exists in Alpine's base image (UID 123): its creation is dropped, as busybox would stop on it; the account keeps Alpine's IDs, home and shell; its primary group is Alpine's ntp (GID 123), not nogroup (GID 65534 on Debian) as Debian's adduser --system gives it: files the user makes get group ntp, and what relies on its GID being 65534 differs; if that matters, give the user a name Alpine's base lacks",
      // Debian's adduser gives a login user /home/cron and bash, which Alpine's cron lacks: kept.
      "4: user cron already exists in Alpine's base image (UID 16; this line asks for home /home/cron (Alpine's: /var/spool/cron), shell /bin/bash (Alpine's: /sbin/nologin)): busybox adduser stops on it (user 'cron' in use); drop this step and use Alpine's cron as Alpine has it (busybox has no usermod to change it), or give the user a name Alpine's base lacks",
    ]);
  });
});
