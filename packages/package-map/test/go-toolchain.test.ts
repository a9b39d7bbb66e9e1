import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";
import { releaseIndex } from "../src/release-index.js";
import { aportsIndexFile } from "./aports-index.js";

/** go's pkgver in one release's aports index ("1.26.3"), when the index is there. */
function indexedGo(release: string): string | undefined {
  const file = aportsIndexFile(release);
  if (file === undefined) return undefined;
  const row = readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.split("\t"))
    .find((cols) => cols[1] === "go" && cols[2] === "go");
  return row?.[4]?.replace(/-r\d+$/, "");
}

describe.each(KNOWN_RELEASES)("Debian's Go toolchain names on Alpine %s", (release) => {
  const pm = createPackageMap({ release });
  const shipped = releaseIndex(release).version("go");
  const minor = shipped?.split(".").slice(0, 2).join(".");

  it("records the release's go version from the aports index", () => {
    expect(shipped).toMatch(/^1\.\d+\.\d+$/);
    const indexed = indexedGo(release);
    if (indexed) expect(shipped).toBe(indexed);
  });

  it("maps golang-X.Y-go and the golang-X.Y meta package to go, with the version change", () => {
    for (const name of ["golang-1.22-go", "golang-1.22"]) {
      const d = pm.map(name);
      expect(d, name).toMatchObject({
        alpine: ["go"],
        kind: "renamed",
        versionChange: { family: "go", from: "1.22", to: minor },
      });
      expect(d.reason).toContain(`Alpine ${release} has go ${shipped}`);
      expect(d.reason).toContain(`${name} asked for Go 1.22`);
    }
  });

  it("maps golang-X.Y-src into go, which carries the standard library's source", () => {
    expect(pm.map("golang-1.21-src")).toMatchObject({ alpine: ["go"], kind: "merged" });
    expect(pm.map("golang-src")).toMatchObject({ alpine: ["go"], kind: "merged" });
    expect(pm.map("golang-1.21-doc").alpine).toEqual(["go-doc"]);
  });

  it("sets no version change when the release ships the minor asked for", () => {
    const d = pm.map(`golang-${minor}-go`);
    expect(d.alpine).toEqual(["go"]);
    expect(d.versionChange).toBeUndefined();
  });

  it("keeps the Go modules note for Debian's Go library packages", () => {
    for (const name of ["golang-github-spf13-cobra-dev", "golang-golang-x-net-dev"]) {
      expect(pm.map(name), name).toMatchObject({ alpine: [], kind: "unknown" });
      expect(pm.map(name).reason, name).toMatch(/install it with go modules/);
    }
  });

  it("does not send other parts of Debian's Go toolchain to Go modules", () => {
    const d = pm.map("golang-1.22-race-detector-runtime");
    expect(d.kind).toBe("unknown");
    expect(d.reason).not.toMatch(/go modules/);
    expect(d.reason).toMatch(/Go toolchain/);
  });
});
