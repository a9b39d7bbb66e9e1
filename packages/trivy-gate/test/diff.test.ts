import { describe, expect, it } from "vitest";
import { diffReports } from "../src/index.js";
import { HAVE_CORPUS, load, loadCorpus } from "./helpers.js";

describe("Debian -> Alpine diff", () => {
  const d = diffReports(load("debian.json"), load("alpine.json"));
  const ids = (list: { id: string; package: string }[]) => list.map((x) => `${x.id} ${x.package}`);

  it("keys on vulnerability id + package name, so renamed packages are removed + added", () => {
    expect(ids(d.removed)).toEqual([
      "CVE-2026-2002 zlib1g",
      "CVE-2026-2003 libc6",
      "CVE-2026-2004 libsystemd0",
    ]);
    expect(ids(d.added)).toEqual(["CVE-2026-2002 zlib", "CVE-2026-3001 musl"]);
    expect(ids(d.unchanged)).toEqual(["CVE-2026-2001 libssl3", "CVE-2026-2005 curl"]);
  });

  it("finds now-fixable and severity-changed findings, with the baseline's values", () => {
    expect(ids(d.nowFixable)).toEqual(["CVE-2026-2001 libssl3", "CVE-2026-2005 curl"]);
    expect(d.severityChanged).toHaveLength(1);
    expect(d.severityChanged[0]).toMatchObject({
      id: "CVE-2026-2005",
      severity: "HIGH",
      before: { severity: "MEDIUM", installed: "7.88.1-10+deb12u12" },
    });
  });

  it("the CVE-only view ignores package names", () => {
    expect(d.cves).toEqual({
      removed: ["CVE-2026-2003", "CVE-2026-2004"],
      added: ["CVE-2026-3001"],
      unchanged: ["CVE-2026-2001", "CVE-2026-2002", "CVE-2026-2005"],
    });
    expect(d.baseline).toMatchObject({
      artifactName: "example/web:debian",
      os: { family: "debian" },
    });
  });

  it("a report compared with itself has only unchanged findings", () => {
    const same = diffReports(load("statuses.json"), load("statuses.json"));
    expect([same.removed.length, same.added.length, same.nowFixable.length]).toEqual([0, 0, 0]);
    expect(same.unchanged).toHaveLength(load("statuses.json").findings.length);
  });

  it.skipIf(!HAVE_CORPUS)(
    "works on the real Trivy golden pair (debian-buster -> alpine-310)",
    () => {
      const real = diffReports(
        loadCorpus("trivy-golden__debian-buster.json.golden"),
        loadCorpus("trivy-golden__alpine-310.json.golden"),
      );
      expect(real.cves.removed).toEqual(["CVE-2019-18224", "CVE-2019-18276"]);
      expect(real.cves.added).toEqual(["CVE-2019-1549", "CVE-2019-1551"]);
      expect(real.added.map((x) => x.package).sort()).toEqual([
        "libcrypto1.1",
        "libcrypto1.1",
        "libssl1.1",
        "libssl1.1",
      ]);
    },
  );
});
