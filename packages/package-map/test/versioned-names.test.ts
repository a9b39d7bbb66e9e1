import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";

describe.each(KNOWN_RELEASES)("versioned and virtual Debian names on Alpine %s", (release) => {
  const pm = createPackageMap({ release });
  const alpine = (name: string) => pm.map(name).alpine;

  it("maps a GCC major to Alpine's one GCC, keeping the front end", () => {
    expect(alpine("gcc-12")).toEqual(["gcc"]);
    expect(alpine("g++-12")).toEqual(["g++"]);
    expect(alpine("g++-14")).toEqual(["g++"]);
    expect(alpine("gfortran-13")).toEqual(["gfortran"]);
  });

  it("maps Java 8's headless runtime to openjdk8-jre-base", () => {
    expect(alpine("openjdk-8-jre-headless")).toEqual(["openjdk8-jre-base"]);
  });

  it("maps libllvmN to that major's llvmN-libs when the release has it", () => {
    expect(alpine("libllvm15")).toEqual(["llvm15-libs"]);
  });

  it("maps every lld major, including to a default stream built without the major", () => {
    for (const name of ["lld-15", "lld-19", "lld-20", "liblld-19"]) {
      expect(pm.map(name).kind, name).not.toBe("unknown");
    }
    if (release === "3.21") {
      // 3.21's default LLVM 19 builds lld as plain lld; only lld18 has a major in its name.
      expect(pm.map("lld-15")).toMatchObject({
        alpine: ["lld"],
        versionChange: { family: "llvm", from: "15", to: "19" },
      });
      expect(pm.map("lld-19").reason).toMatch(/default llvm is 19, packaged without the major/);
    }
  });

  it("has no OpenSSL 1.0, and maps Debian's virtual and transitional names", () => {
    expect(pm.map("libssl1.0.0")).toMatchObject({ alpine: [], kind: "unknown" });
    expect(alpine("ssh-client")).toEqual(["openssh-client"]);
    expect(alpine("host")).toEqual(["bind-tools"]);
    expect(alpine("chromium-browser")).toEqual(["chromium"]);
  });
});

describe("Debian names that collide with or differ from Alpine's", () => {
  const pm = createPackageMap({ release: "3.23" });

  it("maps the MariaDB client core to the client, not the server", () => {
    expect(pm.map("mariadb-client-core").alpine).toEqual(["mariadb-client"]);
  });

  it("maps proj-bin to the PROJ programs, not the library", () => {
    expect(pm.map("proj-bin").alpine).toEqual(["proj-util"]);
  });

  it("maps Debian's Python yq to yq-python, not the Go yq that owns Alpine's yq name", () => {
    expect(pm.map("yq").alpine).toEqual(["yq-python"]);
  });

  it("maps DNS and search tools to the Alpine packages that ship their commands", () => {
    expect(pm.map("silversearcher-ag").alpine).toEqual(["the_silver_searcher"]);
    expect(pm.map("knot-dnsutils").alpine).toEqual(["knot-utils"]);
    expect(pm.map("ldnsutils", { commands: ["drill"] }).alpine).toEqual(["drill"]);
  });
});
