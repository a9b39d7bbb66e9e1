import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";

// Alpine builds only one part of some Debian sources' upstream; that part must not absorb the rest.
describe.each(KNOWN_RELEASES)("partial builds of an upstream on Alpine %s", (release) => {
  const pm = createPackageMap({ release });

  it("never sends systemd's binaries to systemd-boot", () => {
    for (const name of ["libudev1", "libpam-systemd", "systemd-timesyncd", "systemd-resolved"]) {
      expect(pm.map(name).alpine, name).not.toContain("systemd-boot");
    }
  });

  it("never sends inetutils' other tools to inetutils-syslogd", () => {
    for (const name of ["inetutils-traceroute", "inetutils-tools", "inetutils-inetd"]) {
      expect(pm.map(name).alpine, name).not.toContain("inetutils-syslogd");
    }
  });

  it("maps udev and libudev1 to eudev, not to an ambiguous virtual", () => {
    expect(pm.map("udev").alpine).toEqual(["eudev"]);
    expect(pm.map("libudev1").alpine).toEqual(["eudev-libs"]);
  });

  it("maps certbot's Python packages to Alpine's certbot packages", () => {
    expect(pm.map("python3-certbot").alpine).toEqual(["certbot"]);
    expect(pm.map("python3-certbot-nginx").alpine).toEqual(["certbot-nginx"]);
    expect(pm.map("python3-certbot-apache").alpine).toEqual(["certbot-apache"]);
    expect(pm.map("python3-certbot-dns-cloudflare").alpine).toEqual(["certbot-dns-cloudflare"]);
  });
});
