import { describe, expect, it } from "vitest";
import { parseVex, render } from "../src/index.js";
import { DIGEST, gate, IMAGE_ID, notAffected, reportJson, vexDoc } from "./fail-closed-fixtures.js";
import { thrown } from "./helpers.js";

// Holes a fresh tester found in the gate (their finding numbers): each case must block or refuse.

describe("finding 2: a VEX statement about an image applies only to that image", () => {
  const withMeta = {
    meta: { RepoDigests: [`ghcr.io/acme/x@${DIGEST}`], RepoTags: ["ghcr.io/acme/x:1"] },
  };

  it("a product naming another image (by digest) is ignored, and the gate says so", () => {
    const vex = parseVex(
      vexDoc([notAffected({ "@id": "pkg:oci/totally-different-image@sha256%3Aabc" })]),
      "v.json",
    );
    const e = gate(reportJson(withMeta), { vex });
    expect(e.passed).toBe(false);
    expect(e.blocking[0]?.id).toBe("CVE-2026-1");
    expect(e.vex.ignored).toHaveLength(1);
    expect(e.vex.ignored[0]?.reason).toContain("VEX statement for another image ignored");
    expect(e.warnings.join("\n")).toContain("VEX statement for another image ignored");
    expect(render(e, "text")).toContain("VEX statement for another image ignored");
  });

  it.each([
    ["its digest (RepoDigests)", `pkg:oci/x@${encodeURIComponent(DIGEST)}`],
    ["its image ID", `pkg:oci/x@${encodeURIComponent(IMAGE_ID)}`],
    ["its repository", "pkg:oci/x?repository_url=ghcr.io/acme/x"],
    ["its repository and tag", "pkg:oci/x?repository_url=ghcr.io/acme/x&tag=1"],
    ["its bare name", "pkg:oci/x"],
    ["a pkg:docker URL", "pkg:docker/acme/x@1?repository_url=ghcr.io"],
  ])("a product naming this image by %s applies", (_what, id) => {
    const vex = parseVex(vexDoc([notAffected({ "@id": id })]), "v.json");
    const e = gate(reportJson({ meta: { ...withMeta.meta, ImageID: IMAGE_ID } }), { vex });
    expect(e.vex.ignored).toEqual([]);
    expect(e.passed).toBe(true);
    expect(e.findings[0]?.disposition).toBe("vex");
  });

  it.each([
    ["another repository", "pkg:oci/x?repository_url=docker.io/acme/x"],
    ["another tag", "pkg:oci/x?repository_url=ghcr.io/acme/x&tag=2"],
    ["another digest", `pkg:oci/x@sha256%3A${"ef".repeat(32)}`],
    ["another Docker Hub image", "pkg:docker/library/nginx"],
  ])("a product naming %s does not apply", (_what, id) => {
    const vex = parseVex(vexDoc([notAffected({ "@id": id })]), "v.json");
    const e = gate(reportJson(withMeta), { vex });
    expect(e.passed).toBe(false);
    expect(e.vex.ignored[0]?.product).toBe(id);
  });

  it("subcomponents of another image's product do not apply either", () => {
    const product = {
      "@id": "pkg:oci/other?repository_url=ghcr.io/acme/other",
      subcomponents: [{ "@id": "pkg:apk/alpine/zlib" }],
    };
    const e = gate(reportJson(withMeta), { vex: parseVex(vexDoc([notAffected(product)])) });
    expect(e.passed).toBe(false);
    const same = { ...product, "@id": "pkg:oci/x?repository_url=ghcr.io/acme/x" };
    expect(gate(reportJson(withMeta), { vex: parseVex(vexDoc([notAffected(same)])) }).passed).toBe(
      true,
    );
  });

  it("a report that does not name its image gets no image-wide statements, and says why", () => {
    const vex = parseVex(vexDoc([notAffected({ "@id": "pkg:oci/x" })]), "v.json");
    const e = gate(reportJson({ name: "" }), { vex });
    expect(e.passed).toBe(false);
    expect(e.vex.ignored[0]?.reason).toContain("does not name its image");
  });

  it("a digest-pinned statement is not applied to a report without digests", () => {
    const vex = parseVex(vexDoc([notAffected({ "@id": `pkg:oci/x@sha256%3A${"ab".repeat(32)}` })]));
    const e = gate(reportJson(), { vex });
    expect(e.passed).toBe(false);
    expect(e.vex.ignored[0]?.reason).toContain("no digest");
  });
});

describe("finding 3: VEX timestamps are dates", () => {
  const two = (a: string, b: string) =>
    parseVex(
      vexDoc([
        { ...notAffected("pkg:apk/alpine/zlib"), timestamp: a },
        {
          vulnerability: "CVE-2026-1",
          products: ["pkg:apk/alpine/zlib"],
          status: "affected",
          timestamp: b,
        },
      ]),
      "v.json",
    );

  it("an offset is applied: 09:00-05:00 (14:00Z) is newer than 12:00Z", () => {
    expect(
      gate(reportJson(), { vex: two("2026-06-01T12:00:00Z", "2026-06-01T09:00:00-05:00") }).passed,
    ).toBe(false);
    expect(
      gate(reportJson(), { vex: two("2026-06-01T15:00:00Z", "2026-06-01T09:00:00-05:00") }).passed,
    ).toBe(true);
  });

  it("fractions are ordered as numbers: 10:00:00.5Z is newer than 10:00:00Z", () => {
    expect(
      gate(reportJson(), { vex: two("2026-06-01T10:00:00Z", "2026-06-01T10:00:00.5Z") }).passed,
    ).toBe(false);
    expect(
      gate(reportJson(), {
        vex: two("2026-06-01T10:00:00.0000002Z", "2026-06-01T10:00:00.0000001Z"),
      }).passed,
    ).toBe(true);
  });

  it("a tie goes to the most blocking status, in either order", () => {
    const t = "2026-06-01T10:00:00Z";
    expect(gate(reportJson(), { vex: two(t, "2026-06-01T11:00:00+01:00") }).passed).toBe(false);
    const reversed = parseVex(
      vexDoc([
        {
          vulnerability: "CVE-2026-1",
          products: ["pkg:apk/alpine/zlib"],
          status: "affected",
          timestamp: t,
        },
        { ...notAffected("pkg:apk/alpine/zlib"), timestamp: t },
      ]),
    );
    expect(gate(reportJson(), { vex: reversed }).passed).toBe(false);
  });

  it.each([
    ["zzz", "statements[0].timestamp"],
    ["2026-02-30T00:00:00Z", "statements[0].timestamp"],
    ["2026-06-01 12:00", "statements[0].timestamp"],
    ["2026-06-01T12:00:00", "statements[0].timestamp"],
  ])("an invalid timestamp %j is an error naming the statement", (ts, where) => {
    const err = thrown(() => two(ts, "2026-06-01T12:00:00Z"));
    expect(err.code).toBe("ALPINIZE_GATE_VEX_INVALID");
    expect(err.message).toContain(where);
    expect(err.exitCode).toBe(2);
  });

  it("an invalid document timestamp is an error too", () => {
    const err = thrown(() =>
      parseVex(vexDoc([notAffected("pkg:apk/alpine/zlib")], { timestamp: 5 })),
    );
    expect(err.message).toContain(": timestamp:");
  });
});
