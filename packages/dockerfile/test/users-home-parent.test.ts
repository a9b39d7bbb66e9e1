import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("users: a home directory whose parent Alpine's base does not have", () => {
  // useradd -m and Debian's adduser make the missing parents; busybox adduser makes only the
  // last directory, prints an error, exits 0 and leaves the user without a home.
  it("makes the parent first for useradd -m -d", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN useradd -m -d /usr/src/app/home node2 && useradd -m -d /home/dev dev",
        "RUN id svc || useradd -r -m -d /var/www/svc svc",
        "RUN useradd -d /opt/a/b -M x",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      "RUN mkdir -p /usr/src/app && adduser -D -h /usr/src/app/home node2 && adduser -D -h /home/dev dev\n",
    );
    expect(r.output).toContain(
      "RUN id svc || { mkdir -p /var/www && addgroup -S svc && adduser -S -D -G svc -h /var/www/svc -s /bin/sh svc; }\n",
    );
    expect(r.output).toContain("RUN adduser -D -h /opt/a/b -H x\n");
  });

  it("makes the parent first for Debian's adduser --home, also one busybox reads as written", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN adduser --disabled-password --gecos '' --home /opt/app/home app",
        "RUN adduser --disabled-password --home /srv/b b && adduser --disabled-password --no-create-home --home /x/y c",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN mkdir -p /opt/app && adduser -D -h /opt/app/home -g '' app\n");
    expect(r.output).toContain(
      "RUN adduser --disabled-password --home /srv/b b && adduser --disabled-password --no-create-home --home /x/y c\n",
    );
  });
});
