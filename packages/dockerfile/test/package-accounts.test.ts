import { describe, expect, it } from "vitest";
import { packageAccount } from "../src/rules/package-accounts.js";
import { migrate } from "./helpers.js";

const users = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.rule === "users").map((w) => w.message);

const BIND =
  "bind is the account Debian's bind9 package uses, working in /var/cache/bind (Alpine's bind works in /var/bind, its named.conf `directory`); Alpine's bind package creates named:named instead (no bind)";
const CACHE_DIR = (line: number) =>
  `line ${line} names /var/cache/bind, the working directory of Debian's bind9 (its named.conf \`directory\`); Alpine's bind package works in /var/bind and makes no /var/cache/bind: use /var/bind there, unless your own named.conf sets /var/cache/bind (this line is not rewritten)`;

describe("users: service accounts a package names differently on Alpine", () => {
  it("renames bind to named in chown, chgrp, COPY --chown and USER, and flags named -u bind", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get install -y bind9 && rm -rf /var/lib/apt/lists/*",
        "RUN chown -R bind:bind /var/cache/bind && chgrp bind /etc/bind",
        "COPY --chown=bind:bind named.conf /etc/bind/",
        "USER bind",
        'CMD ["named", "-f", "-u", "bind"]',
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      "RUN chown -R named:named /var/cache/bind && chgrp named /etc/bind\nCOPY --chown=named:named named.conf /etc/bind/\nUSER named\n",
    );
    expect(r.output).toContain('CMD ["named", "-f", "-u", "bind"]');
    expect(users(r)).toEqual([
      CACHE_DIR(3),
      `${BIND}: renamed bind to named as owner (lines 3, 4, 5)`,
      `line 6 names bind: ${BIND}, so write named there (this line is not rewritten)`,
    ]);
    const again = migrate(r.output);
    expect(again.output).toBe(r.output);
    expect(users(again)).toEqual([]);
  });

  it("warns at Debian's bind9 working directory wherever the stage names it, not at lookalikes", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get install -y bind9",
        "VOLUME /var/cache/bind",
        "COPY db.example /var/cache/bind/db.example",
        "RUN mkdir -p /var/cache/bind9 /srv/var/cache/bind",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      "VOLUME /var/cache/bind\nCOPY db.example /var/cache/bind/db.example\n",
    );
    expect(users(r)).toEqual([CACHE_DIR(3), CACHE_DIR(4)]);
    expect(migrate("FROM debian:bookworm\nVOLUME /var/cache/bind\n").warnings).toEqual([]);
  });

  it("renames squid's proxy, chrony's _chrony and flags memcached -u memcache", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get install -y squid memcached chrony",
        "RUN chown proxy:proxy /var/spool/squid && chown -R _chrony /var/lib/chrony",
        "CMD memcached -u memcache",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      "RUN chown squid:squid /var/spool/squid && chown -R chrony /var/lib/chrony\n",
    );
    const messages = users(r);
    expect(messages).toContain(
      "proxy is the account Debian's squid package uses; Alpine's squid package creates squid:squid instead (no proxy): renamed proxy to squid as owner (line 3)",
    );
    expect(messages.some((m) => m.startsWith("line 4 names memcache: "))).toBe(true);
    // The base-user advice (adduser -S -D -H proxy) would make a second, unused account.
    expect(messages.some((m) => m.includes("adduser -S -D -H proxy"))).toBe(false);
  });

  it("still advises creating proxy when squid is not installed", () => {
    const r = migrate("FROM debian:bookworm\nRUN chown proxy /srv\n");
    expect(r.output).toContain("RUN chown proxy /srv");
    expect(users(r).some((m) => m.includes("adduser -S -D -H proxy"))).toBe(true);
  });

  it("leaves an account the file makes itself, and one no package of the stage makes", () => {
    const made = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y bind9\nRUN useradd -r bind2 && adduser --system bind\nUSER bind\n",
    );
    expect(made.output).toContain("USER bind\n");
    const none = migrate("FROM debian:bookworm\nUSER bind\n");
    expect(none.output).toContain("USER bind\n");
    expect(users(none)).toEqual([]);
  });

  it("answers check's question by name and installed packages", () => {
    expect(packageAccount("bind", ["bind"])?.alpine).toBe("named");
    expect(packageAccount("bind", ["bind9"])?.alpine).toBe("named");
    expect(packageAccount("proxy", ["nginx"])).toBeUndefined();
    expect(packageAccount("named", ["bind"])).toBeUndefined();
  });
});
