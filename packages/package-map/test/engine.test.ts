import { isAlpinizeError } from "@alpinize/errors";
import { describe, expect, it } from "vitest";
import { createPackageMap, DEFAULT_RELEASE } from "../src/index.js";

const pm = createPackageMap({ release: "3.23" });
const alpine = (name: string, commands?: string[]) =>
  pm.map(name, commands ? { commands } : {}).alpine;

describe("layers", () => {
  it("keeps names that exist unchanged", () => {
    expect(pm.map("curl")).toMatchObject({ alpine: ["curl"], kind: "exact", layer: "exact" });
  });

  it("prefers headers over runtime libraries for -dev packages", () => {
    expect(alpine("libssl-dev")).toEqual(["openssl-dev"]);
    expect(alpine("libsqlite3-dev")).toEqual(["sqlite-dev"]);
    expect(alpine("zlib1g-dev")).toEqual(["zlib-dev"]);
    expect(pm.map("zlib1g-dev").layer).toBe("upstream");
  });

  it("maps version-suffixed and t64 libraries by their upstream", () => {
    expect(alpine("libicu72")).toEqual(["icu-libs", "icu-data-full"]);
    expect(alpine("libicu74")).toEqual(["icu-libs", "icu-data-full"]);
    expect(alpine("libcurl4t64")).toEqual(["libcurl"]);
    expect(pm.map("libssl3t64").reason).toMatch(/64-bit time_t/);
  });

  it("chooses the smallest package when the commands used are known", () => {
    expect(alpine("libcap2-bin")).toEqual(["libcap-utils"]);
    expect(alpine("libcap2-bin", ["setcap"])).toEqual(["libcap-setcap"]);
    expect(alpine("libcap2-bin", ["setcap", "getcap"])).toEqual(["libcap-setcap", "libcap-getcap"]);
    expect(alpine("gettext-base", ["envsubst"])).toEqual(["gettext-envsubst"]);
    expect(pm.map("gettext-base", { commands: ["envsubst"] }).reason).toMatch(/smallest/);
  });

  it("does not narrow when the script also uses a command only the whole package has", () => {
    expect(alpine("gettext-base", ["envsubst", "gettext"])).toEqual(["gettext"]);
    expect(alpine("openssh-client", ["ssh-keygen"])).toEqual(["openssh-keygen"]);
    expect(alpine("openssh-client", ["ssh", "ssh-keygen"])).toEqual(["openssh-client"]);
    // Commands the package does not ship say nothing about it.
    expect(alpine("gettext-base", ["envsubst", "curl"])).toEqual(["gettext-envsubst"]);
  });

  it("drops an :arch qualifier but reports the name as given", () => {
    expect(pm.map("libc6-dev:amd64")).toMatchObject({
      debian: "libc6-dev:amd64",
      alpine: ["musl-dev"],
    });
  });

  it("says why a package is not needed", () => {
    const d = pm.map("apt-transport-https");
    expect(d).toMatchObject({ alpine: [], kind: "none", layer: "not-needed" });
    expect(d.reason).toMatch(/HTTPS/);
  });

  it("follows each release's default versions", () => {
    expect(createPackageMap({ release: "3.21" }).map("libclang-dev").alpine).toEqual([
      "clang19-dev",
    ]);
    expect(createPackageMap({ release: "3.24" }).map("libclang-dev").alpine).toEqual([
      "clang22-dev",
    ]);
    expect(alpine("postgresql-client-15")).toEqual(["postgresql18-client"]);
    expect(alpine("postgresql-client-16")).toEqual(["postgresql16-client"]);
  });

  it("maps language packages by prefix only when the target exists", () => {
    expect(alpine("python3-requests")).toEqual(["py3-requests"]);
    expect(alpine("libjson-perl")).toEqual(["perl-json"]);
    expect(pm.map("node-express").kind).toBe("unknown");
  });

  it("returns unknown with candidates that exist", () => {
    const d = pm.map("libfrobnicate-widget7");
    expect(d.kind).toBe("unknown");
    for (const c of d.candidates ?? []) expect(pm.exists(c)).toBe(true);
  });

  it("lets project overrides win, even over curated entries", () => {
    const custom = createPackageMap({
      release: "3.23",
      overrides: { "libssl-dev": ["libressl-dev"], "my-tool": [] },
    });
    expect(custom.map("libssl-dev")).toMatchObject({
      alpine: ["libressl-dev"],
      layer: "project-override",
    });
    expect(custom.map("my-tool")).toMatchObject({ alpine: [], kind: "none" });
  });
});

describe("explain", () => {
  it("returns the chain of evidence ending with the deciding layer", () => {
    const e = pm.explain("libicu72");
    expect(e.release).toBe("3.23");
    expect(e.steps.map((s) => s.layer)).toContain("upstream");
    expect(e.steps.at(-1)?.detail).toBe(e.decision.reason);
  });
});

describe("releases", () => {
  it("defaults to the newest release", () => {
    expect(createPackageMap().release).toBe(DEFAULT_RELEASE);
  });

  it("rejects a release without data with a stable code", () => {
    try {
      createPackageMap({ release: "2.9" });
      expect.unreachable();
    } catch (err) {
      expect(isAlpinizeError(err) && err.code).toBe("ALPINIZE_PACKAGES_UNKNOWN_RELEASE");
    }
  });
});

describe("notes on what the answer leaves unsaid", () => {
  const map = createPackageMap({ release: "3.24" });

  it("says when a name is only provided by a versioned package", () => {
    const d = map.map("clang-tools");
    expect(d.alpine).toEqual(["clang"]);
    expect(d.reason).toMatch(/clang is a name clang22 provides in Alpine 3\.24/);
    // A reason that already names the provider gets no second sentence.
    expect(map.map("lld").reason).not.toMatch(/is a name .* provides/);
  });

  it("says the architecture qualifier was dropped", () => {
    const d = map.map("libssl-dev:arm64");
    expect(d.alpine).toEqual(["openssl-dev"]);
    expect(d.reason).toMatch(/architecture qualifier :arm64 was dropped/);
    expect(map.map("libssl-dev").reason).not.toMatch(/architecture/);
  });
});

describe("versionChange", () => {
  it("is set when a versioned name is answered with another major, bundles included", () => {
    const map = createPackageMap({ release: "3.24" });
    expect(map.map("php8.2-fpm").versionChange).toMatchObject({ family: "php", from: "8.2" });
    expect(map.map("php8.2-mysql").versionChange).toMatchObject({ family: "php", from: "8.2" });
    expect(map.map("curl").versionChange).toBeUndefined();
  });

  it("maps the interpreter's own phpX.Y package, writing the version as PHP does", () => {
    const map = createPackageMap({ release: "3.24" });
    // The extensions Debian's PHP brings with it follow the interpreter (test/php-parts.test.ts).
    expect(map.map("php8.3").alpine[0]).toBe("php83");
    expect(map.map("php8.3").reason).toMatch(/php 8\.3 is packaged in Alpine 3\.24 as php83/);
    expect(map.map("php8.1").alpine[0]).toBe("php85");
    expect(map.map("php8.1").versionChange).toEqual({ family: "php", from: "8.1", to: "8.5" });
  });

  it("covers GCC, Python and Ruby, which Alpine ships one of per release", () => {
    const map = createPackageMap({ release: "3.24" });
    expect(map.map("gcc-12").versionChange).toEqual({ family: "gcc", from: "12", to: "15" });
    expect(map.map("g++-14").reason).toMatch(/ships one GCC \(15\)/);
    expect(map.map("gcc-15").versionChange).toBeUndefined();
    expect(map.map("python3.11").versionChange).toEqual({
      family: "python",
      from: "3.11",
      to: "3.14",
    });
    expect(map.map("python3.14-venv").versionChange).toBeUndefined();
    expect(map.map("ruby3.1-dev").versionChange).toEqual({
      family: "ruby",
      from: "3.1",
      to: "3.4",
    });
    // The same name on an older release is answered with that release's stream.
    const old = createPackageMap({ release: "3.21" });
    expect(old.map("python3.12").versionChange).toBeUndefined();
    expect(old.map("ruby3.4").versionChange).toEqual({ family: "ruby", from: "3.4", to: "3.3" });
  });
});
