import { describe, expect, it } from "vitest";
import { accountRename, createdAccounts, namedAccounts } from "./account-names.js";

const words = (s: string) => s.split(" ");

describe("accountRename", () => {
  it("reads usermod -l and groupmod -n in their spellings", () => {
    const web = { kind: "user", from: "app", to: "web" };
    expect(accountRename("usermod", words("-l web app"))).toEqual(web);
    expect(accountRename("usermod", words("-lweb app"))).toEqual(web);
    expect(accountRename("usermod", words("--login web -d /home/web -m app"))).toEqual(web);
    expect(accountRename("usermod", words("-m -d /home/web --login=web app"))).toEqual(web);
    expect(accountRename("usermod", words("-aG staff -l web app"))).toEqual(web);
    expect(accountRename("groupmod", words("-g 1001 -n grp app"))).toEqual({
      kind: "group",
      from: "app",
      to: "grp",
    });
    expect(accountRename("groupmod", words("--new-name=grp app"))?.to).toBe("grp");
  });

  it("follows no call it cannot read: no new name, a variable, another root", () => {
    expect(accountRename("usermod", words("-aG staff app"))).toBeUndefined();
    expect(accountRename("usermod", words("-l $NEW app"))).toBeUndefined();
    expect(accountRename("usermod", ["-l", "web", "$OLD"])).toBeUndefined();
    expect(accountRename("usermod", words("-R /mnt -l web app"))).toBeUndefined();
    expect(accountRename("groupmod", words("-n grp"))).toBeUndefined();
    expect(accountRename("useradd", words("-l web app"))).toBeUndefined();
  });
});

describe("namedAccounts", () => {
  it("reads owners and the users commands run as", () => {
    expect(namedAccounts("chown", words("-R app:grp /srv"))).toEqual({
      users: ["app"],
      groups: ["grp"],
    });
    expect(namedAccounts("chown", words("--reference=/x /srv"))).toEqual({ users: [], groups: [] });
    expect(namedAccounts("chgrp", words("-R grp /srv")).groups).toEqual(["grp"]);
    expect(namedAccounts("su", words("-s /bin/sh -c id app")).users).toEqual(["app"]);
    expect(namedAccounts("su", words("- app")).users).toEqual(["app"]);
    expect(namedAccounts("runuser", words("-u app -- id")).users).toEqual(["app"]);
    expect(namedAccounts("sudo", words("-u app chown root /x")).users).toEqual(["app"]);
    expect(namedAccounts("gosu", words("app:grp id"))).toEqual({ users: ["app"], groups: ["grp"] });
    expect(namedAccounts("su-exec", words("1000 id")).users).toEqual([]);
    expect(namedAccounts("setpriv", words("--reuid=app --regid grp id"))).toEqual({
      users: ["app"],
      groups: ["grp"],
    });
  });

  it("reads the accounts user and group tools change", () => {
    expect(namedAccounts("usermod", words("-aG a,b app"))).toEqual({
      users: ["app"],
      groups: ["a", "b"],
    });
    expect(namedAccounts("addgroup", words("app grp"))).toEqual({
      users: ["app"],
      groups: ["grp"],
    });
    expect(namedAccounts("addgroup", words("-S grp"))).toEqual({ users: [], groups: [] });
    expect(namedAccounts("adduser", words("-D -G grp bob"))).toEqual({
      users: [],
      groups: ["grp"],
    });
    expect(namedAccounts("deluser", words("app"))).toEqual({ users: ["app"], groups: [] });
    expect(namedAccounts("gpasswd", words("-a app grp"))).toEqual({
      users: ["app"],
      groups: ["grp"],
    });
    expect(namedAccounts("groupdel", words("grp")).groups).toEqual(["grp"]);
    expect(namedAccounts("passwd", words("-d app")).users).toEqual(["app"]);
  });
});

describe("createdAccounts", () => {
  it("names what a creation makes, not a membership", () => {
    expect(createdAccounts("useradd", words("-u 1000 app"))).toEqual({
      users: ["app"],
      groups: ["app"],
    });
    expect(createdAccounts("addgroup", words("-g 1000 grp")).groups).toEqual(["grp"]);
    expect(createdAccounts("addgroup", words("app grp"))).toEqual({ users: [], groups: [] });
  });
});
