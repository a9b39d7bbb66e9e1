import { describe, expect, it } from "vitest";
import { packageMakingAccount, packageMayMakeGroup } from "../src/index.js";
import { migrate } from "./helpers.js";

const usersWarnings = (text: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === "users")
    .map((w) => w.message);

describe("groups the installed Alpine packages create", () => {
  it("takes varnish's group varnish as there for usermod -aG (varnish.pre-install makes it)", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y haproxy varnish && usermod -aG varnish haproxy\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache haproxy varnish && addgroup haproxy varnish\n",
    );
    expect(r.warnings.filter((w) => w.rule === "users")).toEqual([]);
  });

  it("still flags the group when its package is not installed", () => {
    expect(
      usersWarnings(
        "FROM debian:bookworm\nRUN apt-get install -y haproxy && usermod -aG varnish haproxy\n",
      ),
    ).toEqual([expect.stringMatching(/group varnish is not in Alpine's base image/)]);
  });

  it("does not let a package's name stand in for a Debian base group or a renamed account", () => {
    const sudo = migrate(
      "FROM debian:bookworm\nRUN apt-get install -y sudo && usermod -aG sudo app\n",
    );
    expect(sudo.output).toContain("addgroup -S sudo && addgroup app sudo");
    expect(packageMayMakeGroup("sudo", ["sudo"])).toBeUndefined();
    // Debian's bind9 makes group bind; Alpine's bind makes named.
    expect(packageMayMakeGroup("bind", ["bind"])).toBeUndefined();
    expect(packageMayMakeGroup("mysql", ["mariadb"])).toBe("mariadb");
    expect(packageMayMakeGroup("postgres", ["postgresql16"])).toBe("postgresql16");
  });

  it("tells a useradd of an account the package makes that it fails, from the table only", () => {
    expect(
      usersWarnings("FROM debian:bookworm\nRUN apt-get install -y varnish && useradd -r varnish\n"),
    ).toEqual([expect.stringMatching(/user varnish is created by Alpine's varnish package/)]);
    expect(packageMakingAccount("haproxy", "user", ["haproxy"])).toBe("haproxy");
    // A name prefix is only a guess: nodejs makes no node user.
    expect(packageMakingAccount("node", "user", ["nodejs"])).toBeUndefined();
  });
});
